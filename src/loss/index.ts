// Public API of jetcolor/loss: the energy-weighted log loss, its targets and label-to-channel matching.
export { energyWeightedLogLoss, particleChannelProbabilities } from './energy-weighted-loss.js';
export { energyWeightedLogLossReference } from './loss-reference.js';
export { DEFAULT_LOSS_OPTIONS, resolveLossOptions } from './loss-options.js';
export type { LabelOrdering, LossOptions } from './loss-options.js';
export { buildLossTargets, DEFAULT_LOSS_TARGET_OPTIONS } from './loss-targets.js';
export type { LabelledEvent, LossTargetOptions, LossTargets } from './loss-targets.js';
export { matchLabelsToChannels } from './label-matching.js';
export { solveAssignment } from './hungarian.js';
