// Public API of jetcolor/clustering; filled in module by module.
export { clusterDurham, DEFAULT_DURHAM_OPTIONS } from './durham.js';
export type { DurhamOptions } from './durham.js';
export { ClusterSequence } from './cluster-sequence.js';
export type { Jet } from './cluster-sequence.js';
export type { DurhamMergeHistory } from './durham-loop.js';
export {
  buildMinijets,
  DEFAULT_MINIJET_OPTIONS,
  minijetOfParticle,
  validateMinijetOptions,
} from './minijets.js';
export type { MinijetOptions } from './minijets.js';
export {
  assignMinijets,
  ASSIGNMENT_METHODS,
  DEFAULT_ASSIGNMENT_OPTIONS,
  resolveAssignmentOptions,
} from './assign.js';
export type { AssignmentInput, AssignmentMethod, AssignmentOptions, JetAssignment } from './assign.js';
export { guidedDurhamClusters } from './assign-guided.js';
export { maximumWeightAssignment } from '../particles/index.js';
