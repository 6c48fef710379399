/**
 * A small U-Net of random weights saved as a model directory: enough to test the plumbing of the commands that
 * load a model, not the quality of the jets.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

import { ILD_DETECTOR, resolveRasterOptions } from '../../src/geometry/index.js';
import type { LabelOrdering } from '../../src/loss/index.js';
import { saveColorizer } from '../../src/unet/model-files-node.js';
import { COLORIZER_FORMAT } from '../../src/unet/model-metadata.js';
import { resolveUNetOptions } from '../../src/unet/unet-options.js';
import { buildUNet } from '../../src/unet/unet.js';

/** Saves a 16 × 32 six-jet U-Net of random weights, trained on nothing, into `directory` (CPU backend). */
export async function saveRandomModel(directory: string, labelOrdering: LabelOrdering): Promise<void> {
  await tf.setBackend('cpu');
  const unet = resolveUNetOptions({ inputShape: [16, 32, 2], depth: 2, baseFilters: 4, nJets: 6 });
  const model = buildUNet(unet);
  await saveColorizer(model, directory, {
    format: COLORIZER_FORMAT,
    version: 1,
    raster: resolveRasterOptions({ height: 16, width: 32 }, 'test'),
    unet,
    nJets: 6,
    noJetChannel: false,
    labelOrdering,
    detector: ILD_DETECTOR,
    looperRule: 'momentumDirection',
    training: null,
    metrics: null,
  });
  model.dispose();
}
