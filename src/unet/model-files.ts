/**
 * Loading and labelling of colorizer models in the tfjs layers format, in any environment: a browser loads
 * a model directory served over HTTP with {@link loadColorizer}(url to model.json). Node code saves and
 * loads directories through `model-files-node.ts`.
 */

import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

import {
  checkModelLayout,
  parseColorizerMetadata,
  type ColorizerMetadata,
  type ExpectedModelLayout,
} from './model-metadata.js';
// Registers the custom layer, so that tfl.loadLayersModel can rebuild the topology.
import './periodic-padding.js';

/** A loaded model with its metadata. */
export interface LoadedColorizer {
  model: tfl.LayersModel;
  metadata: ColorizerMetadata;
}

/** Stores `metadata` in the model, so that `model.save` writes it into model.json. */
export function attachColorizerMetadata(model: tfl.LayersModel, metadata: ColorizerMetadata): void {
  model.setUserDefinedMetadata(metadata as object);
}

/**
 * Reads and checks the metadata stored in a model.
 *
 * @throws TypeError when the model has no jetcolor metadata or it is malformed.
 */
export function readColorizerMetadata(
  model: tfl.LayersModel,
  caller = 'readColorizerMetadata',
): ColorizerMetadata {
  return parseColorizerMetadata(model.getUserDefinedMetadata(), caller);
}

/**
 * Loads a colorizer saved by this library: a URL of its model.json (browser, or any tfjs URL scheme) or a
 * tfjs IOHandler. Checks the metadata and, when `expected` is given, that the model fits those images.
 *
 * @throws TypeError when the model has no jetcolor metadata or its input shape disagrees with it.
 * @throws RangeError when the model does not fit `expected` (another grid, channels or jet count).
 */
export async function loadColorizer(
  source: string | tf.io.IOHandler,
  expected: ExpectedModelLayout = {},
  caller = 'loadColorizer',
): Promise<LoadedColorizer> {
  const model = await tfl.loadLayersModel(source);
  try {
    const metadata = readColorizerMetadata(model, caller);
    checkInputShape(model, metadata, caller);
    checkModelLayout(metadata, expected, caller);
    return { model, metadata };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function checkInputShape(model: tfl.LayersModel, metadata: ColorizerMetadata, caller: string): void {
  const shape = model.inputs[0]?.shape ?? [];
  const { height, width, channels } = metadata.raster;
  const outputShape = model.outputs[0]?.shape ?? [];
  const k = metadata.nJets + (metadata.noJetChannel ? 1 : 0);
  if (shape[1] !== height || shape[2] !== width || shape[3] !== channels.length || outputShape[3] !== k) {
    throw new TypeError(
      `${caller}: metadata: expected a model with input [B, ${height}, ${width}, ${channels.length}] and ` +
        `${k} output channels but the model has input [${shape.join(', ')}] and output [${outputShape.join(', ')}]`,
    );
  }
}
