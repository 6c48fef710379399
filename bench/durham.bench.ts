/**
 * Durham clustering speed: clusterDurham against FastJet's C++ library on the same events, in the same run.
 *
 * Run with `npm run bench:durham`. It needs the reference Python environment (`npm run setup:python`), whose
 * `fastjet` package ships the FastJet 3.5.2 C++ headers and shared library, and a C++ compiler (g++). The
 * driver tools/reference/fastjet_durham_bench.cc is compiled against that library at the start of every run.
 *
 * Both sides are timed in CPU time of their own process, which varies less than wall-clock time on a shared
 * machine. FastJet is timed inside C++ around the ClusterSequence construction alone. jetcolor is timed around
 * clusterDurham alone, after a warm-up pass, with the Particles containers built beforehand. Each figure is
 * the smallest of TRIALS mean times per event.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterDurham } from '../src/clustering/index.js';
import { particlesFromArray, type Particles } from '../src/particles/index.js';
import { jetLikeEvent, seededRandom, type Row } from '../test/clustering/durham-events.js';
import { referencePython, repoPath } from '../test/support/python.js';

/** Particle multiplicities to time. The speed target is set for 60–300, taken as typical of ILC events. */
const MULTIPLICITIES = [50, 100, 200, 500, 1000];
/** Events per multiplicity: jet-like events with 6 jets, as in e+e- → ZHH → 6 quarks. */
const EVENTS_PER_MULTIPLICITY = 20;
/** Clusterings per event are about this number divided by N, so each multiplicity takes a similar time. */
const CLUSTERING_BUDGET = 20_000;
/** Timing trials per multiplicity and side. The fastest trial is reported. */
const TRIALS = 3;

interface CppTiming {
  secondsPerClustering: number;
  dmergeSum: number;
}

function fastjetDirectory(): string {
  const script = 'import fastjet, os; print(os.path.dirname(fastjet.__file__))';
  return execFileSync(referencePython(), ['-c', script], { encoding: 'utf8' }).trim();
}

function compileDriver(directory: string): string {
  const fastjet = fastjetDirectory();
  const executable = join(directory, 'fastjet_durham_bench');
  const source = repoPath('tools', 'reference', 'fastjet_durham_bench.cc');
  const args = ['-O2', '-std=c++17', '-o', executable, source, `-I${join(fastjet, 'include')}`];
  args.push(`-L${join(fastjet, 'lib64')}`, '-lfastjet', `-Wl,-rpath,${join(fastjet, 'lib64')}`);
  try {
    execFileSync('g++', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    throw new Error(`compiling ${source} with g++ failed (is g++ installed?): ${(error as Error).message}`);
  }
  return executable;
}

function runFastJet(
  executable: string,
  eventsFile: string,
  repetitions: number,
  strategy: string,
): CppTiming[] {
  const output = execFileSync(executable, [eventsFile, String(repetitions), strategy], { encoding: 'utf8' });
  return output
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, seconds, dmergeSum] = line.split(' ').map(Number);
      return { secondsPerClustering: seconds as number, dmergeSum: dmergeSum as number };
    });
}

function writeEventsForCpp(path: string, events: readonly Row[][]): void {
  const lines: string[] = [];
  for (const rows of events) {
    lines.push(String(rows.length));
    for (const row of rows) lines.push(row.map((value) => value.toPrecision(17)).join(' '));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Returns the dmerge checksum of each event: the sum of exclusiveDmerge(n) for n = 1..N−1. */
function dmergeSums(events: readonly Particles[]): number[] {
  return events.map((particles) => {
    const sequence = clusterDurham(particles);
    let sum = 0;
    for (let n = 1; n < particles.length; n++) sum += sequence.exclusiveDmerge(n);
    return sum;
  });
}

/** Returns the mean CPU seconds per clusterDurham call over all events. */
function timeJetcolor(events: readonly Particles[], repetitions: number): number {
  let total = 0;
  for (const particles of events) {
    const start = process.cpuUsage();
    for (let r = 0; r < repetitions; r++) clusterDurham(particles);
    const used = process.cpuUsage(start);
    total += (used.user + used.system) / 1e6 / repetitions;
  }
  return total / events.length;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function main(): void {
  const directory = mkdtempSync(join(tmpdir(), 'jetcolor-bench-durham-'));
  try {
    const executable = compileDriver(directory);
    console.log(
      `# Durham clustering, CPU ms per event (${EVENTS_PER_MULTIPLICITY} jet-like 6-jet events per N, best of ${TRIALS})`,
    );
    console.log(`# Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
    console.log(
      `# load average at start: ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      'N | jetcolor | FastJet Best | FastJet N2PlainEEAccurate | jetcolor/Best | jetcolor/Accurate',
    );

    const random = seededRandom(500);
    for (const n of MULTIPLICITIES) {
      const rows = Array.from({ length: EVENTS_PER_MULTIPLICITY }, () => jetLikeEvent(random, n, 6));
      const particles = rows.map((event) => particlesFromArray(event));
      const eventsFile = join(directory, `events-${n}.txt`);
      writeEventsForCpp(eventsFile, rows);
      const repetitions = Math.max(1, Math.round(CLUSTERING_BUDGET / n));

      // Both sides must have clustered the same events to the same result.
      const sums = dmergeSums(particles);
      runFastJet(executable, eventsFile, 1, 'accurate').forEach((timing, k) => {
        const expected = sums[k] as number;
        if (Math.abs(timing.dmergeSum - expected) > 1e-10 * Math.abs(expected)) {
          throw new Error(
            `event ${k} at N = ${n}: FastJet dmerge sum ${timing.dmergeSum} differs from ${expected}`,
          );
        }
      });

      // Warm-up, so that the JIT has compiled the loop before timing.
      timeJetcolor(particles, Math.max(1, Math.round(repetitions / 4)));
      let oursSeconds = Infinity;
      let bestSeconds = Infinity;
      let accurateSeconds = Infinity;
      for (let trial = 0; trial < TRIALS; trial++) {
        oursSeconds = Math.min(oursSeconds, timeJetcolor(particles, repetitions));
        const best = runFastJet(executable, eventsFile, repetitions, 'best');
        bestSeconds = Math.min(bestSeconds, mean(best.map((timing) => timing.secondsPerClustering)));
        const accurate = runFastJet(executable, eventsFile, repetitions, 'accurate');
        accurateSeconds = Math.min(
          accurateSeconds,
          mean(accurate.map((timing) => timing.secondsPerClustering)),
        );
      }

      const oursMs = oursSeconds * 1000;
      const bestMs = bestSeconds * 1000;
      const accurateMs = accurateSeconds * 1000;
      const cells = [oursMs, bestMs, accurateMs].map((ms) => ms.toFixed(4));
      const ratios = [oursMs / bestMs, oursMs / accurateMs].map((ratio) => ratio.toFixed(2));
      console.log([n, ...cells, ...ratios].join(' | '));
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
