"""Les Houches events for e+e- -> Z H H with Z -> q qbar, written for Pythia 8 to shower and hadronise.

Pythia 8 has no built-in ZHH process, so this module generates the hard process itself.

Matrix-element approximation: |M|^2 is taken as constant, so the events are distributed as flat three-body
phase space (Z, H, H) at each partonic energy sqrt(s_hat), with the flux factor 1/s_hat. The Z is
unpolarised and decays isotropically in its rest frame. The Z mass follows a Breit-Wigner in
[m_Z - 15 Gamma_Z, m_Z + 15 Gamma_Z]; the Higgs bosons are on shell and left undecayed, for Pythia to decay
them. With initial-state radiation on, each beam's energy fraction x is drawn from the leading-log electron
structure function, and Pythia's photon shower then emits the photons backwards from the incoming
electrons.

The cross section written to the file starts from a reference value at 500 GeV without ISR (see
ZHH_REFERENCE_CROSS_SECTION_PB). It is scaled by the approximate matrix element's mean weight at the
requested sqrt(s) and ISR setting, divided by its mean weight at the reference point, and multiplied by the
branching fractions. It is an estimate, not a calculation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

ELECTRON_MASS = 0.51099895e-3  # GeV
ALPHA_EM = 1.0 / 137.035999

# NOTE: a literature value of sigma(e+e- -> ZHH) for unpolarised beams at sqrt(s) = 500 GeV and
# m_H = 125 GeV (about 0.16 fb), used only to fill the cross-section record; it does not shape the events.
ZHH_REFERENCE_CROSS_SECTION_PB = 0.16e-3
ZHH_REFERENCE_SQRT_S = 500.0  # GeV
ZHH_THRESHOLD_MARGIN = 1e-9  # GeV; keeps sqrt(s_hat) strictly above m_Z + 2 m_H for the phase space


@dataclass(frozen=True)
class ZhhParameters:
    """Masses, widths and Z -> q qbar branching fractions, taken from Pythia's particle data."""

    sqrt_s: float
    isr: bool
    z_mass: float
    z_width: float
    higgs_mass: float
    quark_ids: tuple[int, ...]
    quark_branching: tuple[float, ...]
    higgs_to_bb: float


def zhh_parameters_from_pythia(pythia, sqrt_s: float, isr: bool) -> ZhhParameters:
    """Read the Z and H masses, the Z width and the Z -> q qbar (q = d, u, s, c, b) fractions from Pythia."""
    data = pythia.particleData
    z = data.particleDataEntryPtr(23)
    quark_ids, branching = [], []
    for i in range(z.sizeChannels()):
        channel = z.channel(i)
        if channel.multiplicity() == 2 and 1 <= channel.product(0) <= 5:
            quark_ids.append(channel.product(0))
            branching.append(channel.bRatio())
    higgs = data.particleDataEntryPtr(25)
    higgs_to_bb = sum(
        higgs.channel(i).bRatio()
        for i in range(higgs.sizeChannels())
        if sorted((higgs.channel(i).product(0), higgs.channel(i).product(1))) == [-5, 5]
    )
    return ZhhParameters(
        sqrt_s=sqrt_s,
        isr=isr,
        z_mass=data.m0(23),
        z_width=data.mWidth(23),
        higgs_mass=data.m0(25),
        quark_ids=tuple(quark_ids),
        quark_branching=tuple(branching),
        higgs_to_bb=higgs_to_bb,
    )


def _two_body_momentum(m: np.ndarray, m1: np.ndarray | float, m2: np.ndarray | float) -> np.ndarray:
    """Momentum of either daughter in the rest frame of a parent of mass m decaying to masses m1, m2."""
    lam = (m * m - (m1 + m2) ** 2) * (m * m - (m1 - m2) ** 2)
    return np.sqrt(np.maximum(lam, 0.0)) / (2.0 * m)


def _isotropic_directions(rng: np.random.Generator, n: int) -> np.ndarray:
    cos_theta = rng.uniform(-1.0, 1.0, n)
    phi = rng.uniform(-math.pi, math.pi, n)
    sin_theta = np.sqrt(1.0 - cos_theta * cos_theta)
    return np.stack([sin_theta * np.cos(phi), sin_theta * np.sin(phi), cos_theta], axis=1)


def _boost(p: np.ndarray, beta: np.ndarray) -> np.ndarray:
    """Boost four-momenta p (n, 4: px, py, pz, E) by velocities beta (n, 3)."""
    b2 = np.sum(beta * beta, axis=1)
    gamma = 1.0 / np.sqrt(1.0 - b2)
    bp = np.sum(beta * p[:, :3], axis=1)
    gamma2 = np.where(b2 > 0.0, (gamma - 1.0) / np.where(b2 > 0.0, b2, 1.0), 0.0)
    out = np.empty_like(p)
    out[:, :3] = p[:, :3] + (gamma2 * bp + gamma * p[:, 3])[:, None] * beta
    out[:, 3] = gamma * (p[:, 3] + bp)
    return out


def _four_vectors(momentum: np.ndarray, direction: np.ndarray, mass: np.ndarray | float) -> np.ndarray:
    p3 = momentum[:, None] * direction
    e = np.sqrt(momentum * momentum + np.asarray(mass) ** 2)
    return np.concatenate([p3, e[:, None]], axis=1)


def _structure_function_fractions(rng: np.random.Generator, n: int, s: float) -> tuple[np.ndarray, np.ndarray]:
    """Draw energy fractions x and their weights from the leading-log electron structure function.

    D(x) = (beta/2)(1-x)^(beta/2-1)(1 + 3beta/8) - (beta/4)(1+x), beta = (2 alpha/pi)(ln(s/m_e^2) - 1).
    The power-law part is sampled exactly (1 - x = u^(2/beta)); the remainder is the weight, clipped at 0.
    """
    beta = 2.0 * ALPHA_EM / math.pi * (math.log(s / ELECTRON_MASS**2) - 1.0)
    y = rng.uniform(0.0, 1.0, n) ** (2.0 / beta)
    x = 1.0 - y
    leading = (beta / 2.0) * (1.0 + 3.0 * beta / 8.0) * np.power(np.maximum(y, 1e-300), beta / 2.0 - 1.0)
    weight = np.maximum(1.0 - (beta / 4.0) * (1.0 + x) / leading, 0.0)
    return x, weight


@dataclass
class HardEvents:
    """A batch of hard-process kinematics: rows are events, momenta are (px, py, pz, E) in GeV."""

    x1: np.ndarray
    x2: np.ndarray
    z: np.ndarray
    higgs1: np.ndarray
    higgs2: np.ndarray
    quark: np.ndarray
    antiquark: np.ndarray
    quark_id: np.ndarray
    weight: np.ndarray


def _propose(rng: np.random.Generator, params: ZhhParameters, n: int) -> HardEvents:
    # Proposals below the ZHH threshold get weight 0, and their kinematics (possibly NaN) are never used.
    with np.errstate(invalid="ignore", divide="ignore"):
        return _propose_unchecked(rng, params, n)


def _propose_unchecked(rng: np.random.Generator, params: ZhhParameters, n: int) -> HardEvents:
    s = params.sqrt_s**2
    if params.isr:
        x1, w1 = _structure_function_fractions(rng, n, s)
        x2, w2 = _structure_function_fractions(rng, n, s)
    else:
        x1 = x2 = np.ones(n)
        w1 = w2 = np.ones(n)
    s_hat = x1 * x2 * s
    sqrt_s_hat = np.sqrt(s_hat)

    # Z mass from a Breit-Wigner truncated to m_Z +- 15 Gamma_Z.
    half_range = math.atan(2.0 * 15.0)
    t = np.tan(rng.uniform(-half_range, half_range, n))
    m_z = params.z_mass + 0.5 * params.z_width * t
    m_h = params.higgs_mass

    # Flat three-body phase space: m23 uniform, then the weight |p_Z| |p_H*| / sqrt(s_hat) (times 1/s_hat flux).
    m23_max = sqrt_s_hat - m_z
    open_ = m23_max > 2.0 * m_h + ZHH_THRESHOLD_MARGIN
    m23 = 2.0 * m_h + rng.uniform(0.0, 1.0, n) * np.maximum(m23_max - 2.0 * m_h, 0.0)
    p_z = _two_body_momentum(sqrt_s_hat, m_z, m23)
    p_h = _two_body_momentum(np.maximum(m23, 2.0 * m_h), m_h, m_h)
    phase_space = (m23_max - 2.0 * m_h) * p_z * p_h / sqrt_s_hat
    weight = np.where(open_, w1 * w2 * phase_space / s_hat, 0.0)

    z_dir = _isotropic_directions(rng, n)
    z = _four_vectors(p_z, z_dir, m_z)
    hh = np.concatenate([-z[:, :3], (sqrt_s_hat - z[:, 3])[:, None]], axis=1)
    h_dir = _isotropic_directions(rng, n)
    h_rest = _four_vectors(p_h, h_dir, m_h)
    h_rest_opposite = np.concatenate([-h_rest[:, :3], h_rest[:, 3:]], axis=1)
    hh_beta = hh[:, :3] / hh[:, 3:4]
    higgs1 = _boost(h_rest, hh_beta)
    higgs2 = _boost(h_rest_opposite, hh_beta)

    q_dir = _isotropic_directions(rng, n)
    q_rest = _four_vectors(m_z / 2.0, q_dir, 0.0)
    qbar_rest = np.concatenate([-q_rest[:, :3], q_rest[:, 3:]], axis=1)
    z_beta = z[:, :3] / z[:, 3:4]
    quark = _boost(q_rest, z_beta)
    antiquark = _boost(qbar_rest, z_beta)

    # Boost from the partonic centre-of-mass frame to the lab along z (e- moves along +z with fraction x1).
    beta_z = np.zeros((n, 3))
    beta_z[:, 2] = (x1 - x2) / (x1 + x2)
    branching = np.asarray(params.quark_branching) / sum(params.quark_branching)
    quark_id = rng.choice(np.asarray(params.quark_ids), size=n, p=branching)
    return HardEvents(
        x1=x1,
        x2=x2,
        z=_boost(z, beta_z),
        higgs1=_boost(higgs1, beta_z),
        higgs2=_boost(higgs2, beta_z),
        quark=_boost(quark, beta_z),
        antiquark=_boost(antiquark, beta_z),
        quark_id=quark_id,
        weight=weight,
    )


def _max_weight(rng: np.random.Generator, params: ZhhParameters) -> tuple[float, float]:
    """Estimate the maximum and the mean event weight from a scan of 200,000 proposals."""
    weights = _propose(rng, params, 200_000).weight
    return float(weights.max()) * 1.2, float(weights.mean())


def _format_event(events: HardEvents, i: int, params: ZhhParameters) -> str:
    e_beam = params.sqrt_s / 2.0
    x1, x2 = float(events.x1[i]), float(events.x2[i])
    q_id = int(events.quark_id[i])
    scale = math.sqrt(x1 * x2) * params.sqrt_s
    rows = [
        (11, -1, 0, 0, 0, 0, (0.0, 0.0, x1 * e_beam, x1 * e_beam), 0.0),
        (-11, -1, 0, 0, 0, 0, (0.0, 0.0, -x2 * e_beam, x2 * e_beam), 0.0),
        (23, 2, 1, 2, 0, 0, tuple(events.z[i]), None),
        (25, 1, 1, 2, 0, 0, tuple(events.higgs1[i]), params.higgs_mass),
        (25, 1, 1, 2, 0, 0, tuple(events.higgs2[i]), params.higgs_mass),
        (q_id, 1, 3, 3, 501, 0, tuple(events.quark[i]), 0.0),
        (-q_id, 1, 3, 3, 0, 501, tuple(events.antiquark[i]), 0.0),
    ]
    lines = [f"<event>\n {len(rows)} 1 1.0 {scale:.10e} {ALPHA_EM:.10e} 0.1180000000e+00"]
    for pdg, status, m1, m2, col, acol, p, mass in rows:
        px, py, pz, e = (float(v) for v in p)
        if mass is None:
            mass = math.sqrt(max(e * e - px * px - py * py - pz * pz, 0.0))
        lines.append(
            f" {pdg} {status} {m1} {m2} {col} {acol} {px:.16e} {py:.16e} {pz:.16e} {e:.16e} {mass:.16e} 0. 9."
        )
    lines.append("</event>")
    return "\n".join(lines) + "\n"


def write_zhh_lhe(path: str, params: ZhhParameters, n_events: int, seed: int) -> float:
    """Write n_events unweighted ZHH events to a Les Houches file and return the cross section in pb."""
    rng = np.random.default_rng(seed)
    max_weight, mean_weight = _max_weight(rng, params)
    reference = ZhhParameters(**{**params.__dict__, "isr": False, "sqrt_s": ZHH_REFERENCE_SQRT_S})
    reference_mean = _max_weight(rng, reference)[1]
    z_to_quarks = sum(params.quark_branching)
    cross_section = (
        ZHH_REFERENCE_CROSS_SECTION_PB
        * (mean_weight / reference_mean)
        * z_to_quarks
        * params.higgs_to_bb**2
    )

    e_beam = params.sqrt_s / 2.0
    chunks = [
        '<LesHouchesEvents version="1.0">\n<init>\n',
        f" 11 -11 {e_beam:.10e} {e_beam:.10e} 0 0 0 0 3 1\n",
        f" {cross_section:.10e} {0.0:.10e} 1.0 1\n</init>\n",
    ]
    written = 0
    while written < n_events:
        batch = _propose(rng, params, 20_000)
        accept = rng.uniform(0.0, max_weight, batch.weight.size) < batch.weight
        for i in np.flatnonzero(accept):
            if written == n_events:
                break
            chunks.append(_format_event(batch, int(i), params))
            written += 1
    chunks.append("</LesHouchesEvents>\n")
    with open(path, "w", encoding="ascii") as handle:
        handle.write("".join(chunks))
    return cross_section
