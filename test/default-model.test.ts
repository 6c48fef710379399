/**
 * The model shipped in models/default: its size and metadata, and its use by colorizeEvent in Node when no
 * model is given.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { colorizeEvent, defaultModelDirectory, loadColorizerFromDirectory } from '../src/index-node.js';
import { ILD_DETECTOR, simulateDetector } from '../src/geometry/index.js';
import { readEventsFromFile } from '../src/io/node.js';
import { setupBackendNode } from '../src/unet/backend-node.js';
import { repoPath } from './support/python.js';

describe('shipped default model', () => {
  beforeAll(async () => {
    await setupBackendNode('wasm');
  });

  it('is found in models/default', () => {
    expect(defaultModelDirectory()).toBe(repoPath('models', 'default'));
  });

  it('stays within 10 MB', () => {
    const directory = repoPath('models', 'default');
    const bytes =
      statSync(join(directory, 'model.json')).size + statSync(join(directory, 'weights.bin')).size;
    expect(bytes).toBeLessThanOrEqual(10 * 1024 * 1024);
  });

  it('records its training on 10,000 ZHH events or more', async () => {
    const { model, metadata } = await loadColorizerFromDirectory(repoPath('models', 'default'));
    model.dispose();
    expect(metadata.nJets).toBe(6);
    expect(metadata.raster.height).toBe(64);
    expect(metadata.raster.width).toBe(64);
    expect(metadata.detector).toEqual(ILD_DETECTOR);
    expect(metadata.training?.processes).toEqual(['zhh']);
    expect(metadata.training?.sqrtS).toEqual([500]);
    expect(metadata.training?.trainingEvents).toBeGreaterThanOrEqual(10_000);
  });

  it('colorizes an event when no model is given', async () => {
    const file = repoPath('data', 'samples', 'zhh_500GeV.hepmc3.gz');
    let generated;
    for await (const event of readEventsFromFile(file)) {
      generated = event;
      break;
    }
    if (generated === undefined) throw new Error(`${file} has no events`);
    const event = simulateDetector(generated, ILD_DETECTOR, { seed: 1 });
    const result = await colorizeEvent(event);
    expect(result.jets).toHaveLength(6);
    expect(result.particleJet).toHaveLength(event.particles.length);
    for (const jet of result.jets) expect(jet.constituents.length).toBeGreaterThan(0);
  });
});
