import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { keepBuiltinKernel } from './builtin-kernels';
import { concatLastAxisConfig } from './concat-last-axis';
import { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputConfig } from './conv2d-backprop-input';
import {
  PERIODIC_PAD_CPU_KERNELS,
  PERIODIC_PAD_WASM_KERNELS,
  registerPeriodicPadGradient,
} from './periodic-pad';
import { resizeNearestNeighborGradCpuConfig } from './resize-nearest-neighbor-grad';
import { splitLastAxisConfig } from './split-last-axis';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum';

/**
 * Kernels that the U-Net's training step needs on the 'wasm' backend: two that tfjs 4.22 lacks
 * (Conv2DBackpropFilter, UnsortedSegmentSum), replacements of slow built-ins (Conv2DBackpropInput, and
 * Concat and SplitV along the last axis) and the periodic padding with its gradient.
 */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = Object.freeze([
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  unsortedSegmentSumConfig,
  concatLastAxisConfig,
  splitLastAxisConfig,
  ...PERIODIC_PAD_WASM_KERNELS,
]);

/** Kernels of the 'cpu' backend: a fix of a wrong built-in (ResizeNearestNeighborGrad) and the periodic padding. */
export const CPU_KERNELS: readonly KernelConfig[] = Object.freeze([
  resizeNearestNeighborGradCpuConfig,
  ...PERIODIC_PAD_CPU_KERNELS,
]);

/**
 * Registers the training kernels for the 'wasm' backend, replacing any kernel of the same name. Calling it
 * again does nothing. Returns the names of the kernels it registered in this call.
 */
export function registerWasmTrainingKernels(): string[] {
  return registerKernels(WASM_TRAINING_KERNELS);
}

/** Registers the kernels of the 'cpu' backend, like `registerWasmTrainingKernels`. */
export function registerCpuKernels(): string[] {
  return registerKernels(CPU_KERNELS);
}

function registerKernels(configs: readonly KernelConfig[]): string[] {
  registerPeriodicPadGradient();
  const registered: string[] = [];
  for (const config of configs) {
    const current = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) {
      keepBuiltinKernel(config.kernelName, config.backendName, current.kernelFunc);
      unregisterKernel(config.kernelName, config.backendName);
    }
    registerKernel(config);
    registered.push(config.kernelName);
  }
  return registered;
}
