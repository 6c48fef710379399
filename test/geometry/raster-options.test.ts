import { describe, expect, it } from 'vitest';
import { DEFAULT_RASTER_OPTIONS, rasterize, resolveRasterOptions } from '../../src/geometry/index.js';
import type { RasterOptions } from '../../src/geometry/index.js';
import { particlesFromArray } from '../../src/particles/index.js';

const particles = particlesFromArray([[1, 0, 0, 1]], { charge: [0] });

describe('resolveRasterOptions', () => {
  it('fills defaults', () => {
    const resolved = resolveRasterOptions({ height: 32 }, 'test');
    expect(resolved.height).toBe(32);
    expect(resolved.width).toBe(DEFAULT_RASTER_OPTIONS.width);
    expect(resolved.channels).toEqual(['charged', 'neutral']);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('keeps defaults frozen', () => {
    expect(Object.isFrozen(DEFAULT_RASTER_OPTIONS)).toBe(true);
    expect(Object.isFrozen(DEFAULT_RASTER_OPTIONS.channels)).toBe(true);
  });

  it('survives a JSON round trip', () => {
    const resolved = resolveRasterOptions({ thetaBinning: 'theta', deposition: 'bilinear' }, 'test');
    const copy = JSON.parse(JSON.stringify(resolved)) as RasterOptions;
    expect(resolveRasterOptions(copy, 'test')).toEqual(resolved);
  });

  const invalid: [string, unknown, ErrorConstructor, RegExp][] = [
    [
      'zero height',
      { height: 0 },
      RangeError,
      /rasterize: options\.height: expected a positive integer but got 0/,
    ],
    ['zero width', { width: 0 }, RangeError, /options\.width: expected a positive integer but got 0/],
    [
      'fractional width',
      { width: 2.5 },
      RangeError,
      /options\.width: expected a positive integer but got 2\.5/,
    ],
    [
      'string height',
      { height: '64' },
      TypeError,
      /options\.height: expected a positive integer but got '64'/,
    ],
    [
      'negative thetaMin',
      { thetaMin: -0.1 },
      RangeError,
      /options\.thetaMin: expected an angle in \[0, π\] radians but got -0\.1/,
    ],
    [
      'thetaMax above π',
      { thetaMax: 4 },
      RangeError,
      /options\.thetaMax: expected an angle in \[0, π\] radians but got 4/,
    ],
    [
      'empty θ range',
      { thetaMin: 1, thetaMax: 1 },
      RangeError,
      /expected thetaMin < thetaMax but got thetaMin = 1, thetaMax = 1/,
    ],
    [
      'unknown channel',
      { channels: ['charged', 'muon'] },
      RangeError,
      /options\.channels: unknown channel 'muon'; expected one of charged, neutral/,
    ],
    [
      'repeated channel',
      { channels: ['charged', 'charged'] },
      RangeError,
      /channel 'charged' appears more than once/,
    ],
    ['no channel', { channels: [] }, RangeError, /expected at least one channel but got none/],
    [
      'unknown binning',
      { thetaBinning: 'eta' },
      RangeError,
      /options\.thetaBinning: expected one of 'theta', 'cosTheta' but got 'eta'/,
    ],
    [
      'unknown deposition',
      { deposition: 'gauss' },
      RangeError,
      /options\.deposition: expected one of 'nearest', 'bilinear' but got 'gauss'/,
    ],
    ['unknown option', { heigth: 32 }, TypeError, /unknown option "heigth"/],
  ];
  for (const [name, options, errorType, message] of invalid) {
    it(`rejects ${name}`, () => {
      expect(() => rasterize(particles, options as RasterOptions)).toThrow(errorType);
      expect(() => rasterize(particles, options as RasterOptions)).toThrow(message);
    });
  }
});
