// Public API of jetcolor/unet; filled in module by module.
export { rasterizeBatchToTensor } from './raster-tensor.js';
export type { RasterTensorBatch } from './raster-tensor.js';
