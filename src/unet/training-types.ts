/**
 * Data that training and inference steps exchange, shared by the single-thread executor and the worker
 * executor. Shapes follow tfjs: images [B, H, W, C] (NHWC, row-major Float32Array), heat maps [B, H, W, K]
 * with a softmax over the K output channels (K = nJets, or nJets + 1 with the "no jet" channel).
 */

/**
 * Loss targets of one batch as plain typed arrays, so they can be posted to worker threads. One entry m
 * per labelled particle inside the acceptance.
 */
export interface LossTargets {
  /** [M] event index within the batch. */
  event: Int32Array;
  /** [M·4] flat pixel indices into the batch's B×H×W pixels (bilinear taps). */
  taps: Int32Array;
  /** [M·4] bilinear weights, summing to 1 per particle. */
  tapWeights: Float32Array;
  /** [M] true-jet label, already mapped to channel order when the ordering is 'energy'. */
  label: Int32Array;
  /** [M] E_track / E_jet of the particle's true jet. */
  weight: Float32Array;
  /** N: number of true jets in the batch (the loss's normalisation). */
  nJets: number;
  /** [B] number of true jets in each event. */
  nLabels: Int32Array;
}

/** One batch of images with their loss targets. */
export interface TrainingBatch {
  /** B×H×W×C pixel values, row-major. */
  images: Float32Array;
  /** [B, H, W, C]. */
  shape: [number, number, number, number];
  targets: LossTargets;
}

/** Runs training and inference steps on some backend and thread layout (one thread, or worker threads). */
export interface StepExecutor {
  /** Forward + backward on the batch, one Adam update; resolves to the batch loss. */
  trainStep(batch: TrainingBatch): Promise<number>;
  /** Loss on a batch without updating weights. */
  evaluateLoss(batch: TrainingBatch): Promise<number>;
  /** Heat maps B×H×W×K for images B×H×W×C. */
  predict(images: Float32Array, shape: [number, number, number, number]): Promise<Float32Array>;
  /** Current weights in model.getWeights() order, as Float32Arrays. */
  getWeights(): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}
