/**
 * `jetcolor colorize` and `jetcolor evaluate` run as a user runs them: `node bin/jetcolor.js` on the built
 * package, with a small U-Net of random weights saved as a model directory. `npm test` builds dist/ first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generatedEventsPath, GENERATED_EVENTS } from '../support/generated-events.js';
import { repoPath } from '../support/python.js';
import { saveRandomModel } from '../support/random-model.js';

const BIN = repoPath('bin', 'jetcolor.js');
const BUILT_MAIN = repoPath('dist', 'cli', 'main.js');

function runJetcolor(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let directory: string;
let modelDirectory: string;
let zhhFile: string;

beforeAll(async () => {
  if (!existsSync(BUILT_MAIN)) {
    throw new Error(`${BUILT_MAIN} is missing: run "npm run build" first (npm test builds before testing)`);
  }
  directory = mkdtempSync(join(tmpdir(), 'jetcolor-cli-colorize-'));
  modelDirectory = join(directory, 'model');
  zhhFile = generatedEventsPath('zhh');
  await saveRandomModel(modelDirectory, 'energy');
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('jetcolor colorize', () => {
  it('writes one line of jets per event', () => {
    const output = join(directory, 'jets.jsonl');
    const result = runJetcolor(['colorize', zhhFile, '--model', modelDirectory, '-o', output]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(GENERATED_EVENTS);
    for (const line of lines) {
      const record = JSON.parse(line) as {
        particleJet: number[];
        particles: number[][];
        jets: { e: number; constituents: number[] }[];
      };
      expect(record.particleJet).toHaveLength(record.particles.length);
      expect(record.jets).toHaveLength(6);
      const constituents = record.jets.flatMap((jet) => jet.constituents).sort((a, b) => a - b);
      expect(constituents).toEqual(record.particles.map((_, i) => i));
      for (const jet of record.jets) expect(jet.constituents.length).toBeGreaterThan(0);
    }
  });

  it('writes the same jets with the U-Net on one or two threads', () => {
    // The CPU backend, whose advice to install tfjs-node must not reach standard error, from any thread.
    const outputs = ['1', '2'].map((threads) => {
      const output = join(directory, `jets-${threads}.jsonl`);
      const result = runJetcolor([
        'colorize',
        zhhFile,
        '--model',
        modelDirectory,
        '--backend',
        'cpu',
        '--threads',
        threads,
        '-o',
        output,
      ]);
      expect(result.stderr, `--threads ${threads}`).toBe('');
      expect(result.status, `--threads ${threads}`).toBe(0);
      return readFileSync(output, 'utf8');
    });
    expect(outputs[0]?.split('\n')).toHaveLength(GENERATED_EVENTS + 1);
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('rejects a jet count the model does not paint', () => {
    const result = runJetcolor([
      'colorize',
      zhhFile,
      '--model',
      modelDirectory,
      '--njets',
      '4',
      '--backend',
      'cpu',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nJets: the model paints 6 jets but got 4');
  });

  it('writes the events before a bad line', () => {
    // The first three events of the generated file, then a broken E line.
    const lines = gunzipSync(readFileSync(zhhFile)).toString('utf8').split('\n');
    const starts = lines.flatMap((line, i) => (line.startsWith('E ') ? [i] : []));
    const fourth = starts[3] ?? -1;
    const cut = join(directory, 'cut.hepmc3');
    writeFileSync(cut, `${lines.slice(0, fourth).join('\n')}\nE 3 x y\n`);
    const output = join(directory, 'cut.jsonl');
    const result = runJetcolor(['colorize', cut, '--model', modelDirectory, '--threads', '1', '-o', output]);
    expect(result.status).toBe(1);
    expect(readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(result.stderr).toBe(
      `jetcolor: ${cut}:${fourth + 1}: expected "E number vertices particles" but got "E 3 x y" ` +
        `(the results of the 3 events before it were written to ${output})\n`,
    );
  });

  it('checks the output file before any work', () => {
    const output = join(directory, 'no-such-directory', 'jets.jsonl');
    const result = runJetcolor(['colorize', zhhFile, '--model', modelDirectory, '-o', output]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `jetcolor: -o ${output}: the directory ${join(directory, 'no-such-directory')} does not exist; create it first\n`,
    );
  });

  it('rejects fewer minijets than jets', () => {
    const result = runJetcolor(['colorize', zhhFile, '--model', modelDirectory, '--minijets', '5']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'jetcolor: --minijets 5: expected at least as many minijets as jets (6), because each jet is made of whole minijets\n',
    );
  });

  it('rejects more than 64 threads', () => {
    const result = runJetcolor(['colorize', zhhFile, '--threads', '65']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "error: option '--threads <n>' argument '65' is invalid. expected an integer from 1 to 64 but got 65\n",
    );
  });

  it('reports a missing model directory', () => {
    const result = runJetcolor([
      'colorize',
      zhhFile,
      '--model',
      join(directory, 'absent'),
      '--backend',
      'cpu',
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('model.json not found');
  });
});

describe('jetcolor evaluate', () => {
  it('prints the three methods as JSON and writes plots', () => {
    const plots = join(directory, 'plots');
    const result = runJetcolor([
      'evaluate',
      zhhFile,
      '--njets',
      '6',
      '--model',
      modelDirectory,
      '--json',
      '--max-events',
      '8',
      '--plots',
      plots,
      '--backend',
      'cpu',
    ]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(report)).toEqual(['colorize', 'durham', 'truth']);
    for (const member of Object.values(report)) {
      expect(member.events).toBe(8);
      expect(typeof member.misassignedEnergyFraction).toBe('number');
      expect(typeof member.fullyCorrectFraction).toBe('number');
      expect(typeof member.higgsMassRms90).toBe('number');
    }
    for (const name of ['mass-H.svg', 'mass-Z.svg', 'misassigned-energy.svg']) {
      expect(readFileSync(join(plots, name), 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<\/svg>\n$/);
    }
  });

  it('gives the same figures with the U-Net on one or two threads', () => {
    const reports = ['1', '2'].map((threads) => {
      const result = runJetcolor([
        'evaluate',
        zhhFile,
        '--njets',
        '6',
        '--model',
        modelDirectory,
        '--methods',
        'colorize',
        '--json',
        '--batch-size',
        '4',
        '--threads',
        threads,
      ]);
      expect(result.status, `--threads ${threads}: ${result.stderr}`).toBe(0);
      return JSON.parse(result.stdout) as { colorize: { events: number } };
    });
    expect(reports[0]?.colorize.events).toBe(GENERATED_EVENTS);
    expect(reports[1]).toEqual(reports[0]);
  });

  it('rejects a --plots path that is a file', () => {
    const file = join(directory, 'plots-file');
    writeFileSync(file, '');
    const result = runJetcolor(['evaluate', zhhFile, '--njets', '6', '--methods', 'durham', '--plots', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `jetcolor: --plots ${file}: exists and is not a directory; expected a directory for the files\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('prints a table by default', () => {
    const result = runJetcolor([
      'evaluate',
      zhhFile,
      '--njets',
      '6',
      '--methods',
      'durham,truth',
      '--max-events',
      '4',
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^metric +durham +truth\n/);
    expect(result.stdout).toContain('H mass RMS90 [GeV]');
  });

  it('requires --njets', () => {
    const result = runJetcolor(['evaluate', zhhFile, '--methods', 'durham']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("required option '--njets <n>' not specified");
  });

  it('rejects an unknown method', () => {
    const result = runJetcolor(['evaluate', zhhFile, '--njets', '6', '--methods', 'durham,kt']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('expected methods among colorize, durham, truth but got kt');
  });
});
