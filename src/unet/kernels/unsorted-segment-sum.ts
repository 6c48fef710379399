import { UnsortedSegmentSum, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { asWasmBackend, requireInput } from './wasm-helpers';

/**
 * out[s, …] = Σ_{i : segmentIds[i] = s} x[i, …] for s in [0, numSegments); rows whose id lies outside
 * that range are dropped, as in TensorFlow. The gradient of a gather (GatherV2) calls it.
 */
function unsortedSegmentSum(args: {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}): TensorInfo {
  const backend = asWasmBackend(args.backend, UnsortedSegmentSum);
  const x = requireInput(args.inputs, 'x', UnsortedSegmentSum);
  const segmentIds = requireInput(args.inputs, 'segmentIds', UnsortedSegmentSum);
  const numSegments: unknown = args.attrs?.numSegments;
  if (typeof numSegments !== 'number' || !Number.isInteger(numSegments) || numSegments < 0) {
    throw new RangeError(
      `${UnsortedSegmentSum}: numSegments: expected an integer ≥ 0 but got ${String(numSegments)}`,
    );
  }
  const rows = x.shape[0] ?? 1;
  const ids = segmentIds.shape.length === 0 ? 1 : util.sizeFromShape(segmentIds.shape);
  if (ids !== rows) {
    throw new RangeError(`${UnsortedSegmentSum}: segmentIds: expected ${rows} ids but got ${ids}`);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new TypeError(`${UnsortedSegmentSum}: x: expected float32 or int32 but got ${x.dtype}`);
  }

  const rowSize = rows === 0 ? 0 : util.sizeFromShape(x.shape) / rows;
  const out = backend.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  // Views are taken after the last allocation, so heap growth cannot detach them.
  const sums = backend.typedArrayFromHeap(out);
  const values = backend.typedArrayFromHeap(x);
  const segments = backend.typedArrayFromHeap(segmentIds);
  sums.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = segments[i] ?? -1;
    if (s < 0 || s >= numSegments) continue;
    const dst = s * rowSize;
    const src = i * rowSize;
    for (let j = 0; j < rowSize; j++) sums[dst + j] = (sums[dst + j] ?? 0) + (values[src + j] ?? 0);
  }
  return out;
}

/** UnsortedSegmentSum for the 'wasm' backend, which tfjs 4.22 does not provide. */
export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum,
};
