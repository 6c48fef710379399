import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildProgram } from '../../src/cli/main.js';
import { loadColorizerFromDirectory } from '../../src/unet/model-files-node.js';
import { repoPath } from '../support/python.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'jetcolor-train-cli-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('jetcolor train', () => {
  it('trains on two worker threads by default', async () => {
    // The built command, as a user runs it: the workers load dist/unet/worker-node.js.
    const out = join(directory, 'model-workers');
    const args = ['train', repoPath('data', 'samples', 'zhh_500GeV.hepmc3.gz'), '--out', out];
    args.push('--limit', '20', '--epochs', '1', '--batch-size', '8', '--grid', '16x32', '--depth', '2');
    args.push('--base-filters', '4', '--convs-per-level', '1', '--validation-split', '0.2', '--no-progress');
    const result = spawnSync(process.execPath, [repoPath('bin', 'jetcolor.js'), ...args], {
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/epoch 1: train loss \d+\.\d+, validation loss \d+\.\d+/);
    expect(result.stderr).toContain('16 training and 4 validation events');
    expect((await readdir(out)).sort()).toEqual([
      'checkpoints',
      'loss-curves.svg',
      'model.json',
      'weights.bin',
    ]);
  });

  it('trains on sample ZHH events and saves a model', async () => {
    const out = join(directory, 'model');
    const sample = repoPath('data', 'samples', 'zhh_500GeV.hepmc3.gz');
    await buildProgram().parseAsync(
      [
        'train',
        sample,
        '--out',
        out,
        '--limit',
        '24',
        '--epochs',
        '2',
        '--batch-size',
        '8',
        '--grid',
        '16x32',
        '--depth',
        '2',
        '--base-filters',
        '4',
        '--convs-per-level',
        '1',
        '--backend',
        'cpu',
        '--threads',
        '1',
        '--validation-split',
        '0.25',
        '--no-progress',
      ],
      { from: 'user' },
    );
    expect((await readdir(out)).sort()).toEqual([
      'checkpoints',
      'loss-curves.svg',
      'model.json',
      'weights.bin',
    ]);
    const curves = await readFile(join(out, 'loss-curves.svg'), 'utf8');
    expect(curves).toContain('>training</text>');
    expect(curves).toContain('>validation</text>');
    // Two epochs: two points on each of the two curves.
    expect(curves.match(/<circle /g)).toHaveLength(4);
    expect((await readdir(join(out, 'checkpoints'))).sort()).toEqual(['epoch-001', 'epoch-002']);
    const { model, metadata } = await loadColorizerFromDirectory(out, { raster: { height: 16, width: 32 } });
    expect(metadata.nJets).toBe(6);
    expect(metadata.training?.files).toEqual([sample]);
    expect(metadata.training?.trainingEvents).toBe(18);
    expect(metadata.training?.validationEvents).toBe(6);
    expect(metadata.training?.processes).toContain('zhh');
    expect(metadata.metrics?.epochs).toBe(2);
    expect(metadata.detector).not.toBeNull();
    expect(model.outputs[0]?.shape).toEqual([null, 16, 32, 6]);
    model.dispose();
  });

  it('rejects a malformed grid', async () => {
    const program = buildProgram().exitOverride();
    program.commands.forEach((command) => command.exitOverride().configureOutput({ writeErr: () => {} }));
    await expect(
      program.parseAsync(['train', 'x.hepmc3', '--out', directory, '--grid', '64by64'], { from: 'user' }),
    ).rejects.toThrow('expected rows x columns such as 64x64 but got 64by64');
  });

  it('continues training from an initial model', async () => {
    const first = join(directory, 'model');
    const continued = join(directory, 'continued');
    const sample = repoPath('data', 'samples', 'zhh_500GeV.hepmc3.gz');
    await buildProgram().parseAsync(
      [
        'train',
        sample,
        '--out',
        continued,
        '--initial-model',
        first,
        '--limit',
        '24',
        '--epochs',
        '1',
        '--batch-size',
        '8',
        '--backend',
        'cpu',
        '--threads',
        '1',
        '--validation-split',
        '0.25',
        '--no-checkpoints',
        '--no-progress',
      ],
      { from: 'user' },
    );
    const { model, metadata } = await loadColorizerFromDirectory(continued);
    expect(metadata.raster.height).toBe(16);
    expect(metadata.unet.depth).toBe(2);
    expect(metadata.metrics?.epochs).toBe(1);
    expect(model.outputs[0]?.shape).toEqual([null, 16, 32, 6]);
    model.dispose();
  });

  it('rejects layout options with an initial model', async () => {
    const program = buildProgram().exitOverride();
    program.commands.forEach((command) => command.exitOverride().configureOutput({ writeErr: () => {} }));
    await expect(
      program.parseAsync(
        [
          'train',
          'x.hepmc3',
          '--out',
          directory,
          '--initial-model',
          directory,
          '--depth',
          '3',
          '--grid',
          '32x32',
        ],
        { from: 'user' },
      ),
    ).rejects.toThrow('cannot be combined with --grid, --depth');
  });
});
