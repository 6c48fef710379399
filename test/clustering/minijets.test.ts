import { describe, expect, it } from 'vitest';

import { clusterDurham } from '../../src/clustering/durham.js';
import { buildMinijets, minijetOfParticle } from '../../src/clustering/minijets.js';
import type { MinijetOptions } from '../../src/clustering/minijets.js';
import { particlesFromArray } from '../../src/particles/index.js';

/** Deterministic massless particles spread over the sphere, energies 1–20 GeV. */
function sprayParticles(n: number) {
  let seed = 11;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const cosTheta = 2 * random() - 1;
    const phi = 2 * Math.PI * random();
    const e = 1 + 19 * random();
    const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
    rows.push([e * sinTheta * Math.cos(phi), e * sinTheta * Math.sin(phi), e * cosTheta, e]);
  }
  return particlesFromArray(rows);
}

describe('buildMinijets', () => {
  const particles = sprayParticles(60);

  it('stops at the requested count', () => {
    const minijets = buildMinijets(particles, { mode: 'count', count: 12 });
    expect(minijets).toHaveLength(12);
  });

  it('puts every particle in exactly one minijet', () => {
    const minijets = buildMinijets(particles, { mode: 'count', count: 12 });
    const owner = minijetOfParticle(minijets, particles.length);
    expect(owner).toHaveLength(60);
    expect(Math.min(...owner)).toBe(0);
  });

  it('sums the constituent four-momenta', () => {
    for (const minijet of buildMinijets(particles, { mode: 'count', count: 12 })) {
      let e = 0;
      let px = 0;
      for (const i of minijet.constituents) {
        e += particles.e[i] as number;
        px += particles.px[i] as number;
      }
      expect(minijet.e).toBeCloseTo(e, 9);
      expect(minijet.px).toBeCloseTo(px, 9);
    }
  });

  it('gives one minijet per particle when the count exceeds them', () => {
    expect(buildMinijets(sprayParticles(5), { mode: 'count', count: 30 })).toHaveLength(5);
  });

  it('agrees between y cut and count', () => {
    const yCut = 0.002;
    const count = clusterDurham(particles).nExclusiveJetsYcut(yCut);
    const byYcut = buildMinijets(particles, { mode: 'ycut', yCut });
    const byCount = buildMinijets(particles, { mode: 'count', count });
    expect(byYcut.map((jet) => Array.from(jet.constituents))).toEqual(
      byCount.map((jet) => Array.from(jet.constituents)),
    );
  });

  it('normalises y by sqrtS when given', () => {
    const sqrtS = 2 * particles.totalEnergy();
    const yCut = 0.002;
    const expected = clusterDurham(particles, { sqrtS }).nExclusiveJetsYcut(yCut);
    expect(buildMinijets(particles, { mode: 'ycut', yCut, sqrtS })).toHaveLength(expected);
    // A larger Q makes every y smaller, so more merges pass the cut.
    expect(expected).toBeLessThan(clusterDurham(particles).nExclusiveJetsYcut(yCut));
  });

  it('uses 30 minijets by default', () => {
    expect(buildMinijets(particles)).toHaveLength(30);
  });

  it('rejects a count below 1', () => {
    expect(() => buildMinijets(particles, { mode: 'count', count: 0 })).toThrow(
      'buildMinijets: minijets.count: expected an integer ≥ 1 but got 0',
    );
  });

  it('rejects a negative y cut', () => {
    expect(() => buildMinijets(particles, { mode: 'ycut', yCut: -1 })).toThrow(
      'buildMinijets: minijets.yCut: expected a finite number ≥ 0 but got -1',
    );
  });

  it('rejects a field of the other mode', () => {
    const mixed = { mode: 'count', count: 5, yCut: 0.01 } as MinijetOptions;
    expect(() => buildMinijets(particles, mixed)).toThrow(
      `buildMinijets: minijets: field "yCut" does not belong to mode 'count'`,
    );
  });

  it('rejects an unknown mode', () => {
    const unknown = JSON.parse('{"mode":"radius","radius":0.4}') as MinijetOptions;
    expect(() => buildMinijets(particles, unknown)).toThrow(
      `buildMinijets: minijets.mode: expected 'count' or 'ycut' but got "radius"`,
    );
  });

  it('rejects an empty event', () => {
    expect(() => buildMinijets(particlesFromArray([]))).toThrow(
      'buildMinijets: particles: expected at least 1 particle',
    );
  });
});
