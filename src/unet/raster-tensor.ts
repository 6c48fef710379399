/** Batch rasterization straight into a tfjs tensor, for training and prediction. */

import * as tf from '@tensorflow/tfjs-core';
import { rasterizeBatch, type RasterBatch, type RasterInput, type RasterOptions } from '../geometry/index.js';

/** A batch of detector images as a tensor, with the grid coordinates of every event's particles. */
export interface RasterTensorBatch extends Omit<RasterBatch, 'images'> {
  /** Images as a float32 tensor of shape [batchSize, height, width, channels]; the caller disposes it. */
  images: tf.Tensor4D;
}

/**
 * Rasterizes `inputs` into one buffer (see {@link rasterizeBatch}) and wraps it in one float32 tensor of shape
 * [batchSize, height, width, channels], with no tensor per event. Every call allocates a fresh buffer and
 * hands it to the tensor: the CPU backend keeps the array it is given without copying it, so a buffer reused
 * across batches would change tensors that are still alive.
 *
 * @throws TypeError or RangeError for invalid options or inputs, as {@link rasterizeBatch}.
 */
export function rasterizeBatchToTensor(
  inputs: readonly RasterInput[],
  options?: RasterOptions,
): RasterTensorBatch {
  const batch = rasterizeBatch(inputs, options);
  const images = tf.tensor4d(
    batch.images,
    [batch.batchSize, batch.height, batch.width, batch.channels],
    'float32',
  );
  return { ...batch, images };
}
