import { describe, expect, it } from 'vitest';
import { bilinearTaps, bilinearTapsOf, sampleBilinear } from '../../src/geometry/index.js';

function tapsAsMap(u: number, v: number, height: number, width: number): Map<number, number> {
  const taps = bilinearTaps(u, v, height, width);
  const map = new Map<number, number>();
  for (let k = 0; k < 4; k++) {
    const pixel = taps.pixels[k] as number;
    if (taps.weights[k] === 0) continue;
    map.set(pixel, (map.get(pixel) ?? 0) + (taps.weights[k] as number));
  }
  return map;
}

describe('bilinearTaps', () => {
  it('puts all weight on a pixel centre', () => {
    const map = tapsAsMap(2.5, 3.5, 8, 8);
    expect(map.get(2 * 8 + 3)).toBeCloseTo(1, 12);
  });

  it('splits evenly between four centres', () => {
    const map = tapsAsMap(3, 4, 8, 8);
    for (const pixel of [2 * 8 + 3, 2 * 8 + 4, 3 * 8 + 3, 3 * 8 + 4])
      expect(map.get(pixel)).toBeCloseTo(0.25, 12);
  });

  it('wraps columns around φ', () => {
    const map = tapsAsMap(2.5, 0.25, 4, 8);
    expect(map.get(2 * 8 + 7)).toBeCloseTo(0.25, 12);
    expect(map.get(2 * 8 + 0)).toBeCloseTo(0.75, 12);
    const mapHigh = tapsAsMap(2.5, 7.75, 4, 8);
    expect(mapHigh.get(2 * 8 + 7)).toBeCloseTo(0.75, 12);
    expect(mapHigh.get(2 * 8 + 0)).toBeCloseTo(0.25, 12);
  });

  it('clamps rows at the θ edges', () => {
    const top = tapsAsMap(0.1, 1.5, 4, 8);
    expect(top.size).toBe(1);
    expect(top.get(1)).toBeCloseTo(1, 12);
    const bottom = tapsAsMap(3.9, 1.5, 4, 8);
    expect(bottom.get(3 * 8 + 1)).toBeCloseTo(1, 12);
  });

  it('weights always sum to one', () => {
    for (let u = 0; u < 6; u += 0.37) {
      for (let v = 0; v < 10; v += 0.41) {
        const taps = bilinearTaps(u, v, 6, 10);
        const sum = taps.weights.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 12);
      }
    }
  });
});

describe('sampleBilinear', () => {
  it('interpolates a linear ramp exactly', () => {
    const height = 4;
    const width = 6;
    const image = new Float32Array(height * width * 2);
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) image[(r * width + c) * 2 + 1] = r + 0.5;
    expect(sampleBilinear(image, { height, width, channels: 2 }, 1.8, 2.2, 1)).toBeCloseTo(1.8, 6);
    expect(sampleBilinear(image, { height, width, channels: 2 }, 1.8, 2.2, 0)).toBe(0);
  });
});

describe('bilinearTapsOf', () => {
  it('zeroes particles off the image', () => {
    const coords = {
      u: new Float32Array([1.5, NaN]),
      v: new Float32Array([2.5, NaN]),
      pixel: new Int32Array([1 * 4 + 2, -1]),
      height: 3,
      width: 4,
    };
    const { pixels, weights } = bilinearTapsOf(coords);
    expect(pixels.length).toBe(8);
    expect(pixels[0]).toBe(6);
    expect(weights[0]).toBeCloseTo(1, 6);
    expect(Array.from(weights.subarray(4))).toEqual([0, 0, 0, 0]);
  });
});
