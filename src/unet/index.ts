// Public API of jetcolor/unet; filled in module by module.
export { rasterizeBatchToTensor } from './raster-tensor.js';
export type { RasterTensorBatch } from './raster-tensor.js';
export { DEFAULT_SETUP_BACKEND_OPTIONS, isBackendInitialised, setupBackend } from './backend.js';
export type { BackendName, SetupBackendOptions, WasmBinaryName } from './backend.js';
export {
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  CPU_KERNELS,
  PERIODIC_PAD,
  PERIODIC_PAD_GRAD,
  periodicPad,
  registerCpuKernels,
  registerWasmTrainingKernels,
  resizeNearestNeighborGradCpuConfig,
  unsortedSegmentSumConfig,
  WASM_TRAINING_KERNELS,
} from './kernels/index.js';
export { buildUNet, HEAT_MAP_LAYER_NAME, levelFilters } from './unet.js';
export { DEFAULT_UNET_OPTIONS, outputChannels, resolveUNetOptions } from './unet-options.js';
export type { UNetOptions, UpsamplingMode } from './unet-options.js';
export { PeriodicPadding2D } from './periodic-padding.js';
export type { PeriodicPadding2DArgs } from './periodic-padding.js';
export type { LossTargets, StepExecutor, TrainingBatch } from './training-types.js';
export {
  computeBatchLoss,
  createSingleThreadExecutor,
  singleThreadExecutorFactory,
  trainableVariables,
} from './executor.js';
export type { ExecutorContext, ExecutorFactory } from './executor.js';
export { trainColorizer } from './train.js';
export type { EpochReport, TrainColorizerArgs, TrainingProgress, TrainingResult } from './train.js';
export { DEFAULT_TRAIN_OPTIONS, resolveTrainOptions } from './train-options.js';
export type { TrainOptions } from './train-options.js';
export { assembleBatch, prepareEvents } from './train-data.js';
export type { PreparedEvents, PrepareOptions } from './train-data.js';
export { attachColorizerMetadata, loadColorizer, readColorizerMetadata } from './model-files.js';
export type { LoadedColorizer } from './model-files.js';
export {
  checkModelLayout,
  COLORIZER_FORMAT,
  COLORIZER_FORMAT_VERSION,
  parseColorizerMetadata,
} from './model-metadata.js';
export type {
  ColorizerMetadata,
  ExpectedModelLayout,
  TrainingDataDescription,
  TrainingMetrics,
} from './model-metadata.js';
