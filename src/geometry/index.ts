// Public API of jetcolor/geometry: detector response, image grid and rasterization. No tfjs here.
export type { GridCoordinates } from './grid-coordinates.js';
export { DEFAULT_RASTER_OPTIONS, RASTER_CHANNELS, resolveRasterOptions } from './raster-options.js';
export type {
  Deposition,
  RasterChannel,
  RasterOptions,
  ResolvedRasterOptions,
  ThetaBinning,
} from './raster-options.js';
export {
  columnCoordinate,
  columnEdges,
  createGridCoordinates,
  createRasterGrid,
  rowCoordinate,
  rowEdges,
} from './grid.js';
export type { RasterGrid } from './grid.js';
export { bilinearTaps, bilinearTapsOf, createBilinearTaps, sampleBilinear } from './bilinear.js';
export type { BilinearTaps } from './bilinear.js';
export { imageView, rasterize } from './rasterize.js';
export type { RasterImage } from './rasterize.js';
export { rasterizeBatch } from './rasterize-batch.js';
export type { RasterBatch } from './rasterize-batch.js';
export { IMPACT_REGION } from './detector-event.js';
export type {
  CalorimeterImpacts,
  DetectorEvent,
  LooperRule,
  RasterInput,
  ResponseCounts,
} from './detector-event.js';
export { ILD_DETECTOR, validateDetector } from './detector.js';
export type { CalorimeterResolution, Detector, TrackResolution } from './detector.js';
export { GEV_PER_TESLA_METRE, propagateToCalorimeter } from './propagate.js';
export type { Impact } from './propagate.js';
export { DEFAULT_SIMULATE_OPTIONS, simulateDetector } from './simulate.js';
export type { SimulateOptions } from './simulate.js';
export { createRandom } from './random.js';
export type { RandomSource } from './random.js';
export {
  calorimeterRelativeSigma,
  inversePtSigma,
  smearCalorimeterEnergy,
  smearTransverseMomentum,
} from './smearing.js';
export {
  DEFAULT_PICTURE_OPTIONS,
  JET_COLOURS,
  UNLABELLED_COLOUR,
  buildScene,
  jetColour,
} from './picture-scene.js';
export type { PictureOptions, PicturePanel, Rgb, Scene } from './picture-scene.js';
export { renderEventSvg, sceneToSvg } from './picture-svg.js';
