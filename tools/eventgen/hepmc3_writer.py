"""HepMC3 Asciiv3 text for the tool's events, with the truth attributes documented in docs/truth-labels.md.

Each event contains the two beam particles (status 4) joined at one vertex to every final-state particle
(status 1). The rest of Pythia's record (shower, strings, decayed hadrons) is dropped, because the labels
already record the jet of each particle. Particles with exactly zero energy (empty beam-remnant photons) are
dropped as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from truth import Record, Truth

HEPMC_VERSION = "3.02.05"  # the Asciiv3 revision written by pyhepmc 2.16 (HepMC3 3.2.x)


def _number(value: float, digits: int) -> str:
    return format(value, f".{digits}g")


def _escape(text: str) -> str:
    """Escape a tool-line field: HepMC3 separates fields with '|' and escapes a literal one as '\\|'."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def file_header(tool: str, version: str, description: str) -> str:
    """Opening lines of an Asciiv3 file, with the generating tool recorded on the T line."""
    return (
        f"HepMC::Version {HEPMC_VERSION}\n"
        "HepMC::Asciiv3-START_EVENT_LISTING\n"
        f"T {_escape(tool)}\\|{_escape(version)}\\|{_escape(description)}\n"
    )


FILE_FOOTER = "HepMC::Asciiv3-END_EVENT_LISTING\n"

# Stands in for the cross section until the run ends, so every event of a run gets the final estimate.
CROSS_SECTION_PLACEHOLDER = "@CROSS_SECTION@"


def fill_cross_section(events: str, cross_section_pb: float, error_pb: float, accepted: int, attempted: int) -> str:
    """Replace the placeholder in formatted events with HepMC3's GenCrossSection value, error and counts."""
    value = f"{cross_section_pb:.8e} {error_pb:.8e} {accepted} {attempted}"
    return events.replace(CROSS_SECTION_PLACEHOLDER, value)


@dataclass(frozen=True)
class EventInfo:
    """Event-level facts written as attributes."""

    number: int
    process: str
    sqrt_s: float
    """Centre-of-mass energy of the beams in GeV."""
    isr: bool


def format_event(record: Record, truth: Truth, info: EventInfo, digits: int = 12) -> str:
    """Format one event as Asciiv3 lines: header, attributes, beams, the vertex and the final-state particles."""
    beams = [i for i, status in enumerate(record.status) if status == -12]  # Pythia's beam particles
    final = [i for i, status in enumerate(record.status) if status > 0 and record.e[i] != 0.0]
    n_particles = len(beams) + len(final)

    def momentum(i: int) -> str:
        return " ".join(
            _number(v, digits) for v in (record.px[i], record.py[i], record.pz[i], record.e[i], record.m[i])
        )

    def four_vectors(indices: list[int]) -> str:
        return " ".join(
            _number(v, digits) for i in indices for v in (record.px[i], record.py[i], record.pz[i], record.e[i])
        )

    lines = [
        f"E {info.number} 1 {n_particles}",
        "U GEV MM",
        "W 1",
        f"A 0 GenCrossSection {CROSS_SECTION_PLACEHOLDER}",
        f"A 0 process {info.process}",
        f"A 0 sqrt_s {_number(info.sqrt_s, digits)}",
        f"A 0 isr {1 if info.isr else 0}",
        f"A 0 parton_pdg {' '.join(str(record.pdg[i]) for i in truth.partons)}",
        f"A 0 parton_momenta {four_vectors(truth.partons)}",
        f"A 0 parton_boson {' '.join(str(b) for b in truth.parton_boson)}",
        f"A 0 boson_pdg {' '.join(str(record.pdg[i]) for i in truth.bosons)}",
        f"A 0 boson_momenta {four_vectors(truth.bosons)}",
        f"A 0 boson_parent {' '.join(str(p) for p in truth.boson_parent)}",
    ]
    first_final_id = len(beams) + 1
    for k, i in enumerate(final):
        lines.append(f"A {first_final_id + k} true_jet {truth.labels[i]}")
    for k, i in enumerate(beams):
        lines.append(f"P {k + 1} 0 {record.pdg[i]} {momentum(i)} 4")
    lines.append(f"V -1 0 [{','.join(str(k + 1) for k in range(len(beams)))}]")
    for k, i in enumerate(final):
        lines.append(f"P {first_final_id + k} -1 {record.pdg[i]} {momentum(i)} 1")
    return "\n".join(lines) + "\n"
