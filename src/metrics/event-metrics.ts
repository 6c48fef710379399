/**
 * Every metric of one clustering of one event against the event's true-jet labels.
 */

import type { JetEvent } from '../particles/index.js';
import { classifyDijet } from './dijet-categories.js';
import type { DijetCategory } from './dijet-categories.js';
import { pairJets } from './jet-pairing.js';
import type { PairedResonance } from './jet-pairing.js';
import { matchJets } from './jet-matching.js';
import { sumJetMomenta } from './jet-momenta.js';
import { misassignedEnergyFraction } from './misassigned-energy.js';
import { PAIRING_HYPOTHESES, parseProcessName } from './processes.js';
import type { ProcessName } from './processes.js';
import { CORRECT_JET_THRESHOLD, computeJetQualities, isFullyCorrectEvent } from './purity-efficiency.js';
import type { JetQualities, JetQuality } from './purity-efficiency.js';
import { computeSharedEnergy } from './shared-energy.js';
import { truthClustering } from './truth-clustering.js';
import type { ParticleClustering } from './truth-clustering.js';

/** Options of {@link evaluateClustering}. */
export interface EventMetricsOptions {
  /**
   * Process whose χ² pairing to apply, 'none' for no pairing, or undefined to take it from `event.process`
   * (no pairing when that is missing or unknown). Default: undefined.
   */
  process?: ProcessName | 'none';
  /** Purity and efficiency threshold of a correct jet. Default: 0.95. */
  threshold?: number;
}

/** A paired resonance with the dijet category of its two jets (of the W inside a top quark). */
export interface EvaluatedResonance extends PairedResonance {
  category: DijetCategory;
}

/** Metrics of one clustering of one event. */
export interface EventClusteringMetrics {
  /** Number of reco jets. */
  nJets: number;
  /** Number of true jets. */
  nTrueJets: number;
  /** Labelled visible energy in GeV. */
  labelledEnergy: number;
  misassignedEnergyFraction: number;
  fullyCorrect: boolean;
  jets: JetQualities;
  /** χ² pairing, when a process hypothesis applies and the jet count fits it. */
  pairing?: { process: ProcessName; chi2: number; resonances: EvaluatedResonance[] };
}

/**
 * Computes the misassigned energy fraction, per-jet purity and efficiency, the fully-correct flag and, for a
 * known process, the χ² pairing with dijet masses and categories.
 *
 * @throws TypeError when the particles carry no true-jet labels.
 * @throws RangeError when the clustering does not fit the event or the event has no labelled energy.
 */
export function evaluateClustering(
  event: JetEvent,
  clustering: ParticleClustering,
  options: EventMetricsOptions = {},
): EventClusteringMetrics {
  const { particles } = event;
  if (clustering.particleJet.length !== particles.length) {
    throw new RangeError(
      `evaluateClustering: clustering: expected ${particles.length} jet indices (one per particle) but got ${clustering.particleJet.length}`,
    );
  }
  const truth = truthClustering(event);
  const threshold = options.threshold ?? CORRECT_JET_THRESHOLD;
  const overlap = computeSharedEnergy(
    particles.e,
    clustering.particleJet,
    truth.particleJet,
    clustering.nJets,
    truth.nJets,
  );
  const matching = matchJets(overlap);
  const jets = computeJetQualities(overlap, matching);
  const metrics: EventClusteringMetrics = {
    nJets: clustering.nJets,
    nTrueJets: truth.nJets,
    labelledEnergy: overlap.labelledEnergy,
    misassignedEnergyFraction: misassignedEnergyFraction(overlap, matching),
    fullyCorrect: isFullyCorrectEvent(jets, threshold),
    jets,
  };

  const process = options.process === undefined ? parseProcessName(event.process) : options.process;
  if (process === undefined || process === 'none') return metrics;
  const hypothesis = PAIRING_HYPOTHESES[process];
  if (hypothesis.nJets !== clustering.nJets) return metrics;

  const pairing = pairJets(sumJetMomenta(particles, clustering), hypothesis);
  const resonances = pairing.resonances.map((resonance): EvaluatedResonance => {
    const [a, b] = resonance.dijet?.jets ?? resonance.jets;
    const quality = (jet: number | undefined): JetQuality => jets.reco[jet as number] as JetQuality;
    return { ...resonance, category: classifyDijet(quality(a), quality(b), threshold) };
  });
  metrics.pairing = { process, chi2: pairing.chi2, resonances };
  return metrics;
}
