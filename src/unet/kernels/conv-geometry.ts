import { backend_util } from '@tensorflow/tfjs-core';

/** Sizes, strides and paddings of a 2-D convolution in NHWC layout with dilation 1, as plain numbers. */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  /** Rows of zero padding above the input (pixels). */
  padTop: number;
  /** Rows of zero padding below the input (pixels). */
  padBottom: number;
  /** Columns of zero padding left of the input (pixels). */
  padLeft: number;
  /** Columns of zero padding right of the input (pixels). */
  padRight: number;
}

/** Padding attribute of the tfjs convolution kernels. */
export type ConvPad = 'valid' | 'same' | number | backend_util.ExplicitPadding;

/**
 * Computes the geometry of the forward convolution whose gradient a kernel computes, with tfjs's own
 * rules for 'same', 'valid' and explicit padding. Rejects the channels-first layout, which the wasm
 * backend's convolutions do not support either.
 */
export function convGeometry(
  kernelName: string,
  inShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number | [number, number],
  pad: ConvPad,
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined,
  dataFormat: 'NHWC' | 'NCHW',
): ConvGeometry {
  if (dataFormat !== 'NHWC') {
    throw new RangeError(`${kernelName}: dataFormat: expected 'NHWC' but got '${dataFormat}'`);
  }
  const info = backend_util.computeConv2DInfo(inShape, filterShape, strides, 1, pad, dimRoundingMode);
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padBottom: info.padInfo.bottom,
    padLeft: info.padInfo.left,
    padRight: info.padInfo.right,
  };
}

/**
 * Returns how many output rows (pairs of batch index and output row) one chunk may cover so that a
 * scratch matrix of `elementsPerRow` float32 values per output row stays within `maxElements`.
 */
export function rowsPerChunk(elementsPerRow: number, maxElements: number): number {
  return Math.max(1, Math.floor(maxElements / Math.max(1, elementsPerRow)));
}

/** Returns the shape of a rank-4 tensor as a tuple, or throws. */
export function shape4(shape: number[], kernelName: string, name: string): [number, number, number, number] {
  const [d0, d1, d2, d3] = shape;
  if (shape.length !== 4 || d0 === undefined || d1 === undefined || d2 === undefined || d3 === undefined) {
    throw new RangeError(`${kernelName}: ${name}: expected a rank-4 shape but got [${shape.join(', ')}]`);
  }
  return [d0, d1, d2, d3];
}
