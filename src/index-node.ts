// Node entry of jetcolor: the browser-safe API, with colorizeEvent and colorizeEvents that also accept the
// directory of a saved model as `options.model`, and the model directory readers and writers.
export * from './index.js';
export { colorizeEvent, colorizeEvents, loadColorizerCached } from './colorize-node.js';
export { loadColorizerFromDirectory, saveColorizer } from './unet/model-files-node.js';
export type { NodeColorizeOptions } from './colorize-node.js';
export { DEFAULT_MODEL_PATH, defaultModelDirectory } from './default-model-node.js';
