/**
 * A parametric, particle-flow-like detector response. It is not a full simulation: there are no showers, no
 * confusion between clusters and no material effects beyond the looper rule. Each generated particle becomes
 * at most one reconstructed particle, with its true-jet label kept.
 */

import { Particles, azimuth, invariantMass, polarAngle, type JetEvent } from '../particles/index.js';
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
  validateDetector(detector, 'simulateDetector');
  const { random, looperRule } = resolveSimulateOptions(options);
  const particles = event?.particles;
  if (!(particles instanceof Particles)) {
    throw new TypeError('simulateDetector: event.particles: expected a Particles container');
  }
  const { charge, pdgId } = particles;
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
    const px = particles.px[i] as number;
    const py = particles.py[i] as number;
    const pz = particles.pz[i] as number;
    const energy = particles.e[i] as number;
    const q = charge[i] as number;
    const p = Math.hypot(px, py, pz);
    const absCosTheta = p > 0 ? Math.abs(pz) / p : 1;
    const inTracker = q !== 0 && absCosTheta <= detector.trackingMaxAbsCosTheta;
    const inCalorimeter = absCosTheta <= detector.calorimeterMaxAbsCosTheta;
    if (p === 0 || (!inTracker && !inCalorimeter)) {
      counts.outsideAcceptance++;
      continue;
    }
    const mass = invariantMass({ px, py, pz, e: energy });
    propagateToCalorimeter(px, py, pz, q, detector, impact);
    const isLooper = impact.region === IMPACT_REGION.looper;
    if (isLooper) counts.loopers++;

    // Track or cluster: the measured momentum magnitude and the reconstructed charge.
    let measuredP: number;
    let measuredCharge = q;
    const tracked =
      inTracker && (detector.trackingEfficiency >= 1 || random.uniform() < detector.trackingEfficiency);
    if (tracked) {
      const pT = Math.hypot(px, py);
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
    out.trueJet[k] = particles.trueJet === undefined ? -1 : (particles.trueJet[i] as number);
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
  return buildEvent(event, out, counts, particles.trueJet !== undefined);
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

function createOutput(n: number): Output {
  return {
    px: new Float64Array(n),
    py: new Float64Array(n),
    pz: new Float64Array(n),
    e: new Float64Array(n),
    charge: new Float64Array(n),
    pdgId: new Int32Array(n),
    trueJet: new Int32Array(n),
    theta: new Float64Array(n),
    phi: new Float64Array(n),
    region: new Uint8Array(n),
  };
}

function buildEvent(event: JetEvent, out: Output, counts: ResponseCounts, hasLabels: boolean): DetectorEvent {
  const m = counts.output;
  const particles = Particles.from({
    px: out.px.slice(0, m),
    py: out.py.slice(0, m),
    pz: out.pz.slice(0, m),
    e: out.e.slice(0, m),
    charge: out.charge.slice(0, m),
    pdgId: out.pdgId.slice(0, m),
    trueJet: hasLabels ? out.trueJet.slice(0, m) : undefined,
  });
  const impacts: CalorimeterImpacts = {
    theta: out.theta.slice(0, m),
    phi: out.phi.slice(0, m),
    region: out.region.slice(0, m),
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
