import { ResizeNearestNeighborGrad } from '@tensorflow/tfjs-core';
import type { KernelConfig, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { shape4 } from './conv-geometry';
import { requireInput } from './wasm-helpers';

/**
 * Source index of each output index of a nearest-neighbour resize along one axis, by the rules of tfjs's
 * ResizeNearestNeighbor kernels (align corners, half-pixel centres).
 */
function sourceIndices(
  inSize: number,
  outSize: number,
  alignCorners: boolean,
  halfPixelCenters: boolean,
): Int32Array {
  const aligned = alignCorners && outSize > 1;
  const ratio = (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
  const sources = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const fraction = halfPixelCenters ? ratio * (i + 0.5) : ratio * i;
    const nearest = Math.min(inSize - 1, alignCorners ? Math.round(fraction) : Math.floor(fraction));
    sources[i] = halfPixelCenters ? Math.max(0, nearest) : nearest;
  }
  return sources;
}

/**
 * Gradient of a nearest-neighbour resize on the CPU backend: each dy pixel is added to the input pixel it
 * was copied from. Replaces tfjs-backend-cpu 4.22's kernel, which reads dy at the wrong offset for every
 * image after the first of a batch (it uses the input's batch stride), so its gradients are wrong for
 * batches of more than one image. The wasm backend's kernel is correct and stays.
 */
function resizeNearestNeighborGrad(args: {
  inputs: NamedTensorInfoMap;
  backend: object;
  attrs?: NamedAttrMap;
}): TensorInfo {
  const backend = args.backend;
  if (!(backend instanceof MathBackendCPU)) {
    throw new TypeError(
      `${ResizeNearestNeighborGrad}: backend: expected the 'cpu' backend but got another backend`,
    );
  }
  const images = requireInput(args.inputs, 'images', ResizeNearestNeighborGrad);
  const dy = requireInput(args.inputs, 'dy', ResizeNearestNeighborGrad);
  const alignCorners = args.attrs?.alignCorners === true;
  const halfPixelCenters = args.attrs?.halfPixelCenters === true;
  const [batch, inHeight, inWidth, channels] = shape4(images.shape, ResizeNearestNeighborGrad, 'images');
  const [, outHeight, outWidth, dyChannels] = shape4(dy.shape, ResizeNearestNeighborGrad, 'dy');
  if (dyChannels !== channels) {
    throw new RangeError(
      `${ResizeNearestNeighborGrad}: dy: expected ${channels} channels but got ${dyChannels}`,
    );
  }
  const rows = sourceIndices(inHeight, outHeight, alignCorners, halfPixelCenters);
  const cols = sourceIndices(inWidth, outWidth, alignCorners, halfPixelCenters);

  const gradient = backend.readSync(dy.dataId);
  if (!(gradient instanceof Float32Array)) {
    throw new TypeError(`${ResizeNearestNeighborGrad}: dy: expected float32 values but got ${dy.dtype}`);
  }
  const sums = new Float32Array(batch * inHeight * inWidth * channels);
  let src = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outHeight; y++) {
      const rowBase = (b * inHeight + (rows[y] ?? 0)) * inWidth;
      for (let x = 0; x < outWidth; x++, src += channels) {
        const dst = (rowBase + (cols[x] ?? 0)) * channels;
        for (let c = 0; c < channels; c++) sums[dst + c] = (sums[dst + c] ?? 0) + (gradient[src + c] ?? 0);
      }
    }
  }
  return backend.makeTensorInfo([batch, inHeight, inWidth, channels], 'float32', sums);
}

/** ResizeNearestNeighborGrad for the 'cpu' backend, replacing the built-in one. */
export const resizeNearestNeighborGradCpuConfig: KernelConfig = {
  kernelName: ResizeNearestNeighborGrad,
  backendName: 'cpu',
  kernelFunc: resizeNearestNeighborGrad,
};
