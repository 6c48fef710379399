import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

import { readHepMC3 } from '../../src/io/node.js';
import { runGenerator } from '../support/generated-events.js';
import { referencePython, repoPath } from '../support/python.js';

const directory = mkdtempSync(join(tmpdir(), 'jetcolor-generator-'));

/** Runs the generator expecting failure; returns its exit status and standard error. */
function runFailing(args: string[]): { status: number | null; stderr: string } {
  try {
    execFileSync(referencePython(), [repoPath('tools', 'eventgen', 'generate.py'), ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    const failure = error as { status: number | null; stderr: string };
    return { status: failure.status, stderr: failure.stderr };
  }
  throw new Error(`generate.py ${args.join(' ')} succeeded but was expected to fail`);
}

describe('generate.py', () => {
  it('output does not depend on --jobs', () => {
    const outputs = ['1', '2'].map((jobs) => {
      const path = join(directory, `zh-jobs${jobs}.hepmc3.gz`);
      runGenerator([
        '--process',
        'zh',
        '--events',
        '6',
        '--seed',
        '4',
        '--chunk',
        '3',
        '--jobs',
        jobs,
        '--out',
        path,
      ]);
      return gunzipSync(readFileSync(path)).toString('utf8');
    });
    expect(outputs[0]).toContain('E 5 1 ');
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('--sqrts sets the beam energy', async () => {
    const path = join(directory, 'zz-300.hepmc3.gz');
    const summary = runGenerator([
      '--process',
      'zz',
      '--events',
      '3',
      '--seed',
      '4',
      '--sqrts',
      '300',
      '--out',
      path,
    ]);
    expect(summary).toMatch(/zz: wrote 3 events to .* \(\d+\.\d events\/s with 1 job\(s\)\)/);
    let count = 0;
    for await (const event of readHepMC3(path)) {
      expect(event.sqrtS).toBe(300);
      expect(event.particles.totalEnergy()).toBeCloseTo(300, 6);
      count++;
    }
    expect(count).toBe(3);
  });

  const rejected: [string, string[], RegExp][] = [
    ['seed out of range', ['--seed', '900000'], /--seed must be in 0\.\.899999 but is 900000/],
    ['zero events', ['--events', '0'], /--events must be at least 1 but is 0/],
    ['unknown process', ['--process', 'hh'], /argument --process: invalid choice: 'hh'/],
    ['too few digits', ['--digits', '3'], /--digits must be in 6\.\.17 but is 3/],
  ];
  it.each(rejected)('%s is rejected', (_name, change, message) => {
    const args = [
      '--process',
      'zz',
      '--events',
      '2',
      '--seed',
      '1',
      '--out',
      join(directory, 'never.hepmc3'),
    ];
    for (let k = 0; k < change.length; k += 2) {
      const at = args.indexOf(change[k] as string);
      if (at >= 0) args[at + 1] = change[k + 1] as string;
      else args.push(change[k] as string, change[k + 1] as string);
    }
    const { status, stderr } = runFailing(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
