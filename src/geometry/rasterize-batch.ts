/** Rasterization of many events into one preallocated buffer, the layout of a [B, H, W, C] tensor. */

import type { RasterInput } from './detector-event.js';
import type { GridCoordinates } from './grid-coordinates.js';
import { createGridCoordinates } from './grid.js';
import {
  resolveRasterOptions,
  type RasterChannel,
  type RasterOptions,
  type ResolvedRasterOptions,
} from './raster-options.js';
import { createRasterWriter, particlesOf } from './rasterize.js';

/** Images of a batch of events in one buffer. */
export interface RasterBatch {
  /**
   * Row-major batchSize × height × width × channels values: event b, row r, column c, channel k sits at
   * ((b·height + r)·width + c)·channels + k.
   */
  images: Float32Array;
  batchSize: number;
  height: number;
  width: number;
  channels: number;
  channelNames: readonly RasterChannel[];
  /** Grid coordinates of each event's particles, in event order. */
  coords: GridCoordinates[];
  options: ResolvedRasterOptions;
}

/**
 * Rasterizes every event of `inputs` into one buffer, in order.
 *
 * Pass `target` to reuse one buffer across batches. It must hold exactly batchSize × height × width × channels
 * values, and it is zeroed first.
 *
 * @throws TypeError or RangeError for invalid options or inputs (as {@link rasterize}), or a `target` of the
 *   wrong type or size.
 */
export function rasterizeBatch(
  inputs: readonly RasterInput[],
  options?: RasterOptions,
  target?: Float32Array,
): RasterBatch {
  const resolved = resolveRasterOptions(options, 'rasterizeBatch');
  if (!Array.isArray(inputs)) {
    throw new TypeError(`rasterizeBatch: inputs: expected an array of events but got ${typeof inputs}`);
  }
  const { height, width } = resolved;
  const channels = resolved.channels.length;
  const batchSize = inputs.length;
  const eventSize = height * width * channels;
  const images = prepareTarget(target, batchSize * eventSize);

  const writer = createRasterWriter(resolved);
  const coords: GridCoordinates[] = [];
  for (let b = 0; b < batchSize; b++) {
    const input = inputs[b] as RasterInput;
    const caller = `rasterizeBatch: event ${b}`;
    const eventCoords = createGridCoordinates(particlesOf(input, caller).length, height, width);
    writer.write(input, images, b * eventSize, eventCoords, caller);
    coords.push(eventCoords);
  }
  return {
    images,
    batchSize,
    height,
    width,
    channels,
    channelNames: resolved.channels,
    coords,
    options: resolved,
  };
}

function prepareTarget(target: Float32Array | undefined, size: number): Float32Array {
  if (target === undefined) return new Float32Array(size);
  if (!(target instanceof Float32Array)) {
    throw new TypeError(`rasterizeBatch: target: expected a Float32Array but got ${typeof target}`);
  }
  if (target.length !== size) {
    throw new RangeError(
      `rasterizeBatch: target: expected ${size} values (B × H × W × C) but got ${target.length}`,
    );
  }
  target.fill(0);
  return target;
}
