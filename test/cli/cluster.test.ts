/**
 * `jetcolor cluster` run as a user runs it: `node bin/jetcolor.js` on the built package. `npm test` builds dist/
 * before the tests run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterDurham } from '../../src/clustering/index.js';
import { formatEventJsonLine, formatJetsJsonLine } from '../../src/io/index.js';
import { particlesFromArray } from '../../src/particles/index.js';
import { jetLikeEvent, seededRandom } from '../clustering/durham-events.js';
import { repoPath } from '../support/python.js';

const BIN = repoPath('bin', 'jetcolor.js');
const BUILT_MAIN = repoPath('dist', 'cli', 'main.js');

function runJetcolor(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('jetcolor cluster', () => {
  const random = seededRandom(11);
  const events = [jetLikeEvent(random, 80, 6), jetLikeEvent(random, 150, 6), jetLikeEvent(random, 7, 2)];
  let directory: string;
  let input: string;

  beforeAll(() => {
    if (!existsSync(BUILT_MAIN)) {
      throw new Error(`${BUILT_MAIN} is missing: run "npm run build" first (npm test builds before testing)`);
    }
    directory = mkdtempSync(join(tmpdir(), 'jetcolor-cli-'));
    input = join(directory, 'events.jsonl');
    const lines = events.map((rows) => formatEventJsonLine({ particles: particlesFromArray(rows) }));
    writeFileSync(input, lines.join('\n') + '\n');
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('writes the library jets for --njets', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '6', input]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const expected = events.map((rows, index) => {
      const jets = clusterDurham(particlesFromArray(rows)).exclusiveJets(6);
      return formatJetsJsonLine(jets, { event: index }) + '\n';
    });
    expect(result.stdout).toBe(expected.join(''));
  });

  it('writes the library jets for --ycut', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--ycut', '0.01', input]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(events.length);
    events.forEach((rows, index) => {
      const jets = clusterDurham(particlesFromArray(rows)).exclusiveJetsYcut(0.01);
      expect(lines[index]).toBe(formatJetsJsonLine(jets, { event: index }));
    });
  });

  it('normalises y by --sqrt-s', () => {
    const result = runJetcolor([
      'cluster',
      '--algorithm',
      'durham',
      '--ycut',
      '0.001',
      '--sqrt-s',
      '500',
      input,
    ]);
    expect(result.status).toBe(0);
    const first = result.stdout.split('\n')[0];
    const jets = clusterDurham(particlesFromArray(events[0]!), { sqrtS: 500 }).exclusiveJetsYcut(0.001);
    expect(first).toBe(formatJetsJsonLine(jets, { event: 0 }));
  });

  it('writes to the --output file', () => {
    const output = join(directory, 'jets.jsonl');
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '2', '-o', output, input]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(output, 'utf8').trim().split('\n')).toHaveLength(events.length);
  });

  it('writes the events before a bad line', () => {
    const cut = join(directory, 'cut.jsonl');
    const lines = events.map((rows) => formatEventJsonLine({ particles: particlesFromArray(rows) }));
    writeFileSync(cut, `${lines[0]}\n${lines[1]}\n{"particles": [[1, 2\n`);
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '2', cut]);
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/^jetcolor: .*cut\.jsonl:3: /);
    expect(result.stderr).toContain(
      '(the results of the 2 events before it were written to standard output)',
    );
  });

  it('rejects a directory as the output file', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '2', input, '-o', directory]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`jetcolor: -o ${directory}: is a directory; expected a file name\n`);
  });

  it('rejects --njets with --ycut', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '2', '--ycut', '0.1', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("option '--njets <n>' cannot be used with option '--ycut <y>'");
    expect(result.stdout).toBe('');
  });

  it('requires --njets or --ycut', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("one of the options '--njets <n>' or '--ycut <y>' is required");
  });

  it('rejects an unknown algorithm', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'anti-kt', '--njets', '2', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("argument 'anti-kt' is invalid. Allowed choices are durham.");
  });

  it('rejects an invalid --njets value', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '2.5', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('expected an integer ≥ 1 but got 2.5');
  });

  it('names the event with too few particles', () => {
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '8', input]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `jetcolor: ${input}: event 2 (counting from 0) has 7 particles, fewer than --njets 8\n`,
    );
    expect(result.stdout).toBe('');
  });

  it('rejects an event without particles', () => {
    const empty = join(directory, 'empty-event.jsonl');
    writeFileSync(empty, '{"particles": [[0, 0, 1, 1]]}\n{"particles": []}\n');
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--ycut', '0.1', empty]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `jetcolor: ${empty}: event 1 (counting from 0) has no particles, so it cannot be clustered\n`,
    );
  });

  it('names the line of a parse error', () => {
    const broken = join(directory, 'broken.jsonl');
    writeFileSync(broken, '{"particles": [[0, 0, 1, 1]]}\n{"particles": [[0, 0, 1, 1]\n');
    const result = runJetcolor(['cluster', '--algorithm', 'durham', '--njets', '1', broken]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^jetcolor: ${broken}:2: invalid JSON`));
  });

  it('prints help', () => {
    const result = runJetcolor(['cluster', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: jetcolor cluster [options] <file>');
    expect(result.stdout).toContain('--njets <n>');
  });
});
