/**
 * A parametric, particle-flow-like detector response. It is not a full simulation: there are no showers, no
 * confusion between clusters and no material effects beyond the looper rule. Each generated particle becomes
 * at most one reconstructed particle, with its true-jet label kept.
 */

import { Particles, azimuth, polarAngle, type JetEvent } from '../particles/index.js';
import {
  IMPACT_REGION,
  type CalorimeterImpacts,
  type DetectorEvent,
  type LooperRule,
  type ResponseCounts,
} from './detector-event.js';
import { ILD_DETECTOR, validateDetector, type Detector } from './detector.js';
import { propagateToCalorimeter, type Impact } from './propagate.js';
import { createRandom, type RandomSource } from './random.js';
import { smearCalorimeterEnergy, smearTransverseMomentum } from './smearing.js';

/** Options of {@link simulateDetector}. */
export interface SimulateOptions {
  /** Integer seed of a new random generator for this event. Default 0. Give each event its own seed. */
  seed?: number;
  /** A generator to draw from instead of a seeded one, to continue one stream over many events. */
  random?: RandomSource;
  /** Treatment of charged particles that never reach the calorimeter. Default `'momentumDirection'`. */
  looperRule?: LooperRule;
}

/** Default options of {@link simulateDetector}. */
export const DEFAULT_SIMULATE_OPTIONS: Readonly<{ seed: number; looperRule: LooperRule }> = Object.freeze({
  seed: 0,
  looperRule: 'momentumDirection',
});

/**
 * Applies the detector response to an event and returns the reconstructed event.
 *
 * - Neutrinos (PDG ±12, ±14, ±16) are removed.
 * - A charged particle inside the tracking acceptance is reconstructed, with the tracking efficiency, as a
 *   track: 1/pT is smeared with the track resolution, the direction and the mass are kept.
 * - A charged particle whose track is lost but which is inside the calorimeter acceptance becomes a neutral
 *   cluster (ECAL resolution for e±, HCAL otherwise). A lost muon leaves only a small deposit and is dropped.
 * - Photons get the ECAL resolution and other neutral particles the HCAL resolution, on their energy, with the
 *   direction and mass kept. A cluster whose smeared energy is not above its mass is dropped and counted.
 * - Particles outside both acceptances are removed.
 *
 * Every kept particle's calorimeter impact comes from {@link propagateToCalorimeter} with its true momentum.
 * Loopers follow `options.looperRule`. The input event is not changed.
 *
 * @example
 * const reconstructed = simulateDetector(event, ILD_DETECTOR, { seed: event.eventNumber ?? 0 });
 * @throws TypeError when the particles lack a charge or pdgId column, or for invalid options or detector.
 * @throws RangeError for a detector value outside its range.
 */
export function simulateDetector(
  event: JetEvent,
  detector: Detector = ILD_DETECTOR,
  options: SimulateOptions = {},
): DetectorEvent {
  if (!checkedDetectors.has(detector)) {
    validateDetector(detector, 'simulateDetector');
    if (isDeeplyFrozen(detector)) checkedDetectors.add(detector);
  }
  const { random, looperRule } = resolveSimulateOptions(options);
  const particles = event?.particles;
  if (!(particles instanceof Particles)) {
    throw new TypeError('simulateDetector: event.particles: expected a Particles container');
  }
  const { px: inPx, py: inPy, pz: inPz, e: inE, charge, pdgId, trueJet } = particles;
  if (charge === undefined || pdgId === undefined) {
    throw new TypeError(
      'simulateDetector: event.particles: expected charge and pdgId columns, which tell tracks, photons, ' +
        'neutral hadrons and neutrinos apart',
    );
  }
  const n = particles.length;
  const out = createOutput(n);
  const counts: ResponseCounts = {
    input: n,
    neutrinos: 0,
    outsideAcceptance: 0,
    lostTracks: 0,
    loopers: 0,
    lostClusters: 0,
    output: 0,
  };
  const impact: Impact = { theta: NaN, phi: NaN, region: IMPACT_REGION.looper };

  for (let i = 0; i < n; i++) {
    const id = pdgId[i] as number;
    const absId = Math.abs(id);
    if (absId === 12 || absId === 14 || absId === 16) {
      counts.neutrinos++;
      continue;
    }
    const px = inPx[i] as number;
    const py = inPy[i] as number;
    const pz = inPz[i] as number;
    const energy = inE[i] as number;
    const q = charge[i] as number;
    // Math.sqrt rather than Math.hypot: hypot is several times slower in V8 and this loop is hot.
    const p = Math.sqrt(px * px + py * py + pz * pz);
    const absCosTheta = p > 0 ? Math.abs(pz) / p : 1;
    const inTracker = q !== 0 && absCosTheta <= detector.trackingMaxAbsCosTheta;
    const inCalorimeter = absCosTheta <= detector.calorimeterMaxAbsCosTheta;
    if (p === 0 || (!inTracker && !inCalorimeter)) {
      counts.outsideAcceptance++;
      continue;
    }
    const massSquared = energy * energy - p * p;
    const mass = massSquared > 0 ? Math.sqrt(massSquared) : 0;
    propagateToCalorimeter(px, py, pz, q, detector, impact);
    const isLooper = impact.region === IMPACT_REGION.looper;
    if (isLooper) counts.loopers++;

    // Track or cluster: the measured momentum magnitude and the reconstructed charge.
    let measuredP: number;
    let measuredCharge = q;
    const tracked =
      inTracker && (detector.trackingEfficiency >= 1 || random.uniform() < detector.trackingEfficiency);
    if (tracked) {
      const pT = Math.sqrt(px * px + py * py);
      measuredP =
        pT > 0 ? (p * smearTransverseMomentum(pT, pT / p, detector.trackResolution, random)) / pT : p;
      if (isLooper && looperRule === 'drop') continue;
    } else {
      if (q !== 0) {
        counts.lostTracks++;
        // Without a track, a looper or a muon leaves no usable cluster.
        if (isLooper || absId === 13 || !inCalorimeter) continue;
        measuredCharge = 0;
      }
      const resolution = absId === 22 || absId === 11 ? detector.ecalResolution : detector.hcalResolution;
      const measuredE = smearCalorimeterEnergy(energy, resolution, random);
      if (!(measuredE > mass)) {
        counts.lostClusters++;
        continue;
      }
      measuredP = Math.sqrt(measuredE * measuredE - mass * mass);
    }

    const scale = measuredP / p;
    const k = counts.output++;
    out.px[k] = px * scale;
    out.py[k] = py * scale;
    out.pz[k] = pz * scale;
    out.e[k] = Math.sqrt(measuredP * measuredP + mass * mass);
    out.charge[k] = measuredCharge;
    out.pdgId[k] = id;
    out.trueJet[k] = trueJet === undefined ? -1 : (trueJet[i] as number);
    if (isLooper) {
      // The 'momentumDirection' rule: the deposit sits where the track points at the interaction point.
      out.theta[k] = polarAngle(px, py, pz);
      out.phi[k] = azimuth(px, py);
    } else {
      out.theta[k] = impact.theta;
      out.phi[k] = impact.phi;
    }
    out.region[k] = impact.region;
  }
  return buildEvent(event, out, counts, trueJet !== undefined);
}

/** Frozen detectors that passed validation once, such as {@link ILD_DETECTOR}; they cannot change since. */
const checkedDetectors = new WeakSet<Detector>();

function isDeeplyFrozen(detector: Detector): boolean {
  return (
    Object.isFrozen(detector) &&
    Object.isFrozen(detector.trackResolution) &&
    Object.isFrozen(detector.ecalResolution) &&
    Object.isFrozen(detector.hcalResolution)
  );
}

interface Output {
  px: Float64Array;
  py: Float64Array;
  pz: Float64Array;
  e: Float64Array;
  charge: Float64Array;
  pdgId: Int32Array;
  trueJet: Int32Array;
  theta: Float64Array;
  phi: Float64Array;
  region: Uint8Array;
}

/** Output columns as views of one buffer, because each buffer allocation is costly next to the loop. */
function createOutput(n: number): Output {
  const buffer = new ArrayBuffer(n * (7 * 8 + 2 * 4 + 1));
  const doubles = new Float64Array(buffer, 0, 7 * n);
  const integers = new Int32Array(buffer, 7 * 8 * n, 2 * n);
  return {
    px: doubles.subarray(0, n),
    py: doubles.subarray(n, 2 * n),
    pz: doubles.subarray(2 * n, 3 * n),
    e: doubles.subarray(3 * n, 4 * n),
    charge: doubles.subarray(4 * n, 5 * n),
    theta: doubles.subarray(5 * n, 6 * n),
    phi: doubles.subarray(6 * n, 7 * n),
    pdgId: integers.subarray(0, n),
    trueJet: integers.subarray(n, 2 * n),
    region: new Uint8Array(buffer, (7 * 8 + 2 * 4) * n, n),
  };
}

/** Wraps the first `counts.output` entries of each column, without copying, into the output event. */
function buildEvent(event: JetEvent, out: Output, counts: ResponseCounts, hasLabels: boolean): DetectorEvent {
  const m = counts.output;
  const particles = Particles.from({
    px: out.px.subarray(0, m),
    py: out.py.subarray(0, m),
    pz: out.pz.subarray(0, m),
    e: out.e.subarray(0, m),
    charge: out.charge.subarray(0, m),
    pdgId: out.pdgId.subarray(0, m),
    trueJet: hasLabels ? out.trueJet.subarray(0, m) : undefined,
  });
  const impacts: CalorimeterImpacts = {
    theta: out.theta.subarray(0, m),
    phi: out.phi.subarray(0, m),
    region: out.region.subarray(0, m),
  };
  return { ...event, particles, impacts, counts };
}

function resolveSimulateOptions(options: SimulateOptions): { random: RandomSource; looperRule: LooperRule } {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`simulateDetector: options: expected an object but got ${String(options)}`);
  }
  if (options.seed !== undefined && options.random !== undefined) {
    throw new TypeError('simulateDetector: options: give either seed or random, not both');
  }
  const looperRule = options.looperRule ?? DEFAULT_SIMULATE_OPTIONS.looperRule;
  if (looperRule !== 'momentumDirection' && looperRule !== 'drop') {
    throw new RangeError(
      `simulateDetector: options.looperRule: expected 'momentumDirection' or 'drop' but got ${String(looperRule)}`,
    );
  }
  if (options.random !== undefined) return { random: options.random, looperRule };
  const seed = options.seed ?? DEFAULT_SIMULATE_OPTIONS.seed;
  if (!Number.isSafeInteger(seed)) {
    throw new TypeError(`simulateDetector: options.seed: expected a safe integer but got ${String(seed)}`);
  }
  return { random: createRandom(seed), looperRule };
}
