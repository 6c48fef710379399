export { conv2DBackpropFilterConfig } from './conv2d-backprop-filter';
export { conv2DBackpropInputConfig } from './conv2d-backprop-input';
export { unsortedSegmentSumConfig } from './unsorted-segment-sum';
export { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from './register-all';
