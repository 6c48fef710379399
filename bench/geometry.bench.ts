/**
 * Speed of the detector response and the rasterizer on 150-particle events, single-threaded.
 *
 * Run with `npm run bench:geometry`. Rates are in events per CPU second (and per wall-clock second, which
 * drops when other processes share the cores). The reference measured in the same run is a plain loop that sums the
 * particle energies of the same events. It reads every particle once and does nothing else, so the ratio
 * gives how many such passes one simulate + rasterize costs.
 */

import {
  ILD_DETECTOR,
  createRandom,
  rasterize,
  rasterizeBatch,
  simulateDetector,
} from '../src/geometry/index.js';
import type { DetectorEvent } from '../src/geometry/index.js';
import { particlesFromArray, type JetEvent } from '../src/particles/index.js';

const PARTICLES_PER_EVENT = 150;
const EVENT_COUNT = 256;
const SECONDS_PER_MEASUREMENT = 1;
const REPEATS = 5;

/** PDG code, charge and mass in GeV of the particle kinds, in turn. */
const SPECIES: readonly [number, number, number][] = [
  [211, 1, 0.13957],
  [-211, -1, 0.13957],
  [22, 0, 0],
  [2112, 0, 0.93957],
];

/** Six jets of 25 particles each: charged pions, photons and neutral hadrons in a narrow cone. */
function makeEvent(seed: number): JetEvent {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const charge: number[] = [];
  const pdgId: number[] = [];
  const trueJet: number[] = [];
  const perJet = PARTICLES_PER_EVENT / 6;
  for (let jet = 0; jet < 6; jet++) {
    const cosTheta = 1.9 * random.uniform() - 0.95;
    const phi = 2 * Math.PI * random.uniform() - Math.PI;
    for (let k = 0; k < perJet; k++) {
      const c = Math.max(-1, Math.min(1, cosTheta + 0.1 * random.gaussian()));
      const s = Math.sqrt(1 - c * c);
      const f = phi + 0.15 * random.gaussian();
      const p = 0.2 + 10 * random.uniform() ** 2;
      const [id, q, mass] = SPECIES[k % SPECIES.length] as [number, number, number];
      rows.push([p * s * Math.cos(f), p * s * Math.sin(f), p * c, Math.hypot(p, mass)]);
      charge.push(q);
      pdgId.push(id);
      trueJet.push(jet);
    }
  }
  return { particles: particlesFromArray(rows, { charge, pdgId, trueJet }), partons: [], bosons: [] };
}

/** Seconds of CPU time (user + system) used by this process so far. */
function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Best rate over REPEATS runs of `work` (which processes one event per call), in events per CPU second and
 * per wall-clock second. CPU time leaves out the time the process waits while other processes use the cores.
 */
function measure(name: string, work: (index: number) => number): number {
  let bestCpu = 0;
  let bestWall = 0;
  let sink = 0;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    let processed = 0;
    const wallStart = performance.now();
    const cpuStart = cpuSeconds();
    let cpu = 0;
    while (cpu < SECONDS_PER_MEASUREMENT) {
      for (let k = 0; k < EVENT_COUNT; k++) sink += work(processed++ % EVENT_COUNT);
      cpu = cpuSeconds() - cpuStart;
    }
    const wall = (performance.now() - wallStart) / 1000;
    bestCpu = Math.max(bestCpu, processed / cpu);
    bestWall = Math.max(bestWall, processed / wall);
  }
  const cpuRate = Math.round(bestCpu).toString().padStart(10);
  const wallRate = Math.round(bestWall).toString().padStart(10);
  console.log(`${name.padEnd(44)} ${cpuRate} ${wallRate}   (checksum ${sink.toExponential(3)})`);
  return bestCpu;
}

const events = Array.from({ length: EVENT_COUNT }, (_, index) => makeEvent(index + 1));
const reconstructed: DetectorEvent[] = events.map((event, index) =>
  simulateDetector(event, ILD_DETECTOR, { seed: index }),
);

console.log(
  `Node ${process.version}, ${PARTICLES_PER_EVENT} particles per event, one thread, best of ${REPEATS}`,
);
const reference = measure('reference: sum of particle energies', (i) => events[i]!.particles.totalEnergy());
const simulate = measure(
  'simulateDetector',
  (i) => simulateDetector(events[i]!, ILD_DETECTOR, { seed: i }).counts.output,
);
const raster = measure('rasterize (64×64, nearest)', (i) => rasterize(reconstructed[i]!).coords.pixel[0]!);
const rasterBilinear = measure(
  'rasterize (64×64, bilinear)',
  (i) => rasterize(reconstructed[i]!, { deposition: 'bilinear' }).coords.pixel[0]!,
);
const both = measure(
  'simulateDetector + rasterize',
  (i) => rasterize(simulateDetector(events[i]!, ILD_DETECTOR, { seed: i })).coords.pixel[0]!,
);
const batchSize = 64;
const target = new Float32Array(batchSize * 64 * 64 * 2);
const batched = measure(`rasterizeBatch (${batchSize} per call, reused buffer)`, (i) =>
  i % batchSize === 0
    ? rasterizeBatch(reconstructed.slice(i, i + batchSize), undefined, target).coords.length
    : 0,
);

console.log('');
console.log('ratio to reference (reference events/s ÷ events/s, CPU time):');
for (const [name, rate] of [
  ['simulateDetector', simulate],
  ['rasterize (nearest)', raster],
  ['rasterize (bilinear)', rasterBilinear],
  ['simulateDetector + rasterize', both],
  ['rasterizeBatch', batched],
] as const) {
  console.log(`  ${name.padEnd(30)} ${(reference / rate).toFixed(1)}×`);
}
console.log(
  `simulateDetector + rasterize: ${both >= 20_000 ? 'meets' : 'misses'} the 20,000 events per CPU second target`,
);
