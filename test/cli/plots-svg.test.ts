import { describe, expect, it } from 'vitest';

import { niceTicks, renderHistogramSvg } from '../../src/cli/plots-svg.js';

/** Extracts the y coordinates of the horizontal steps of the first polyline, one per bin. */
function stepHeights(svg: string): number[] {
  const points = /<polyline[^>]*points="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? [];
  const ys = points.map((point) => Number(point.split(',')[1]));
  // Points: start at the baseline, then two per bin, then back to the baseline.
  return ys.slice(1, -1).filter((_, index) => index % 2 === 0);
}

describe('renderHistogramSvg', () => {
  const options = { title: 'masses', xLabel: 'mass [GeV]', range: [0, 4] as [number, number], bins: 4 };

  it('draws taller steps for fuller bins', () => {
    const svg = renderHistogramSvg([{ label: 'a', values: [0.5, 1.5, 1.6, 3.9] }], options);
    const [first, second, third, fourth] = stepHeights(svg);
    // SVG y grows downwards, so a fuller bin has a smaller y.
    expect(second).toBeLessThan(first as number);
    expect(first).toBe(fourth);
    expect(third).toBeGreaterThan(first as number);
  });

  it('counts values outside the range in the legend', () => {
    const svg = renderHistogramSvg([{ label: 'durham', values: [1, 5, -2] }], options);
    expect(svg).toContain('durham: 3 (2 outside the range)');
  });

  it('escapes labels', () => {
    const svg = renderHistogramSvg([{ label: 'a<b', values: [1] }], { ...options, title: 'x & y' });
    expect(svg).toContain('a&lt;b: 1');
    expect(svg).toContain('x &amp; y');
  });

  it('draws one line per series', () => {
    const svg = renderHistogramSvg(
      [
        { label: 'colorize', values: [1] },
        { label: 'durham', values: [2] },
      ],
      options,
    );
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });

  it('rejects an inverted range', () => {
    expect(() => renderHistogramSvg([], { ...options, range: [2, 1] })).toThrow(
      'renderHistogramSvg: range: expected finite [low, high] with high > low but got [2, 1]',
    );
  });

  it('rejects a fractional bin count', () => {
    expect(() => renderHistogramSvg([], { ...options, bins: 2.5 })).toThrow(
      'renderHistogramSvg: bins: expected an integer ≥ 1 but got 2.5',
    );
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(50, 200, 6)).toEqual(
      [50, 75, 100, 125, 150, 175, 200].filter((tick) => tick % 50 === 0),
    );
  });
});
