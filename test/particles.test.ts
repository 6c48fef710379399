import { describe, expect, it } from 'vitest';
import { Particles, particlesFromArray, wrapDeltaPhi, azimuth, polarAngle } from '../src/particles/index.js';

describe('particlesFromArray', () => {
  it('builds columns from rows', () => {
    const particles = particlesFromArray([
      [1, 2, 3, 10],
      [0, 0, -5, 5],
    ]);
    expect(particles.length).toBe(2);
    expect(Array.from(particles.px)).toEqual([1, 0]);
    expect(Array.from(particles.pz)).toEqual([3, -5]);
    expect(Array.from(particles.e)).toEqual([10, 5]);
    expect(particles.trueJet).toBeUndefined();
  });

  it('keeps optional columns', () => {
    const particles = particlesFromArray([[0, 0, 1, 1]], { charge: [-1], pdgId: [11], trueJet: [3] });
    expect(particles.charge).toEqual(new Float64Array([-1]));
    expect(particles.pdgId).toEqual(new Int32Array([11]));
    expect(particles.trueJet).toEqual(new Int32Array([3]));
  });

  it('rejects a NaN with index and field', () => {
    expect(() =>
      particlesFromArray([
        [0, 0, 1, 1],
        [0, NaN, 1, 2],
      ]),
    ).toThrow(TypeError);
    expect(() =>
      particlesFromArray([
        [0, 0, 1, 1],
        [0, NaN, 1, 2],
      ]),
    ).toThrow(/particle 1: py must be finite but is NaN/);
  });

  it('rejects negative energy', () => {
    expect(() => particlesFromArray([[0, 0, 0, -1]])).toThrow(RangeError);
    expect(() => particlesFromArray([[0, 0, 0, -1]])).toThrow(/particle 0: E must be ≥ 0 GeV but is -1/);
  });

  it('rejects space-like momentum', () => {
    expect(() => particlesFromArray([[3, 4, 0, 4.9]])).toThrow(
      /particle 0: E = 4.9 GeV is below \|p\| = 5 GeV/,
    );
  });

  it('accepts massless rounding within tolerance', () => {
    expect(() => particlesFromArray([[3, 4, 0, 5 - 1e-8]])).not.toThrow();
  });

  it('rejects malformed rows', () => {
    expect(() => particlesFromArray([[1, 2, 3]])).toThrow(
      /particle 0: expected a row \[px, py, pz, E\] of 4 numbers/,
    );
    expect(() => particlesFromArray([[1, 2, 3, '4' as unknown as number]])).toThrow(
      /expected E to be a number/,
    );
  });

  it('rejects columns of unequal length', () => {
    expect(() =>
      Particles.from({
        px: new Float64Array(2),
        py: new Float64Array(2),
        pz: new Float64Array(2),
        e: new Float64Array(2),
        trueJet: new Int32Array(3),
      }),
    ).toThrow(/column trueJet to have 2 entries \(as E\) but got 3/);
  });

  it('selects a subset with its labels', () => {
    const particles = particlesFromArray(
      [
        [0, 0, 1, 1],
        [0, 0, 2, 2],
        [0, 0, 3, 3],
      ],
      { trueJet: [0, 1, 2] },
    );
    const subset = particles.select([2, 0]);
    expect(Array.from(subset.e)).toEqual([3, 1]);
    expect(Array.from(subset.trueJet ?? [])).toEqual([2, 0]);
  });
});

describe('angle conventions', () => {
  it('wraps Δφ into [−π, π)', () => {
    expect(wrapDeltaPhi(Math.PI)).toBeCloseTo(-Math.PI, 15);
    expect(wrapDeltaPhi(3 * Math.PI + 0.5)).toBeCloseTo(-Math.PI + 0.5, 12);
    expect(wrapDeltaPhi(-0.25)).toBe(-0.25);
  });

  it('puts φ of −x at −π', () => {
    expect(azimuth(-1, 0)).toBe(-Math.PI);
    expect(azimuth(0, 1)).toBeCloseTo(Math.PI / 2, 15);
  });

  it('measures θ from +z', () => {
    expect(polarAngle(0, 0, 1)).toBe(0);
    expect(polarAngle(0, 0, -1)).toBe(Math.PI);
    expect(polarAngle(1, 0, 0)).toBeCloseTo(Math.PI / 2, 15);
  });
});
