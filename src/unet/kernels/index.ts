export { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
export { conv2DBackpropInputConfig } from './conv2d-backprop-input';
export { PERIODIC_PAD, PERIODIC_PAD_GRAD, periodicPad } from './periodic-pad';
export { resizeNearestNeighborGradCpuConfig } from './resize-nearest-neighbor-grad';
export { unsortedSegmentSumConfig } from './unsorted-segment-sum';
export {
  CPU_KERNELS,
  registerCpuKernels,
  registerWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
} from './register-all';
