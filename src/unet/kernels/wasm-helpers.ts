import { BatchMatMul, getKernel, Transpose } from '@tensorflow/tfjs-core';
import type { NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Number of float32 elements a kernel's scratch matrix may hold before the work is split into chunks
 * (16 MiB). Chunking keeps the WebAssembly heap, which never shrinks, small on large batches.
 */
export const SCRATCH_ELEMENTS = 4 * 1024 * 1024;

/** Narrows the backend a kernel receives to the WebAssembly backend, or throws. */
export function asWasmBackend(backend: object, kernelName: string): BackendWasm {
  if (!(backend instanceof BackendWasm)) {
    throw new TypeError(`${kernelName}: backend: expected the 'wasm' backend but got another backend`);
  }
  return backend;
}

/** Allocates an uninitialised float32 tensor on the WebAssembly heap. Free it with `backend.disposeData`. */
export function allocateFloat32(backend: BackendWasm, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/**
 * Returns a Float32Array view of a float32 tensor on the WebAssembly heap. Any allocation can grow the
 * heap and detach earlier views, so take a fresh view after every allocation or kernel call.
 */
export function heapView(backend: BackendWasm, info: TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) {
    throw new TypeError(`heapView: info: expected a float32 tensor but got ${info.dtype}`);
  }
  return view;
}

/** Runs another registered kernel of the WebAssembly backend directly, outside the engine's tape. */
export function runWasmKernel(
  kernelName: string,
  backend: BackendWasm,
  inputs: NamedTensorInfoMap,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(kernelName, 'wasm');
  if (kernel === undefined) {
    throw new Error(`${kernelName}: kernel not registered for the 'wasm' backend`);
  }
  const result = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(result)) {
    throw new Error(`${kernelName}: expected one output but got ${result.length}`);
  }
  return result;
}

/**
 * Multiplies a [1, M, K] by b [1, K, N] with the backend's own matrix multiply, which runs XNNPACK's
 * GEMM only for untransposed rank-3 inputs with batch 1. XNNPACK packs and caches `b` under its tensor
 * id until `b` is disposed, so `b` must be a tensor that is not written to after this call.
 */
export function wasmMatMul(backend: BackendWasm, a: TensorInfo, b: TensorInfo): TensorInfo {
  return runWasmKernel(BatchMatMul, backend, { a, b }, { transposeA: false, transposeB: false });
}

/** Permutes the axes of a tensor with the backend's Transpose kernel. */
export function wasmTranspose(backend: BackendWasm, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasmKernel(Transpose, backend, { x }, { perm });
}

/** Returns a kernel input by name, or throws when the engine did not pass it. */
export function requireInput(inputs: NamedTensorInfoMap, name: string, kernelName: string): TensorInfo {
  const input = inputs[name];
  if (input === undefined) {
    throw new TypeError(`${kernelName}: inputs: expected a tensor '${name}' but got none`);
  }
  return input;
}
