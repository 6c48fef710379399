import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayEvent } from '../../src/cli/display.js';
import { buildProgram } from '../../src/cli/main.js';
import { generatedEventsPath } from '../support/generated-events.js';
import { saveRandomModel } from '../support/random-model.js';

const directory = mkdtempSync(join(tmpdir(), 'jetcolor-display-'));
const modelDirectory = join(directory, 'model');

beforeAll(async () => {
  // The estimation panel's plumbing, not its quality, is under test.
  await saveRandomModel(modelDirectory, 'permutation');
});

describe('jetcolor display', () => {
  it('writes a PNG of a Pythia event', async () => {
    const output = join(directory, 'event.png');
    await buildProgram().parseAsync([
      'node',
      'jetcolor',
      'display',
      generatedEventsPath('zhh'),
      '--event',
      '3',
      '-o',
      output,
    ]);
    const png = PNG.sync.read(readFileSync(output));
    expect(png.width).toBeGreaterThan(2 * 64 * 8);
    expect(png.height).toBeGreaterThan(64 * 8);
  });

  it('writes an SVG with both panels', async () => {
    const output = join(directory, 'event.svg');
    await buildProgram().parseAsync([
      'node',
      'jetcolor',
      'display',
      generatedEventsPath('zhh'),
      '--event',
      '0',
      '--no-estimation',
      '--binning',
      'theta',
      '--height',
      '32',
      '--width',
      '48',
      '-o',
      output,
    ]);
    const svg = readFileSync(output, 'utf8');
    expect(svg).toContain('>Energy</text>');
    expect(svg).toContain('>Answer</text>');
    expect(svg).toContain('zhh_20.hepmc3.gz event 0, zhh, sqrt(s) = 500 GeV');
    expect(svg).toContain('>TH DEG</text>');
    // Six true jets in a ZHH → 6-quark event, so the legend lists jets 0 to 5.
    for (let jet = 0; jet < 6; jet++) expect(svg).toContain(`>JET ${jet}</text>`);
  });

  it('draws generator-level particles on request', async () => {
    const output = join(directory, 'generator.svg');
    await buildProgram().parseAsync([
      'node',
      'jetcolor',
      'display',
      generatedEventsPath('zz'),
      '--no-detector',
      '--no-estimation',
      '--event',
      '1',
      '-o',
      output,
    ]);
    const svg = readFileSync(output, 'utf8');
    expect(svg).toContain('zz_20.hepmc3.gz event 1, zz, sqrt(s) = 250 GeV');
    expect(svg).toContain('generator level');
  });

  it('rejects an event past the end', async () => {
    const settings = {
      file: generatedEventsPath('zhh'),
      event: 20,
      output: join(directory, 'none.png'),
      detector: true,
      seed: 0,
      height: 64,
      width: 64,
      thetaBinning: 'cosTheta' as const,
      pixelSize: 8,
    };
    await expect(displayEvent(settings)).rejects.toThrow(
      /has 20 events, so --event must be below 20 but is 20/,
    );
    await expect(
      displayEvent({ ...settings, event: 0, output: join(directory, 'event.gif') }),
    ).rejects.toThrow(
      /display: --output: expected a file name ending in \.png or \.svg but got .*event\.gif/,
    );
  });

  it('draws the estimation beside the answer', async () => {
    const output = join(directory, 'estimation.svg');
    await buildProgram().parseAsync([
      'node',
      'jetcolor',
      'display',
      generatedEventsPath('zhh'),
      '--model',
      modelDirectory,
      '--backend',
      'cpu',
      '--event',
      '2',
      '-o',
      output,
    ]);
    const svg = readFileSync(output, 'utf8');
    const titles = [...svg.matchAll(/>(Energy|Estimation|Answer)<\/text>/g)].map((match) => match[1]);
    expect(titles).toEqual(['Energy', 'Estimation', 'Answer']);
  });

  it('rejects a grid option with the estimation', async () => {
    const program = buildProgram().exitOverride();
    program.commands.forEach((command) => command.exitOverride().configureOutput({ writeErr: () => {} }));
    await expect(
      program.parseAsync(
        ['display', generatedEventsPath('zhh'), '--model', modelDirectory, '--height', '32', '-o', 'x.png'],
        { from: 'user' },
      ),
    ).rejects.toThrow("the estimation panel draws on the model's grid, so --height cannot be given with it");
  });
});
