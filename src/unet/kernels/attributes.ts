import type { backend_util, NamedAttrMap } from '@tensorflow/tfjs-core';
import type { ConvPad } from './conv-geometry';

/** Attributes shared by the convolution gradient kernels, read and checked from the engine's map. */
export interface ConvGradientAttrs {
  strides: number | [number, number];
  pad: ConvPad;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode: 'floor' | 'round' | 'ceil' | undefined;
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function isExplicitPadding(value: unknown): value is backend_util.ExplicitPadding {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((pair) => isNumberArray(pair) && pair.length === 2)
  );
}

/** Reads a rank-4 shape attribute such as `filterShape` or `inputShape`. */
export function readShapeAttr(attrs: NamedAttrMap, name: string, kernelName: string): number[] {
  const value = attrs[name];
  if (!isNumberArray(value) || value.length !== 4) {
    throw new TypeError(`${kernelName}: ${name}: expected 4 numbers but got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Reads `strides`, `pad`, `dataFormat` and `dimRoundingMode` of Conv2DBackpropFilter or -Input. */
export function readConvGradientAttrs(attrs: NamedAttrMap, kernelName: string): ConvGradientAttrs {
  const strides: unknown = attrs.strides;
  const pad: unknown = attrs.pad;
  const dataFormat: unknown = attrs.dataFormat;
  const dimRoundingMode: unknown = attrs.dimRoundingMode;

  let checkedStrides: number | [number, number];
  if (typeof strides === 'number') {
    checkedStrides = strides;
  } else if (isNumberArray(strides) && strides.length === 2) {
    checkedStrides = [strides[0] ?? 1, strides[1] ?? 1];
  } else {
    throw new TypeError(
      `${kernelName}: strides: expected a number or 2 numbers but got ${JSON.stringify(strides)}`,
    );
  }

  let checkedPad: ConvPad;
  if (pad === 'same' || pad === 'valid' || typeof pad === 'number' || isExplicitPadding(pad)) {
    checkedPad = pad;
  } else {
    throw new TypeError(
      `${kernelName}: pad: expected 'same', 'valid', a number or explicit padding but got ${JSON.stringify(pad)}`,
    );
  }

  if (dataFormat !== 'NHWC' && dataFormat !== 'NCHW') {
    throw new TypeError(
      `${kernelName}: dataFormat: expected 'NHWC' or 'NCHW' but got ${JSON.stringify(dataFormat)}`,
    );
  }
  if (
    dimRoundingMode !== undefined &&
    dimRoundingMode !== 'floor' &&
    dimRoundingMode !== 'round' &&
    dimRoundingMode !== 'ceil'
  ) {
    throw new TypeError(
      `${kernelName}: dimRoundingMode: expected 'floor', 'round' or 'ceil' but got ${JSON.stringify(dimRoundingMode)}`,
    );
  }
  return { strides: checkedStrides, pad: checkedPad, dataFormat, dimRoundingMode };
}
