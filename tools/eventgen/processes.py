"""Pythia 8 settings for each process the tool generates (all e+e- collisions, all-hadronic final states)."""

from __future__ import annotations

from dataclasses import dataclass

# Hadronic decays only: Z -> q qbar (q = d, u, s, c, b), W -> q qbar', H -> b bbar, t -> W b.
Z_TO_QUARKS = ["23:onMode = off", "23:onIfAny = 1 2 3 4 5"]
W_TO_QUARKS = ["24:onMode = off", "24:onIfAny = 1 2 3 4 5"]
H_TO_BB = ["25:onMode = off", "25:onIfMatch = 5 -5"]
T_TO_WB = ["6:onMode = off", "6:onIfMatch = 24 5"]


@dataclass(frozen=True)
class Process:
    """One generated process."""

    name: str
    description: str
    default_sqrt_s: float
    """Centre-of-mass energy in GeV used when --sqrts is not given."""
    primary_quarks: int
    """Number of primary quarks (true jets) per event."""
    settings: tuple[str, ...]
    """Pythia settings that select the hard process and force the decays."""
    uses_lhe: bool = False
    """True when the hard process comes from this tool's Les Houches writer instead of Pythia."""


PROCESSES: dict[str, Process] = {
    "zhh": Process(
        name="zhh",
        description="e+e- -> Z H H, Z -> q qbar, H -> b bbar (6 jets); hard process from the Les Houches writer",
        default_sqrt_s=500.0,
        primary_quarks=6,
        settings=tuple(H_TO_BB),
        uses_lhe=True,
    ),
    "tt": Process(
        name="tt",
        description="e+e- -> t tbar, t -> W b, W -> q qbar' (6 jets)",
        default_sqrt_s=500.0,
        primary_quarks=6,
        settings=("Top:ffbar2ttbar(s:gmZ) = on", *T_TO_WB, *W_TO_QUARKS),
    ),
    "zh": Process(
        name="zh",
        description="e+e- -> Z H, Z -> q qbar, H -> b bbar (4 jets)",
        default_sqrt_s=250.0,
        primary_quarks=4,
        settings=("HiggsSM:ffbar2HZ = on", *Z_TO_QUARKS, *H_TO_BB),
    ),
    "zz": Process(
        name="zz",
        description="e+e- -> Z Z, Z -> q qbar (4 jets); pure Z exchange, no gamma*",
        default_sqrt_s=250.0,
        primary_quarks=4,
        settings=("WeakDoubleBoson:ffbar2ZW = off", "WeakDoubleBoson:ffbar2gmZgmZ = on", "WeakZ0:gmZmode = 2",
                  *Z_TO_QUARKS),
    ),
    "ww": Process(
        name="ww",
        description="e+e- -> W+ W-, W -> q qbar' (4 jets)",
        default_sqrt_s=250.0,
        primary_quarks=4,
        settings=("WeakDoubleBoson:ffbar2WW = on", *W_TO_QUARKS),
    ),
}

COMMON_SETTINGS = (
    "Beams:idA = 11",  # e- along +z
    "Beams:idB = -11",
    # Particles with c tau > 10 mm are left undecayed (stable for the detector).
    "ParticleDecays:limitTau0 = on",
    "ParticleDecays:tau0Max = 10",
    "Next:numberCount = 0",
    "Next:numberShowEvent = 0",
    "Next:numberShowProcess = 0",
    "Next:numberShowInfo = 0",
    "Next:numberShowLHA = 0",
    "Init:showChangedSettings = off",
    "Init:showChangedParticleData = off",
    "Init:showProcesses = off",
    "Random:setSeed = on",
)


def isr_settings(isr: bool) -> tuple[str, ...]:
    """Settings for photon initial-state radiation from the beams (on: electron structure function + shower)."""
    if isr:
        return ("PDF:lepton = on", "PartonLevel:ISR = on")
    return ("PDF:lepton = off", "PartonLevel:ISR = off")
