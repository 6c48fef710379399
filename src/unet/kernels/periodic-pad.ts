import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { shape4 } from './conv-geometry';
import { heapView, requireInput } from './wasm-helpers';

/** Kernel that pads NHWC images periodically along W (φ) and with zeros along H (θ). */
export const PERIODIC_PAD = 'JetcolorPeriodicPad';
/** Its gradient: folds the wrapped columns back onto the image and drops the zero rows. */
export const PERIODIC_PAD_GRAD = 'JetcolorPeriodicPadGrad';

interface PadSizes {
  batch: number;
  height: number;
  width: number;
  channels: number;
  /** Zero rows above and below (θ). */
  rowPad: number;
  /** Columns copied from the opposite edge onto each side (φ). */
  colPad: number;
}

function readPadSizes(imageShape: number[], attrs: NamedAttrMap | undefined, kernelName: string): PadSizes {
  const [batch, height, width, channels] = shape4(imageShape, kernelName, 'x');
  const rowPad: unknown = attrs?.heightPadding;
  const colPad: unknown = attrs?.widthPadding;
  if (typeof rowPad !== 'number' || !Number.isInteger(rowPad) || rowPad < 0) {
    throw new RangeError(`${kernelName}: heightPadding: expected an integer ≥ 0 but got ${String(rowPad)}`);
  }
  if (typeof colPad !== 'number' || !Number.isInteger(colPad) || colPad < 0 || colPad > width) {
    throw new RangeError(
      `${kernelName}: widthPadding: expected an integer in [0, ${width}] but got ${String(colPad)}`,
    );
  }
  return { batch, height, width, channels, rowPad, colPad };
}

/** Writes the padded images [B, H + 2·rowPad, W + 2·colPad, C] of `x` into `out`. */
function pad(x: Float32Array, out: Float32Array, s: PadSizes): void {
  const inRow = s.width * s.channels;
  const edge = s.colPad * s.channels;
  const outRow = inRow + 2 * edge;
  const outHeight = s.height + 2 * s.rowPad;
  out.fill(0);
  for (let b = 0; b < s.batch; b++) {
    for (let r = 0; r < s.height; r++) {
      const src = (b * s.height + r) * inRow;
      const dst = (b * outHeight + r + s.rowPad) * outRow;
      out.set(x.subarray(src + inRow - edge, src + inRow), dst);
      out.set(x.subarray(src, src + inRow), dst + edge);
      out.set(x.subarray(src, src + edge), dst + edge + inRow);
    }
  }
}

/** Writes into `dx` [B, H, W, C] the gradient of `pad` for the output gradient `dy`. */
function foldBack(dy: Float32Array, dx: Float32Array, s: PadSizes): void {
  const inRow = s.width * s.channels;
  const edge = s.colPad * s.channels;
  const outRow = inRow + 2 * edge;
  const outHeight = s.height + 2 * s.rowPad;
  for (let b = 0; b < s.batch; b++) {
    for (let r = 0; r < s.height; r++) {
      const dst = (b * s.height + r) * inRow;
      const src = (b * outHeight + r + s.rowPad) * outRow;
      dx.set(dy.subarray(src + edge, src + edge + inRow), dst);
      // The left edge came from the last columns, the right edge from the first ones.
      for (let i = 0; i < edge; i++) {
        dx[dst + inRow - edge + i] = (dx[dst + inRow - edge + i] ?? 0) + (dy[src + i] ?? 0);
        dx[dst + i] = (dx[dst + i] ?? 0) + (dy[src + edge + inRow + i] ?? 0);
      }
    }
  }
}

type Transform = (input: Float32Array, output: Float32Array, sizes: PadSizes) => void;

/** Runs a transform on the wasm or CPU backend, reading and writing each backend's own storage. */
function runTransform(
  kernelName: string,
  backend: object,
  input: TensorInfo,
  outShape: number[],
  sizes: PadSizes,
  transform: Transform,
): TensorInfo {
  if (backend instanceof BackendWasm) {
    const out = backend.makeOutput(outShape, 'float32');
    transform(heapView(backend, input), heapView(backend, out), sizes);
    return out;
  }
  if (backend instanceof MathBackendCPU) {
    const values = backend.readSync(input.dataId);
    if (!(values instanceof Float32Array))
      throw new TypeError(`${kernelName}: expected float32 but got ${input.dtype}`);
    const out = new Float32Array(tf.util.sizeFromShape(outShape));
    transform(values, out, sizes);
    return backend.makeTensorInfo(outShape, 'float32', out);
  }
  throw new TypeError(`${kernelName}: backend: expected 'wasm' or 'cpu'`);
}

function periodicPadKernel(args: {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}): TensorInfo {
  const x = requireInput(args.inputs, 'x', PERIODIC_PAD);
  const s = readPadSizes(x.shape, args.attrs, PERIODIC_PAD);
  const outShape = [s.batch, s.height + 2 * s.rowPad, s.width + 2 * s.colPad, s.channels];
  return runTransform(PERIODIC_PAD, args.backend, x, outShape, s, pad);
}

function periodicPadGradKernel(args: {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}): TensorInfo {
  const dy = requireInput(args.inputs, 'dy', PERIODIC_PAD_GRAD);
  const [batch, paddedHeight, paddedWidth, channels] = shape4(dy.shape, PERIODIC_PAD_GRAD, 'dy');
  const rowPad = Number(args.attrs?.heightPadding);
  const colPad = Number(args.attrs?.widthPadding);
  const imageShape = [batch, paddedHeight - 2 * rowPad, paddedWidth - 2 * colPad, channels];
  const s = readPadSizes(imageShape, args.attrs, PERIODIC_PAD_GRAD);
  return runTransform(PERIODIC_PAD_GRAD, args.backend, dy, imageShape, s, foldBack);
}

/** Returns the kernel configs of the periodic padding and its gradient for one backend. */
function periodicPadConfigs(backendName: 'wasm' | 'cpu'): KernelConfig[] {
  return [
    { kernelName: PERIODIC_PAD, backendName, kernelFunc: periodicPadKernel },
    { kernelName: PERIODIC_PAD_GRAD, backendName, kernelFunc: periodicPadGradKernel },
  ];
}

/** PeriodicPad kernels of the 'wasm' backend. */
export const PERIODIC_PAD_WASM_KERNELS: readonly KernelConfig[] = Object.freeze(periodicPadConfigs('wasm'));
/** PeriodicPad kernels of the 'cpu' backend. */
export const PERIODIC_PAD_CPU_KERNELS: readonly KernelConfig[] = Object.freeze(periodicPadConfigs('cpu'));

let gradientRegistered = false;

/** Registers the gradient of the periodic padding once; `registerKernels` of both backends calls it. */
export function registerPeriodicPadGradient(): void {
  if (gradientRegistered) return;
  gradientRegistered = true;
  tf.registerGradient({
    kernelName: PERIODIC_PAD,
    gradFunc: (dy, _saved, attrs) => {
      const gradient = Array.isArray(dy) ? dy[0] : dy;
      if (gradient === undefined) throw new TypeError(`${PERIODIC_PAD}: expected an output gradient`);
      return { x: () => tf.engine().runKernel(PERIODIC_PAD_GRAD, { dy: gradient }, attrs) as tf.Tensor };
    },
  });
}

/**
 * Pads NHWC images [B, H, W, C] to [B, H + 2·heightPadding, W + 2·widthPadding, C]: columns wrap around
 * (φ is periodic) and rows get zeros (θ). One copy per row on the wasm and CPU backends once their
 * kernels are registered (`setupBackend`), and slices and concatenations on any other backend.
 */
export function periodicPad(x: tf.Tensor4D, heightPadding: number, widthPadding: number): tf.Tensor4D {
  if (tf.getKernel(PERIODIC_PAD, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(PERIODIC_PAD, { x }, { heightPadding, widthPadding }) as tf.Tensor4D;
  }
  return tf.tidy(() => {
    const width = x.shape[2];
    const wrapped =
      widthPadding > 0
        ? tf.concat(
            [
              tf.slice(x, [0, 0, width - widthPadding, 0], [-1, -1, widthPadding, -1]),
              x,
              tf.slice(x, [0, 0, 0, 0], [-1, -1, widthPadding, -1]),
            ],
            2,
          )
        : x;
    return tf.pad(wrapped, [
      [0, 0],
      [heightPadding, heightPadding],
      [0, 0],
      [0, 0],
    ]);
  });
}
