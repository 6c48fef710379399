// Public API of jetcolor/clustering; filled in module by module.
export { clusterDurham, DEFAULT_DURHAM_OPTIONS } from './durham.js';
export type { DurhamOptions } from './durham.js';
export { ClusterSequence } from './cluster-sequence.js';
export type { Jet } from './cluster-sequence.js';
export type { DurhamMergeHistory } from './durham-loop.js';
