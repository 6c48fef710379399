import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/geometry/index.js';

describe('createRandom', () => {
  it('repeats a sequence for one seed', () => {
    const a = createRandom(123);
    const b = createRandom(123);
    for (let k = 0; k < 100; k++) expect(b.uniform()).toBe(a.uniform());
    const c = createRandom(124);
    expect(c.uniform()).not.toBe(createRandom(123).uniform());
  });

  it('draws uniform deviates in [0, 1)', () => {
    const random = createRandom(1);
    let sum = 0;
    for (let k = 0; k < 20000; k++) {
      const x = random.uniform();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    // Mean 1/2 with standard error 1/√(12·20000) ≈ 0.002.
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('draws standard normal deviates', () => {
    const random = createRandom(2);
    const n = 20000;
    let sum = 0;
    let sumSquares = 0;
    let beyondTwo = 0;
    for (let k = 0; k < n; k++) {
      const g = random.gaussian();
      sum += g;
      sumSquares += g * g;
      if (Math.abs(g) > 2) beyondTwo++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(0.04);
    // P(|g| > 2) = 0.0455 for a normal distribution.
    expect(Math.abs(beyondTwo / n - 0.0455)).toBeLessThan(0.006);
  });

  it('rejects a fractional seed', () => {
    expect(() => createRandom(1.5)).toThrow(/createRandom: seed: expected a safe integer but got 1\.5/);
  });
});
