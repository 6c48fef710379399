// Public API of jetcolor/unet; filled in module by module.
export { rasterizeBatchToTensor } from './raster-tensor.js';
export type { RasterTensorBatch } from './raster-tensor.js';
export { DEFAULT_SETUP_BACKEND_OPTIONS, isBackendInitialised, setupBackend } from './backend.js';
export type { BackendName, SetupBackendOptions, WasmBinaryName } from './backend.js';
export {
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  registerWasmTrainingKernels,
  unsortedSegmentSumConfig,
  WASM_TRAINING_KERNELS,
} from './kernels/index.js';
