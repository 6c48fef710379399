import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isBackendInitialised, setupBackend, type BackendName, type SetupBackendOptions } from './backend';

/**
 * Returns the directory (with a trailing separator) that contains the .wasm binaries of the installed
 * @tensorflow/tfjs-backend-wasm, found by Node's module resolution from this file.
 */
export function nodeWasmDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return join(dirname(packageJson), 'dist') + '/';
}

/**
 * Runs `setupBackend` for Node. For 'wasm' without `options.wasmPaths`, it points the backend at the
 * binaries of the installed @tensorflow/tfjs-backend-wasm, found from this file rather than from the
 * location of the backend's own script (which differs when a bundler has inlined that script).
 */
export async function setupBackendNode(
  name: BackendName,
  options: SetupBackendOptions = {},
): Promise<BackendName> {
  const wasmPaths =
    options.wasmPaths ?? (name === 'wasm' && !isBackendInitialised('wasm') ? nodeWasmDirectory() : undefined);
  return setupBackend(name, wasmPaths === undefined ? options : { ...options, wasmPaths });
}
