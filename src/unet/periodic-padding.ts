/**
 * A padding layer for detector images: periodic along φ (the width axis), zero along θ (the height axis).
 */

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import { periodicPad } from './kernels/periodic-pad.js';

/** Options of {@link PeriodicPadding2D}. */
export interface PeriodicPadding2DArgs {
  /** Rows of zeros added above and below (θ axis). Default 1. */
  heightPadding?: number;
  /** Columns copied from the opposite φ edge onto each side (width axis). Default 1. */
  widthPadding?: number;
  /** Layer name; tfjs makes a unique one when omitted. */
  name?: string;
}

/**
 * Pads NHWC images [B, H, W, C] to [B, H + 2·heightPadding, W + 2·widthPadding, C]. The first columns
 * receive the last `widthPadding` columns of the image and the last columns the first ones, so φ wraps
 * around for a convolution with 'valid' padding that follows. Registered with
 * `tf.serialization.registerClass`, so models that contain it save and load back.
 */
export class PeriodicPadding2D extends tfl.layers.Layer {
  static readonly className = 'PeriodicPadding2D';
  readonly heightPadding: number;
  readonly widthPadding: number;

  constructor(args: PeriodicPadding2DArgs = {}) {
    super(args.name === undefined ? {} : { name: args.name });
    this.heightPadding = checkPadding('heightPadding', args.heightPadding ?? 1);
    this.widthPadding = checkPadding('widthPadding', args.widthPadding ?? 1);
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = singleShape(inputShape);
    const [batch, height, width, channels] = shape;
    return [
      batch ?? null,
      height == null ? null : height + 2 * this.heightPadding,
      width == null ? null : width + 2 * this.widthPadding,
      channels ?? null,
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (x === undefined || x.rank !== 4) {
        throw new TypeError(
          `PeriodicPadding2D: input: expected a rank-4 tensor [B, H, W, C] but got rank ${x?.rank ?? 'none'}`,
        );
      }
      const width = x.shape[2] as number;
      const pw = this.widthPadding;
      if (pw > width) {
        throw new RangeError(
          `PeriodicPadding2D: input: expected a width ≥ widthPadding = ${pw} but got ${width}`,
        );
      }
      // One copy per row with the registered kernel (setupBackend), slices and concatenations elsewhere.
      return periodicPad(x as tf.Tensor4D, this.heightPadding, pw);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heightPadding: this.heightPadding, widthPadding: this.widthPadding };
  }
}

tf.serialization.registerClass(PeriodicPadding2D);

function checkPadding(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(
      `PeriodicPadding2D: ${name}: expected a non-negative integer but got ${String(value)}`,
    );
  }
  return value;
}

function singleShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
  const first = inputShape[0];
  const shape = Array.isArray(first) ? first : inputShape;
  if (shape.length !== 4 || shape.some((d) => Array.isArray(d))) {
    throw new TypeError(
      `PeriodicPadding2D: inputShape: expected [B, H, W, C] but got ${JSON.stringify(inputShape)}`,
    );
  }
  return shape as tfl.Shape;
}
