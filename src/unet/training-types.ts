/**
 * Data that training and inference steps exchange, shared by the single-thread executor and the worker
 * executor. Shapes follow tfjs: images [B, H, W, C] (NHWC, row-major Float32Array), heat maps [B, H, W, K]
 * with a softmax over the K output channels (K = nJets, or nJets + 1 with the "no jet" channel).
 */

// LossTargets is defined in src/loss, because the loss module may not import unet. It is re-exported here
// unchanged, so imports from this file keep working.
import type { LossTargets } from '../loss/loss-targets.js';

export type { LossTargets };

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
