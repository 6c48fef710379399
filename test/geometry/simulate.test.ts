import { describe, expect, it } from 'vitest';
import {
  ILD_DETECTOR,
  IMPACT_REGION,
  createRandom,
  rasterize,
  simulateDetector,
} from '../../src/geometry/index.js';
import { readEventsFromFile } from '../../src/io/node.js';
import { particlesFromArray, polarAngle, wrapDeltaPhi, type JetEvent } from '../../src/particles/index.js';
import { generatedEventsPath } from '../support/generated-events.js';

const PION_MASS = 0.13957;

/** Builds an event of `n` particles with random directions: π±, photons, neutrons and neutrinos, labelled by index. */
function randomEvent(n: number, seed: number): JetEvent {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const charge: number[] = [];
  const pdgId: number[] = [];
  const trueJet: number[] = [];
  const species: [number, number, number][] = [
    [211, 1, PION_MASS],
    [-211, -1, PION_MASS],
    [22, 0, 0],
    [2112, 0, 0.93957],
    [12, 0, 0],
  ];
  for (let i = 0; i < n; i++) {
    const [id, q, mass] = species[i % species.length] as [number, number, number];
    const p = 0.2 + 15 * random.uniform();
    const cosTheta = 2 * random.uniform() - 1;
    const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
    const phi = 2 * Math.PI * random.uniform() - Math.PI;
    rows.push([
      p * sinTheta * Math.cos(phi),
      p * sinTheta * Math.sin(phi),
      p * cosTheta,
      Math.hypot(p, mass),
    ]);
    charge.push(q);
    pdgId.push(id);
    trueJet.push(i % 6);
  }
  return {
    particles: particlesFromArray(rows, { charge, pdgId, trueJet }),
    partons: [],
    bosons: [],
    eventNumber: seed,
  };
}

function standardDeviation(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
}

describe('simulateDetector', () => {
  it('gives same smearing for same seed', () => {
    const event = randomEvent(150, 1);
    const first = simulateDetector(event, ILD_DETECTOR, { seed: 42 });
    const second = simulateDetector(event, ILD_DETECTOR, { seed: 42 });
    expect(second.particles.e).toEqual(first.particles.e);
    expect(second.particles.px).toEqual(first.particles.px);
    expect(second.impacts.phi).toEqual(first.impacts.phi);
    const other = simulateDetector(event, ILD_DETECTOR, { seed: 43 });
    expect(other.particles.e).not.toEqual(first.particles.e);
  });

  it('removes neutrinos and keeps labels', () => {
    const event = randomEvent(150, 2);
    const result = simulateDetector(event, ILD_DETECTOR, { seed: 1 });
    const output = result.particles;
    expect(result.counts.neutrinos).toBe(30);
    expect(Array.from(output.pdgId ?? []).some((id) => Math.abs(id) === 12)).toBe(false);
    // Output particles keep input order, so walking both lists pairs each output with its input.
    let k = 0;
    for (let i = 0; i < event.particles.length && k < output.length; i++) {
      const input = event.particles;
      const sameDirection =
        input.pdgId?.[i] === output.pdgId?.[k] &&
        Math.abs(
          wrapDeltaPhi(Math.atan2(input.py[i]!, input.px[i]!) - Math.atan2(output.py[k]!, output.px[k]!)),
        ) < 1e-12;
      if (!sameDirection) continue;
      expect(output.trueJet?.[k]).toBe(input.trueJet?.[i]);
      k++;
    }
    expect(k).toBe(output.length);
  });

  it('balances its counts', () => {
    const result = simulateDetector(
      randomEvent(500, 3),
      { ...ILD_DETECTOR, trackingEfficiency: 0.8 },
      { seed: 5 },
    );
    const { input, neutrinos, outsideAcceptance, lostTracks, loopers, lostClusters, output } = result.counts;
    expect(output).toBe(result.particles.length);
    expect(lostTracks).toBeGreaterThan(0);
    expect(loopers).toBeGreaterThan(0);
    expect(lostClusters).toBeGreaterThan(0);
    expect(outsideAcceptance).toBeGreaterThan(0);
    // Dropped particles: neutrinos, outside acceptance, lost clusters, and lost tracks without a cluster.
    expect(input - neutrinos - outsideAcceptance - lostClusters - output).toBeGreaterThanOrEqual(0);
    expect(input - neutrinos - outsideAcceptance - lostClusters - output).toBeLessThanOrEqual(lostTracks);
  });

  it('leaves the input unchanged', () => {
    const event = randomEvent(50, 4);
    const before = Float64Array.from(event.particles.e);
    simulateDetector(event, ILD_DETECTOR, { seed: 1 });
    expect(event.particles.e).toEqual(before);
  });

  it('applies the calorimeter acceptance', () => {
    const forward = Math.cos(0.05);
    const event: JetEvent = {
      particles: particlesFromArray(
        [
          [Math.sin(0.05) * 10, 0, forward * 10, 10],
          [10, 0, 0, 10],
        ],
        { charge: [0, 0], pdgId: [22, 22] },
      ),
      partons: [],
      bosons: [],
    };
    const result = simulateDetector(event, ILD_DETECTOR, { seed: 1 });
    expect(result.counts.outsideAcceptance).toBe(1);
    expect(result.particles.length).toBe(1);
    expect(result.particles.px[0]).toBeGreaterThan(0);
  });

  it('smears photons with ECAL resolution', () => {
    const event: JetEvent = {
      particles: particlesFromArray([[10, 0, 0, 10]], { charge: [0], pdgId: [22] }),
      partons: [],
      bosons: [],
    };
    const random = createRandom(11);
    const energies: number[] = [];
    for (let k = 0; k < 4000; k++)
      energies.push(simulateDetector(event, ILD_DETECTOR, { random }).particles.e[0]!);
    const expected = 10 * Math.hypot(0.17 / Math.sqrt(10), 0.01);
    expect(standardDeviation(energies) / expected).toBeGreaterThan(0.95);
    expect(standardDeviation(energies) / expected).toBeLessThan(1.05);
  });

  it('smears tracks with 1/pT resolution', () => {
    const event: JetEvent = {
      particles: particlesFromArray([[50, 0, 0, Math.hypot(50, PION_MASS)]], { charge: [1], pdgId: [211] }),
      partons: [],
      bosons: [],
    };
    const random = createRandom(12);
    const momenta: number[] = [];
    for (let k = 0; k < 4000; k++)
      momenta.push(simulateDetector(event, ILD_DETECTOR, { random }).particles.px[0]!);
    const expected = 50 * 50 * Math.hypot(2e-5, 1e-3 / 50);
    expect(standardDeviation(momenta) / expected).toBeGreaterThan(0.95);
    expect(standardDeviation(momenta) / expected).toBeLessThan(1.05);
  });

  it('turns lost tracks into neutral clusters', () => {
    const event = randomEvent(200, 6);
    const result = simulateDetector(event, { ...ILD_DETECTOR, trackingEfficiency: 0 }, { seed: 2 });
    expect(Array.from(result.particles.charge ?? []).every((q) => q === 0)).toBe(true);
    expect(result.counts.lostTracks).toBeGreaterThan(50);
    expect(result.counts.loopers).toBeGreaterThan(0);
  });

  it('places loopers by the looper rule', () => {
    // pT = 0.4 GeV and small pz: the helix never reaches the calorimeter.
    const event: JetEvent = {
      particles: particlesFromArray([[0.4, 0, 0.05, Math.hypot(0.4, 0.05, PION_MASS)]], {
        charge: [-1],
        pdgId: [-211],
        trueJet: [3],
      }),
      partons: [],
      bosons: [],
    };
    const kept = simulateDetector(event, ILD_DETECTOR, { seed: 1 });
    expect(kept.counts.loopers).toBe(1);
    expect(kept.impacts.region[0]).toBe(IMPACT_REGION.looper);
    expect(kept.impacts.phi[0]).toBe(0);
    expect(kept.impacts.theta[0]).toBeCloseTo(polarAngle(0.4, 0, 0.05), 14);
    expect(kept.particles.trueJet?.[0]).toBe(3);
    const dropped = simulateDetector(event, ILD_DETECTOR, { seed: 1, looperRule: 'drop' });
    expect(dropped.counts.loopers).toBe(1);
    expect(dropped.particles.length).toBe(0);
  });

  it('puts all output energy on a full image', () => {
    const result = simulateDetector(randomEvent(150, 7), ILD_DETECTOR, { seed: 3 });
    const raster = rasterize(result, { channels: ['energy'], deposition: 'bilinear' });
    const inImage = raster.image.reduce((a, b) => a + b, 0);
    expect(Math.abs(inImage / result.particles.totalEnergy() - 1)).toBeLessThan(1e-5);
    expect(Array.from(raster.coords.pixel).every((pixel) => pixel >= 0)).toBe(true);
  });

  it('rejects particles without charge', () => {
    const event: JetEvent = { particles: particlesFromArray([[1, 0, 0, 1]]), partons: [], bosons: [] };
    expect(() => simulateDetector(event)).toThrow(
      /simulateDetector: event\.particles: expected charge and pdgId columns/,
    );
  });

  it('revalidates a mutable detector', () => {
    const event = randomEvent(5, 9);
    const detector = { ...ILD_DETECTOR };
    expect(simulateDetector(event, detector, { seed: 1 }).counts.input).toBe(5);
    detector.trackingEfficiency = 2;
    expect(() => simulateDetector(event, detector, { seed: 1 })).toThrow(
      /detector\.trackingEfficiency: expected a finite number in \[0, 1\] but got 2/,
    );
  });

  it('rejects invalid detector and options', () => {
    const event = randomEvent(5, 8);
    expect(() => simulateDetector(event, { ...ILD_DETECTOR, trackingEfficiency: 1.5 })).toThrow(
      /simulateDetector: detector\.trackingEfficiency: expected a finite number in \[0, 1\] but got 1\.5/,
    );
    expect(() => simulateDetector(event, { ...ILD_DETECTOR, endcapZ: 2 })).toThrow(
      /expected endcapZ ≥ barrelHalfLength but got endcapZ = 2 m, barrelHalfLength = 2\.35 m/,
    );
    expect(() => simulateDetector(event, ILD_DETECTOR, { seed: 1, random: createRandom(1) })).toThrow(
      /give either seed or random, not both/,
    );
    expect(() => simulateDetector(event, ILD_DETECTOR, { seed: 0.5 })).toThrow(
      /options\.seed: expected a safe integer but got 0\.5/,
    );
  });
});

describe('simulateDetector on Pythia events', () => {
  it('keeps labels and image energy', async () => {
    let events = 0;
    for await (const event of readEventsFromFile(generatedEventsPath('zhh'))) {
      const input = event.particles;
      let neutrinos = 0;
      for (let i = 0; i < input.length; i++)
        if ([12, 14, 16].includes(Math.abs(input.pdgId![i]!))) neutrinos++;
      const result = simulateDetector(event, ILD_DETECTOR, { seed: events });
      expect(result.counts.neutrinos).toBe(neutrinos);
      expect(result.partons).toBe(event.partons);
      // Every true-jet label of the output is one of the input's labels.
      const labels = new Set(input.trueJet);
      for (const label of result.particles.trueJet!) expect(labels.has(label)).toBe(true);
      // Measured energy stays near the visible energy: tracks are precise, calorimeters smear by ~10–50 %/√E.
      const visible = input.totalEnergy();
      expect(result.particles.totalEnergy() / visible).toBeGreaterThan(0.6);
      expect(result.particles.totalEnergy() / visible).toBeLessThan(1.2);
      const raster = rasterize(result, { thetaMin: 0.2, thetaMax: Math.PI - 0.2, deposition: 'bilinear' });
      let inAcceptance = 0;
      for (let i = 0; i < result.particles.length; i++) {
        const theta = result.impacts.theta[i]!;
        if (theta >= 0.2 && theta <= Math.PI - 0.2) inAcceptance += result.particles.e[i]!;
      }
      const inImage = raster.image.reduce((a, b) => a + b, 0);
      expect(Math.abs(inImage / inAcceptance - 1)).toBeLessThan(1e-5);
      events++;
    }
    expect(events).toBe(20);
  });
});
