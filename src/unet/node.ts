// Node entry of jetcolor/unet: everything in the browser-safe entry plus the Node-only files.
export * from './index.js';

export { nodeWasmDirectory, setupBackendNode } from './backend-node.js';
export {
  createWorkerExecutor,
  DEFAULT_WORKER_EXECUTOR_OPTIONS,
  modelSnapshot,
  workerExecutorFactory,
} from './worker-executor-node.js';
export type { WorkerExecutor, WorkerExecutorOptions } from './worker-executor-node.js';
export {
  fileSystemHandler,
  loadColorizerFromDirectory,
  MODEL_JSON_FILE,
  saveColorizer,
  WEIGHTS_FILE,
} from './model-files-node.js';
