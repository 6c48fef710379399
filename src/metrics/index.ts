// Public API of jetcolor/metrics: jet matching, purity and efficiency, χ² pairing, RMS90 and dijet categories.
export { computeSharedEnergy } from './shared-energy.js';
export type { SharedEnergy } from './shared-energy.js';
export { matchJets } from './jet-matching.js';
export type { JetMatching } from './jet-matching.js';
export { misassignedEnergyFraction } from './misassigned-energy.js';
export {
  CORRECT_JET_THRESHOLD,
  computeJetQualities,
  isCorrectJet,
  isFullyCorrectEvent,
} from './purity-efficiency.js';
export type { JetQualities, JetQuality } from './purity-efficiency.js';
export { RMS90_FRACTION, computeRms90 } from './rms90.js';
export type { Rms90Result } from './rms90.js';
export { PAIRING_HYPOTHESES, parseProcessName } from './processes.js';
export type { PairingHypothesis, ProcessName, Resonance } from './processes.js';
export { pairJets } from './jet-pairing.js';
export type { JetPairing, PairedResonance } from './jet-pairing.js';
export { DIJET_CATEGORIES, classifyDijet } from './dijet-categories.js';
export type { DijetCategory } from './dijet-categories.js';
export { truthClustering } from './truth-clustering.js';
export type { ParticleClustering } from './truth-clustering.js';
export { sumJetMomenta } from './jet-momenta.js';
export { evaluateClustering } from './event-metrics.js';
export type { EvaluatedResonance, EventClusteringMetrics, EventMetricsOptions } from './event-metrics.js';
export { collectResonanceMasses, summarizeClustering } from './summary.js';
export type { ClusteringSummary } from './summary.js';
