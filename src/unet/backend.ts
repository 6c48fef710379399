import * as tf from '@tensorflow/tfjs-core';
// Registers the gradient functions: with tfjs-core alone, tf.grad fails ("gradient function not found").
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerCpuKernels, registerWasmTrainingKernels } from './kernels/register-all';

/** Backends the U-Net runs on: 'wasm' (WebAssembly with SIMD, the fast path) or 'cpu' (plain JavaScript). */
export type BackendName = 'wasm' | 'cpu';

/** File names of the wasm backend's binaries, the keys of a `wasmPaths` map. */
export type WasmBinaryName =
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/** Options of `setupBackend`. */
export interface SetupBackendOptions {
  /**
   * Location of the wasm backend's .wasm binaries: a directory prefix ending in '/' (URL in a browser,
   * path in Node) or a map from binary name to full URL or path. Read only for 'wasm' and only
   * before that backend first initialises. Default: undefined, so the backend looks next to its own
   * script. That works in Node and in a browser that serves the .wasm files beside the bundle.
   */
  wasmPaths?: string | Partial<Record<WasmBinaryName, string>>;
}

/** Defaults of `setupBackend`. */
export const DEFAULT_SETUP_BACKEND_OPTIONS: Readonly<SetupBackendOptions> = Object.freeze({
  wasmPaths: undefined,
});

/** Checks whether a backend has been initialised in this thread, after which `wasmPaths` no longer apply. */
export function isBackendInitialised(name: BackendName): boolean {
  return name in tf.engine().registry;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/**
 * Selects the tfjs backend for the U-Net and waits until it is ready. For 'wasm' it first registers the
 * training kernels that tfjs 4.22 lacks on that backend (see `registerWasmTrainingKernels`) and applies
 * `options.wasmPaths`. For 'cpu' it replaces a kernel that is wrong in tfjs-backend-cpu 4.22 (see
 * `registerCpuKernels`). Both get the periodic padding kernels of `periodicPad`. Also loads @tensorflow/tfjs-layers, whose import registers the gradient functions.
 * Returns the name of the active backend.
 *
 * @throws RangeError for an unknown backend name, TypeError for a bad `wasmPaths`, Error when `wasmPaths`
 *   is given after the wasm backend has initialised or when the backend fails to initialise.
 */
export async function setupBackend(
  name: BackendName,
  options: SetupBackendOptions = {},
): Promise<BackendName> {
  if (name !== 'wasm' && name !== 'cpu') {
    throw new RangeError(`setupBackend: name: expected 'wasm' or 'cpu' but got ${JSON.stringify(name)}`);
  }
  const { wasmPaths } = { ...DEFAULT_SETUP_BACKEND_OPTIONS, ...options };
  if (
    wasmPaths !== undefined &&
    typeof wasmPaths !== 'string' &&
    (typeof wasmPaths !== 'object' || wasmPaths === null)
  ) {
    throw new TypeError(
      `setupBackend: options.wasmPaths: expected a string or an object but got ${typeof wasmPaths}`,
    );
  }

  if (name === 'cpu') registerCpuKernels();
  if (name === 'wasm') {
    registerWasmTrainingKernels();
    if (wasmPaths !== undefined) {
      if (isBackendInitialised('wasm')) {
        throw new Error(
          'setupBackend: options.wasmPaths: the wasm backend is already initialised, so its paths cannot change; ' +
            'pass wasmPaths in the first call',
        );
      }
      setWasmPaths(wasmPaths);
    }
  }

  let selected: boolean;
  try {
    selected = await tf.setBackend(name);
  } catch (error) {
    throw new Error(`setupBackend: failed to initialise the '${name}' backend: ${describeError(error)}`);
  }
  if (!selected) {
    const hint = name === 'wasm' ? '; check that the .wasm files are reachable (options.wasmPaths)' : '';
    throw new Error(`setupBackend: failed to initialise the '${name}' backend${hint}`);
  }
  await tf.ready();
  return name;
}
