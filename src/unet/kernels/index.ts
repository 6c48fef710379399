export { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
export { conv2DBackpropInputConfig } from './conv2d-backprop-input';
export { resizeNearestNeighborGradCpuConfig } from './resize-nearest-neighbor-grad';
export { unsortedSegmentSumConfig } from './unsorted-segment-sum';
export {
  CPU_KERNEL_FIXES,
  registerCpuKernelFixes,
  registerWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
} from './register-all';
