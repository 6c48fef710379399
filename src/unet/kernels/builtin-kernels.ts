import type { KernelFunc } from '@tensorflow/tfjs-core';

/** Built-in kernels, keyed by backend and kernel name, to which replacements hand the cases they do not cover. */
const builtins = new Map<string, KernelFunc>();

/** Stores a built-in kernel before a replacement takes its name. */
export function keepBuiltinKernel(kernelName: string, backendName: string, kernelFunc: KernelFunc): void {
  builtins.set(`${backendName}/${kernelName}`, kernelFunc);
}

/** Returns the stored built-in kernel, or throws when none was replaced. */
export function builtinKernel(kernelName: string, backendName: string): KernelFunc {
  const kernelFunc = builtins.get(`${backendName}/${kernelName}`);
  if (kernelFunc === undefined) {
    throw new Error(`${kernelName}: the built-in wasm kernel was not stored before its replacement`);
  }
  return kernelFunc;
}
