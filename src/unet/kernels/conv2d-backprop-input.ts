import { Conv2D, Conv2DBackpropInput } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { readConvGradientAttrs, readShapeAttr } from './attributes';
import { convGeometry, rowsPerChunk, shape4, type ConvGeometry } from './conv-geometry';
import {
  allocateFloat32,
  asWasmBackend,
  heapView,
  requireInput,
  runWasmKernel,
  SCRATCH_ELEMENTS,
  wasmMatMul,
} from './wasm-helpers';

/**
 * Stride 1: the input gradient is a forward convolution of dy with the filter rotated by 180° and its
 * channel axes swapped. The padding on each side is (filter size − 1 − forward padding), and XNNPACK's
 * convolution does all the work.
 */
function viaForwardConvolution(
  backend: BackendWasm,
  dy: TensorInfo,
  filter: TensorInfo,
  g: ConvGeometry,
): TensorInfo {
  const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = g;
  const flipped = allocateFloat32(backend, [fh, fw, co, ci]);
  const target = heapView(backend, flipped);
  const source = heapView(backend, filter);
  for (let kh = 0; kh < fh; kh++) {
    for (let kw = 0; kw < fw; kw++) {
      const dst = (kh * fw + kw) * co * ci;
      const src = ((fh - 1 - kh) * fw + (fw - 1 - kw)) * ci * co;
      for (let c = 0; c < ci; c++) {
        for (let o = 0; o < co; o++) target[dst + o * ci + c] = source[src + c * co + o] ?? 0;
      }
    }
  }
  const pad = [
    [0, 0],
    [fh - 1 - g.padTop, fh - 1 - g.padBottom],
    [fw - 1 - g.padLeft, fw - 1 - g.padRight],
    [0, 0],
  ];
  const dx = runWasmKernel(
    Conv2D,
    backend,
    { x: dy, filter: flipped },
    {
      strides: [1, 1],
      pad,
      dataFormat: 'NHWC',
      dilations: [1, 1],
    },
  );
  backend.disposeData(flipped.dataId);
  return dx;
}

/** Adds each column-matrix row p = (b, oh, ow) of output rows [r0, r1) back to the input pixels it came from. */
function scatterColumns(
  dx: Float32Array,
  columns: Float32Array,
  g: ConvGeometry,
  r0: number,
  r1: number,
): void {
  const filterRows = g.filterHeight * g.filterWidth * g.inChannels;
  let colBase = 0;
  for (let r = r0; r < r1; r++) {
    const b = Math.floor(r / g.outHeight);
    const oh = r - b * g.outHeight;
    for (let ow = 0; ow < g.outWidth; ow++, colBase += filterRows) {
      for (let kh = 0; kh < g.filterHeight; kh++) {
        const ih = oh * g.strideHeight - g.padTop + kh;
        if (ih < 0 || ih >= g.inHeight) continue;
        for (let kw = 0; kw < g.filterWidth; kw++) {
          const iw = ow * g.strideWidth - g.padLeft + kw;
          if (iw < 0 || iw >= g.inWidth) continue;
          const dst = ((b * g.inHeight + ih) * g.inWidth + iw) * g.inChannels;
          const src = colBase + (kh * g.filterWidth + kw) * g.inChannels;
          for (let c = 0; c < g.inChannels; c++) dx[dst + c] = (dx[dst + c] ?? 0) + (columns[src + c] ?? 0);
        }
      }
    }
  }
}

/**
 * Any stride: the column matrix dy · Wᵀ ([positions, FH·FW·CI]) from XNNPACK's GEMM, scattered back
 * onto the input pixels (col2im), in chunks of output rows.
 */
function viaColumns(backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, g: ConvGeometry): TensorInfo {
  const filterRows = g.filterHeight * g.filterWidth * g.inChannels;
  const co = g.outChannels;
  const transposedFilter = allocateFloat32(backend, [1, co, filterRows]);
  const target = heapView(backend, transposedFilter);
  const source = heapView(backend, filter);
  for (let k = 0; k < filterRows; k++) {
    for (let o = 0; o < co; o++) target[o * filterRows + k] = source[k * co + o] ?? 0;
  }

  const dx = allocateFloat32(backend, [g.batch, g.inHeight, g.inWidth, g.inChannels]);
  heapView(backend, dx).fill(0);
  const totalRows = g.batch * g.outHeight;
  const chunkRows = rowsPerChunk(filterRows * g.outWidth, SCRATCH_ELEMENTS);
  for (let r0 = 0; r0 < totalRows; r0 += chunkRows) {
    const r1 = Math.min(totalRows, r0 + chunkRows);
    const positions = (r1 - r0) * g.outWidth;
    const dyChunk = allocateFloat32(backend, [1, positions, co]);
    heapView(backend, dyChunk).set(
      heapView(backend, dy).subarray(r0 * g.outWidth * co, r1 * g.outWidth * co),
    );
    const columns = wasmMatMul(backend, dyChunk, transposedFilter);
    scatterColumns(heapView(backend, dx), heapView(backend, columns), g, r0, r1);
    backend.disposeData(columns.dataId);
    backend.disposeData(dyChunk.dataId);
  }
  backend.disposeData(transposedFilter.dataId);
  return dx;
}

/**
 * Gradient of a 2-D convolution with respect to its input, also the forward pass of a transposed
 * convolution. Replaces the wasm backend's own kernel, a direct loop in C++: on 8×64×64×32 → 32
 * channels with a 3×3 filter, this one was 7.7× faster at stride 1 and 2.3× faster at stride 2
 * (development machine, tfjs 4.22).
 */
function conv2DBackpropInput(args: {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}): TensorInfo {
  const backend = asWasmBackend(args.backend, Conv2DBackpropInput);
  const dy = requireInput(args.inputs, 'dy', Conv2DBackpropInput);
  const filter = requireInput(args.inputs, 'filter', Conv2DBackpropInput);
  const attrs = args.attrs ?? {};
  const { strides, pad, dataFormat, dimRoundingMode } = readConvGradientAttrs(attrs, Conv2DBackpropInput);
  const inputShape = shape4(
    readShapeAttr(attrs, 'inputShape', Conv2DBackpropInput),
    Conv2DBackpropInput,
    'inputShape',
  );
  const g = convGeometry(
    Conv2DBackpropInput,
    inputShape,
    shape4(filter.shape, Conv2DBackpropInput, 'filter'),
    strides,
    pad,
    dimRoundingMode,
    dataFormat,
  );

  const unitStride = g.strideHeight === 1 && g.strideWidth === 1;
  const padFitsFilter =
    Math.max(g.padTop, g.padBottom) < g.filterHeight && Math.max(g.padLeft, g.padRight) < g.filterWidth;
  return unitStride && padFitsFilter
    ? viaForwardConvolution(backend, dy, filter, g)
    : viaColumns(backend, dy, filter, g);
}

/** Conv2DBackpropInput for the 'wasm' backend, built on XNNPACK's convolution and GEMM. */
export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput,
};
