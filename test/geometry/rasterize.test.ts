import { describe, expect, it } from 'vitest';
import {
  IMPACT_REGION,
  imageView,
  rasterize,
  rasterizeBatch,
  rowEdges,
  createRasterGrid,
  resolveRasterOptions,
} from '../../src/geometry/index.js';
import type { Deposition, ThetaBinning } from '../../src/geometry/index.js';
import { createRandom } from '../../src/geometry/random.js';
import { Particles, particlesFromArray, polarAngle } from '../../src/particles/index.js';

/** Massless particles with random directions and energies, a third of them neutral, some photons. */
function randomParticles(n: number, seed: number): Particles {
  const random = createRandom(seed);
  const rows: number[][] = [];
  const charge: number[] = [];
  const pdgId: number[] = [];
  for (let i = 0; i < n; i++) {
    const energy = 0.1 + 20 * random.uniform();
    const cosTheta = 2 * random.uniform() - 1;
    const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
    const phi = 2 * Math.PI * random.uniform() - Math.PI;
    rows.push([
      energy * sinTheta * Math.cos(phi),
      energy * sinTheta * Math.sin(phi),
      energy * cosTheta,
      energy,
    ]);
    const kind = i % 3;
    if (kind === 0) {
      charge.push(0);
      pdgId.push(i % 2 === 0 ? 22 : 130);
    } else {
      const sign = kind === 1 ? 1 : -1;
      charge.push(sign);
      pdgId.push(sign * 211);
    }
  }
  return particlesFromArray(rows, { charge, pdgId });
}

function sum(values: ArrayLike<number>, start = 0, step = 1): number {
  let total = 0;
  for (let i = start; i < values.length; i += step) total += values[i] as number;
  return total;
}

describe('rasterize', () => {
  const cases: [ThetaBinning, Deposition][] = [
    ['cosTheta', 'nearest'],
    ['cosTheta', 'bilinear'],
    ['theta', 'nearest'],
    ['theta', 'bilinear'],
  ];
  for (const [thetaBinning, deposition] of cases) {
    it(`conserves energy in acceptance (${thetaBinning}, ${deposition})`, () => {
      const particles = randomParticles(500, 7);
      const thetaMin = 0.3;
      const thetaMax = 2.7;
      const raster = rasterize(particles, {
        thetaBinning,
        deposition,
        thetaMin,
        thetaMax,
        channels: ['energy', 'charged', 'neutral'],
      });

      let inside = 0;
      let insideCharged = 0;
      let onImage = 0;
      for (let i = 0; i < particles.length; i++) {
        const theta = polarAngle(
          particles.px[i] as number,
          particles.py[i] as number,
          particles.pz[i] as number,
        );
        if (theta < thetaMin || theta > thetaMax) {
          expect(raster.coords.pixel[i]).toBe(-1);
          continue;
        }
        onImage++;
        inside += particles.e[i] as number;
        if (particles.charge?.[i] !== 0) insideCharged += particles.e[i] as number;
      }

      expect(onImage).toBeGreaterThan(300);
      expect(onImage).toBeLessThan(500);
      expect(Math.abs(sum(raster.image, 0, 3) / inside - 1)).toBeLessThan(1e-5);
      expect(Math.abs(sum(raster.image, 1, 3) / insideCharged - 1)).toBeLessThan(1e-5);
      expect(Math.abs((sum(raster.image, 1, 3) + sum(raster.image, 2, 3)) / inside - 1)).toBeLessThan(1e-5);
    });
  }

  it('places a neutral where it points', () => {
    const particles = particlesFromArray([[3, 0, 0, 3]], { charge: [0] });
    const raster = rasterize(particles);
    expect(raster.coords.u[0]).toBe(32);
    expect(raster.coords.v[0]).toBe(32);
    expect(raster.coords.pixel[0]).toBe(32 * 64 + 32);
    expect(raster.image[(32 * 64 + 32) * 2 + 1]).toBe(3);
    expect(raster.image[(32 * 64 + 32) * 2]).toBe(0);
  });

  it('puts θ = thetaMax in the last row', () => {
    const particles = particlesFromArray([[0, 0, -2, 2]], { charge: [0] });
    const raster = rasterize(particles, { height: 16, width: 8 });
    expect(Math.floor(raster.coords.u[0] as number)).toBe(15);
    expect(raster.coords.u[0]).toBeLessThan(16);
  });

  it('wraps φ around', () => {
    // φ = −π exactly, φ just below π, φ = +π from atan2 (which the conventions map to −π), and a φ so close
    // below π that its float32 column coordinate rounds to the width and wraps to column 0.
    const epsilon = 1e-4;
    const tiny = 1e-9;
    const particles = particlesFromArray(
      [
        [-1, -0, 0, 1],
        [-Math.cos(epsilon), Math.sin(epsilon), 0, 1],
        [-1, 0, 0, 1],
        [-Math.cos(tiny), Math.sin(tiny), 0, 1],
      ],
      { charge: [0, 0, 0, 0] },
    );
    const raster = rasterize(particles, { height: 4, width: 8 });
    expect(raster.coords.pixel[0]).toBe(2 * 8 + 0);
    expect(raster.coords.pixel[1]).toBe(2 * 8 + 7);
    expect(raster.coords.pixel[2]).toBe(2 * 8 + 0);
    expect(raster.coords.pixel[3]).toBe(2 * 8 + 0);
    for (let i = 0; i < 4; i++) expect(raster.coords.v[i]).toBeLessThan(8);
  });

  it('splits across the φ seam bilinearly', () => {
    // v = 0.25 on 8 columns: a quarter of the value goes to column 7, three quarters to column 0.
    const phi = -Math.PI + (0.25 * 2 * Math.PI) / 8;
    const particles = particlesFromArray([[Math.cos(phi), Math.sin(phi), 0, 1]], { charge: [1] });
    const raster = rasterize(particles, {
      height: 4,
      width: 8,
      deposition: 'bilinear',
      channels: ['charged'],
    });
    const view = imageView(raster);
    expect(view.get(2, 7, 0)).toBeCloseTo(0.125, 6);
    expect(view.get(2, 0, 0)).toBeCloseTo(0.375, 6);
    expect(view.get(1, 7, 0)).toBeCloseTo(0.125, 6);
    expect(view.get(1, 0, 0)).toBeCloseTo(0.375, 6);
  });

  it('uses impacts when given', () => {
    const particles = particlesFromArray([[1, 0, 0, 1]], { charge: [1] });
    const impacts = {
      theta: new Float64Array([0.5]),
      phi: new Float64Array([-1]),
      region: new Uint8Array([IMPACT_REGION.barrel]),
    };
    const withImpacts = rasterize({ particles, impacts }, { thetaBinning: 'theta', height: 10, width: 10 });
    expect(withImpacts.coords.u[0]).toBeCloseTo((0.5 / Math.PI) * 10, 5);
    expect(withImpacts.coords.v[0]).toBeCloseTo(((Math.PI - 1) / (2 * Math.PI)) * 10, 5);
  });

  it('fills photon and neutral hadron channels', () => {
    const particles = particlesFromArray(
      [
        [0, 2, 0, 2],
        [0, 3, 0, 3],
        [0, 5, 0, 5],
      ],
      { charge: [0, 0, 1], pdgId: [22, 2112, 211] },
    );
    const raster = rasterize(particles, { channels: ['photon', 'neutralHadron', 'charged', 'count'] });
    const pixel = raster.coords.pixel[0] as number;
    expect(Array.from(raster.image.subarray(pixel * 4, pixel * 4 + 4))).toEqual([2, 3, 5, 3]);
  });

  it('rejects photon channel without pdgId', () => {
    const particles = particlesFromArray([[0, 2, 0, 2]], { charge: [0] });
    expect(() => rasterize(particles, { channels: ['photon'] })).toThrow(
      /rasterize: particles: channels photon need a pdgId column/,
    );
  });

  it('rejects charged channel without charge', () => {
    const particles = particlesFromArray([[0, 2, 0, 2]]);
    expect(() => rasterize(particles)).toThrow(
      /rasterize: particles: channels charged, neutral need a charge column/,
    );
    expect(rasterize(particles, { channels: ['energy'] }).image.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('rejects non-particle input', () => {
    expect(() => rasterize([[1, 0, 0, 1]] as unknown as Particles)).toThrow(
      /rasterize: expected Particles or an event with a particles field but got Array/,
    );
  });

  it('row edges match the grid', () => {
    const grid = createRasterGrid(resolveRasterOptions({ height: 4 }, 'test'));
    const edges = Array.from(rowEdges(grid));
    expect(edges[0]).toBe(0);
    expect(edges[2]).toBeCloseTo(Math.PI / 2, 12);
    expect(edges[1]).toBeCloseTo(Math.acos(0.5), 12);
    expect(edges[4]).toBe(Math.PI);
  });
});

describe('rasterizeBatch', () => {
  it('matches single-event rasterization', () => {
    const events = [randomParticles(40, 1), randomParticles(70, 2), randomParticles(0, 3)];
    const options = { height: 16, width: 24, deposition: 'bilinear' as const };
    const batch = rasterizeBatch(events, options);
    const eventSize = 16 * 24 * 2;
    expect(batch.images.length).toBe(3 * eventSize);
    events.forEach((particles, b) => {
      const single = rasterize(particles, options);
      expect(batch.images.subarray(b * eventSize, (b + 1) * eventSize)).toEqual(single.image);
      expect(batch.coords[b]).toEqual(single.coords);
    });
  });

  it('reuses and zeroes a target buffer', () => {
    const events = [randomParticles(10, 4)];
    const target = new Float32Array(8 * 8 * 2).fill(7);
    const batch = rasterizeBatch(events, { height: 8, width: 8 }, target);
    expect(batch.images).toBe(target);
    expect(sum(target)).toBeCloseTo(events[0]!.totalEnergy(), 4);
  });

  it('rejects a target of the wrong size', () => {
    expect(() =>
      rasterizeBatch([randomParticles(3, 5)], { height: 8, width: 8 }, new Float32Array(10)),
    ).toThrow(/rasterizeBatch: target: expected 128 values \(B × H × W × C\) but got 10/);
  });

  it('names the failing event', () => {
    const good = randomParticles(3, 6);
    const bad = particlesFromArray([[0, 1, 0, 1]]);
    expect(() => rasterizeBatch([good, bad])).toThrow(
      /rasterizeBatch: event 1: particles: channels charged, neutral need a charge column/,
    );
  });
});
