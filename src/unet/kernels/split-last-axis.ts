import { backend_util, SplitV, util } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { builtinKernel } from './builtin-kernels';
import { heapView, requireInput } from './wasm-helpers';

function isSplitSizes(value: unknown): value is number | number[] {
  return typeof value === 'number' || (Array.isArray(value) && value.every((n) => typeof n === 'number'));
}

/** Copies column block i (`widths[i]` floats of each of `rows` rows) of `source` into `outs[i]`. */
function splitRows(source: Float32Array, widths: number[], outs: Float32Array[], rows: number): void {
  const total = widths.reduce((sum, width) => sum + width, 0);
  let column = 0;
  outs.forEach((out, i) => {
    const width = widths[i] ?? 0;
    if (width >= 32 && out.buffer === source.buffer) {
      const heap = new Float32Array(out.buffer);
      const sourceBase = source.byteOffset / 4 + column;
      const outBase = out.byteOffset / 4;
      for (let r = 0; r < rows; r++) {
        heap.copyWithin(outBase + r * width, sourceBase + r * total, sourceBase + r * total + width);
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const src = r * total + column;
        const dst = r * width;
        for (let c = 0; c < width; c++) out[dst + c] = source[src + c] ?? 0;
      }
    }
    column += width;
  });
}

/**
 * Split of a float32 tensor along its last axis (the gradient of a skip connection's concatenation), row
 * by row. Every other case goes to the wasm backend's own kernel, which slices each part separately.
 */
function splitLastAxis(args: {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}): TensorInfo[] {
  const backend = args.backend;
  const x = requireInput(args.inputs, 'x', SplitV);
  const rank = x.shape.length;
  const axisAttr = args.attrs?.axis;
  const splits = args.attrs?.numOrSizeSplits;
  const axis = typeof axisAttr === 'number' ? util.parseAxisParam(axisAttr, x.shape)[0] : -1;
  if (
    !(backend instanceof BackendWasm) ||
    x.dtype !== 'float32' ||
    rank < 2 ||
    axis !== rank - 1 ||
    !isSplitSizes(splits)
  ) {
    const result = builtinKernel(
      SplitV,
      'wasm',
    )({
      inputs: args.inputs,
      backend: args.backend,
      attrs: args.attrs ?? {},
    });
    return Array.isArray(result) ? result : [result];
  }

  const widths = backend_util.prepareSplitSize(x, splits, axis);
  const leading = x.shape.slice(0, rank - 1);
  const rows = util.sizeFromShape(leading);
  const outs = widths.map((width) => backend.makeOutput([...leading, width], 'float32'));
  // Views are taken after the last allocation, so heap growth cannot detach them.
  splitRows(
    heapView(backend, x),
    widths,
    outs.map((out) => heapView(backend, out)),
    rows,
  );
  return outs;
}

/** SplitV for the 'wasm' backend with a fast path for the last axis. */
export const splitLastAxisConfig: KernelConfig = {
  kernelName: SplitV,
  backendName: 'wasm',
  kernelFunc: splitLastAxis,
};
