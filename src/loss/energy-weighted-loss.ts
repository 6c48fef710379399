/**
 * The energy-weighted log loss of the colorizer, on tfjs tensors:
 *
 *   L = −1/N Σ_jet Σ_track (E_track / E_jet) log max(y_track, ε),
 *
 * where y_track is the predicted probability of the track's true-jet channel, read from the heat maps at
 * the particle's grid coordinates by bilinear interpolation, and N is the number of true jets in the batch
 * (see {@link buildLossTargets}). The gradient flows to the heat maps through the bilinear taps.
 */

import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions; importing tfjs-layers registers them (tfjs 4.22), so
// the loss can be differentiated without a model. The deep import of tfjs-core's gradients fails in Node.
import '@tensorflow/tfjs-layers';

import { matchLabelsToChannels } from './label-matching.js';
import { resolveLossOptions, type LossOptions } from './loss-options.js';
import type { LossTargets } from './loss-targets.js';

/**
 * Computes the energy-weighted log loss of heat maps `yPred` [B, H, W, K] against `targets`, as a scalar.
 * With the 'permutation' ordering the heat-map values are read back once to match labels to channels.
 * When the batch has no labelled particle the loss is 0, still connected to `yPred` so that gradients exist.
 *
 * @throws RangeError for invalid options or targets that do not fit `yPred`.
 */
export function energyWeightedLogLoss(
  targets: LossTargets,
  yPred: tf.Tensor,
  options: Partial<LossOptions> = {},
): tf.Scalar {
  const resolved = resolveLossOptions(options);
  checkTargets(targets, yPred);
  const channels = yPred.shape[3] as number;
  const m = targets.label.length;
  return tf.tidy(() => {
    if (m === 0 || targets.nJets === 0) return tf.mul(tf.sum(yPred), 0) as tf.Scalar;
    const probabilities = particleChannelProbabilities(targets, yPred);
    const labels =
      resolved.ordering === 'permutation'
        ? matchLabelsToChannels(targets, probabilities.dataSync(), channels, resolved)
        : targets.label;
    const mask = tf.oneHot(tf.tensor1d(labels, 'int32'), channels);
    const yTrack = tf.sum(tf.mul(probabilities, mask), 1);
    const logY = tf.log(tf.clipByValue(yTrack, resolved.epsilon, 1));
    const total = tf.sum(tf.mul(logY, tf.tensor1d(targets.weight, 'float32')));
    return tf.mul(total, -1 / targets.nJets) as tf.Scalar;
  });
}

/**
 * Reads the heat maps at every target particle: an [M, K] tensor of Σ_t w_t · yPred[tap_t, k] over the
 * particle's four bilinear taps.
 */
export function particleChannelProbabilities(targets: LossTargets, yPred: tf.Tensor): tf.Tensor2D {
  const channels = yPred.shape[3] as number;
  const m = targets.label.length;
  return tf.tidy(() => {
    const pixels = tf.reshape(yPred, [-1, channels]) as tf.Tensor2D;
    const rows = gatherRows(pixels, targets.taps);
    const weights = tf.tensor3d(targets.tapWeights, [m, 4, 1], 'float32');
    return tf.sum(tf.mul(tf.reshape(rows, [m, 4, channels]), weights), 1) as tf.Tensor2D;
  });
}

/**
 * Gathers rows of `table` [R, K]. The gradient is a scatter-add (ScatterNd), a kernel that the CPU, WebGL
 * and WebAssembly backends have, whereas the default gradient of a gather needs UnsortedSegmentSum, which the WebAssembly
 * backend of tfjs 4.22 lacks.
 */
function gatherRows(table: tf.Tensor2D, indices: Int32Array): tf.Tensor2D {
  const [rowCount, channels] = table.shape;
  // The index tensors are made from `indices` in each pass, because tensors made in the forward pass are
  // disposed before the backward pass runs.
  const gather = tf.customGrad((...inputs: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = inputs[0];
    if (!(x instanceof tf.Tensor)) throw new TypeError('gatherRows: expected a tensor input');
    return {
      value: tf.gather(x, tf.tensor1d(indices, 'int32')) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor) =>
        tf.scatterND(tf.tensor2d(indices, [indices.length, 1], 'int32'), dy, [rowCount, channels]),
    };
  });
  return gather(table) as tf.Tensor2D;
}

function checkTargets(targets: LossTargets, yPred: tf.Tensor): void {
  if (yPred.rank !== 4) {
    throw new RangeError(
      `energyWeightedLogLoss: yPred: expected heat maps [B, H, W, K] but got shape [${yPred.shape.join(', ')}]`,
    );
  }
  const [batch, height, width] = yPred.shape as [number, number, number, number];
  const m = targets.label.length;
  if (targets.taps.length !== 4 * m || targets.tapWeights.length !== 4 * m || targets.weight.length !== m) {
    throw new RangeError(
      `energyWeightedLogLoss: targets: expected 4·M taps and M weights for M = ${m} particles but got ` +
        `${targets.taps.length} taps and ${targets.weight.length} weights`,
    );
  }
  if (targets.nLabels.length !== batch) {
    throw new RangeError(
      `energyWeightedLogLoss: targets: expected ${batch} events (the batch of yPred) but got ${targets.nLabels.length}`,
    );
  }
  const pixels = batch * height * width;
  for (let i = 0; i < targets.taps.length; i++) {
    const tap = targets.taps[i] as number;
    if (tap < 0 || tap >= pixels) {
      throw new RangeError(
        `energyWeightedLogLoss: targets: expected tap pixels in [0, ${pixels}) but tap ${i} is ${tap}`,
      );
    }
  }
}
