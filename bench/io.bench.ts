/**
 * HepMC3 reading speed: the TypeScript reader against pyhepmc (HepMC3's C++ ReaderAscii) on the same file,
 * gzip and plain, in the same run. Run with `npm run bench:io`, and set BENCH_IO_FILE to read another file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { readHepMC3 } from '../src/io/node.js';

const REPO = resolve(import.meta.dirname, '..');
const REPEATS = 5;
const source = process.env.BENCH_IO_FILE ?? join(REPO, 'data', 'samples', 'zhh_500GeV.hepmc3.gz');
const python = process.env.JETCOLOR_PYTHON ?? join(REPO, '.venv', 'bin', 'python');

interface Timing {
  events: number;
  seconds: number;
}

/** Best of REPEATS full passes of the TypeScript reader (the first passes also warm up the JIT). */
async function timeTypeScript(path: string, fullRecord: boolean): Promise<Timing> {
  let best = Number.POSITIVE_INFINITY;
  let events = 0;
  for (let run = 0; run < REPEATS; run++) {
    events = 0;
    const start = performance.now();
    for await (const event of readHepMC3(path, { fullRecord })) events += event.particles.length >= 0 ? 1 : 0;
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  return { events, seconds: best };
}

/** Best of REPEATS full passes of pyhepmc, timed inside Python (interpreter start-up excluded). */
function timePyhepmc(path: string): Timing {
  const script = `
import json, sys, time, pyhepmc
best, events = float("inf"), 0
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    with pyhepmc.open(sys.argv[1]) as f:
        events = sum(1 for _ in f)
    best = min(best, time.perf_counter() - start)
print(json.dumps({"events": events, "seconds": best}))
`;
  return JSON.parse(
    execFileSync(python, ['-c', script, path, String(REPEATS)], { encoding: 'utf8' }),
  ) as Timing;
}

function row(name: string, timing: Timing, megabytes: number, reference: Timing): string {
  const rate = timing.events / timing.seconds;
  const ratio = reference.seconds / timing.seconds;
  return `| ${name} | ${rate.toFixed(0)} | ${(megabytes / timing.seconds).toFixed(1)} | ${ratio.toFixed(2)} |`;
}

const plainPath = join(mkdtempSync(join(tmpdir(), 'jetcolor-bench-io-')), 'events.hepmc3');
const compressed = readFileSync(source);
const text = compressed[0] === 0x1f && compressed[1] === 0x8b ? gunzipSync(compressed) : compressed;
writeFileSync(plainPath, text);
const megabytes = text.length / 1e6;

console.log(
  `file: ${source} (${(statSync(source).size / 1e6).toFixed(2)} MB on disk, ${megabytes.toFixed(2)} MB of text)`,
);
console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}`);
console.log(
  'MB/s counts uncompressed text; ratio = pyhepmc time / this time on the same input (> 1: faster)\n',
);
console.log('| reader | events/s | MB/s | ratio to pyhepmc |');
console.log('|---|---|---|---|');
for (const [label, path] of [
  ['gzip', source],
  ['plain', plainPath],
] as const) {
  const reference = timePyhepmc(path);
  console.log(row(`pyhepmc 2.16 (${label})`, reference, megabytes, reference));
  console.log(row(`readHepMC3 (${label})`, await timeTypeScript(path, false), megabytes, reference));
  console.log(
    row(`readHepMC3 fullRecord (${label})`, await timeTypeScript(path, true), megabytes, reference),
  );
}
