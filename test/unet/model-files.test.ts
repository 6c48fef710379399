import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ILD_DETECTOR, resolveRasterOptions } from '../../src/geometry/index.js';
import { loadColorizer } from '../../src/unet/model-files.js';
import {
  fileSystemHandler,
  loadColorizerFromDirectory,
  saveColorizer,
} from '../../src/unet/model-files-node.js';
import { COLORIZER_FORMAT, type ColorizerMetadata } from '../../src/unet/model-metadata.js';
import { resolveUNetOptions } from '../../src/unet/unet-options.js';
import { buildUNet } from '../../src/unet/unet.js';
import { seededRandom } from '../support/synthetic-events.js';

const RASTER = resolveRasterOptions({ height: 8, width: 16 }, 'test');
const UNET = resolveUNetOptions({ inputShape: [8, 16, 2], depth: 2, baseFilters: 4, nJets: 3 });

let directory: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  directory = await mkdtemp(join(tmpdir(), 'jetcolor-model-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

function metadata(): ColorizerMetadata {
  return {
    format: COLORIZER_FORMAT,
    version: 1,
    raster: RASTER,
    unet: UNET,
    nJets: 3,
    noJetChannel: false,
    labelOrdering: 'energy',
    detector: ILD_DETECTOR,
    looperRule: 'momentumDirection',
    training: null,
    metrics: null,
  };
}

function images(): tf.Tensor4D {
  const random = seededRandom(3);
  return tf.tensor4d(
    Float32Array.from({ length: 2 * 8 * 16 * 2 }, () => random() * 5),
    [2, 8, 16, 2],
  );
}

describe('model files', () => {
  it('round trip gives identical predictions', async () => {
    const model = buildUNet(UNET);
    const path = join(directory, 'round-trip');
    await saveColorizer(model, path, metadata());
    const loaded = await loadColorizerFromDirectory(path, { raster: { height: 8, width: 16 }, nJets: 3 });
    const x = images();
    const before = (model.predict(x) as tf.Tensor).dataSync();
    const after = (loaded.model.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(loaded.metadata.raster).toEqual(RASTER);
    expect(loaded.metadata.detector).toEqual(ILD_DETECTOR);
    expect((await readdir(path)).sort()).toEqual(['model.json', 'weights.bin']);
    model.dispose();
    loaded.model.dispose();
  });

  it('keeps the periodic padding layers', async () => {
    const model = buildUNet(UNET);
    const path = join(directory, 'periodic');
    await saveColorizer(model, path, metadata());
    const loaded = await loadColorizerFromDirectory(path);
    const count = (m: tfl.LayersModel): number =>
      m.layers.filter((layer) => layer.getClassName() === 'PeriodicPadding2D').length;
    expect(count(loaded.model)).toBe(count(model));
    expect(count(loaded.model)).toBeGreaterThan(0);
    const json = JSON.parse(await readFile(join(path, 'model.json'), 'utf8')) as {
      userDefinedMetadata: unknown;
    };
    expect(json.userDefinedMetadata).toMatchObject({ format: COLORIZER_FORMAT, nJets: 3 });
    model.dispose();
    loaded.model.dispose();
  });

  it('rejects a model used with another grid', async () => {
    const model = buildUNet(UNET);
    const path = join(directory, 'grid');
    await saveColorizer(model, path, metadata());
    await expect(loadColorizerFromDirectory(path, { raster: { height: 32, width: 32 } })).rejects.toThrow(
      'loadColorizerFromDirectory: the model does not fit the requested images: grid: the model was trained on ' +
        '8×16 images but got 32×32',
    );
    await expect(
      loadColorizerFromDirectory(path, { raster: { height: 8, width: 16, channels: ['energy'] } }),
    ).rejects.toThrow('channels: the model was trained with [charged, neutral] but got [energy]');
    await expect(loadColorizerFromDirectory(path, { nJets: 4 })).rejects.toThrow(
      'nJets: the model paints 3 jets but got 4',
    );
    model.dispose();
  });

  it('rejects a model without jetcolor metadata', async () => {
    const model = buildUNet(UNET);
    const path = join(directory, 'plain');
    await model.save(fileSystemHandler(path));
    await expect(loadColorizerFromDirectory(path)).rejects.toThrow(
      'loadColorizerFromDirectory: metadata: expected the jetcolor metadata object in model.json',
    );
    model.dispose();
  });

  it('reports a missing directory', async () => {
    await expect(loadColorizerFromDirectory(join(directory, 'absent'))).rejects.toThrow(
      'model.json not found or unreadable',
    );
  });

  it('loads over HTTP like a browser', async () => {
    const model = buildUNet(UNET);
    const path = join(directory, 'served');
    await saveColorizer(model, path, metadata());
    const server: Server = createServer((request, response) => {
      readFile(join(path, (request.url ?? '/').slice(1)))
        .then((body) => response.end(body))
        .catch(() => {
          response.statusCode = 404;
          response.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const loaded = await loadColorizer(`http://127.0.0.1:${port}/model.json`, { nJets: 3 });
      const x = images();
      const before = (model.predict(x) as tf.Tensor).dataSync();
      expect(Array.from((loaded.model.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(before));
      loaded.model.dispose();
    } finally {
      server.close();
      model.dispose();
    }
  });
});
