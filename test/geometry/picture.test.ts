import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { JET_COLOURS, buildScene, rasterize, renderEventSvg } from '../../src/geometry/index.js';
import { renderEventPicture, renderEventPng } from '../../src/geometry/picture-png-node.js';
import { particlesFromArray } from '../../src/particles/index.js';

const particles = particlesFromArray(
  [
    [10, 0, 0, 10],
    [0, 5, 1, Math.hypot(5, 1)],
    [-3, -3, -2, Math.hypot(3, 3, 2)],
  ],
  { charge: [1, 0, -1], pdgId: [211, 22, -211], trueJet: [0, 1, -1] },
);
const raster = rasterize(particles, { height: 16, width: 32 });

describe('renderEventSvg', () => {
  it('draws titles and one marker per particle', () => {
    const svg = renderEventSvg({
      raster,
      particles,
      caption: 'file.hepmc3 event 4 <test>',
      panels: [{ title: 'Energy', markers: 'none' }, { title: 'Answer' }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>Energy</text>');
    expect(svg).toContain('>Answer</text>');
    expect(svg).toContain('file.hepmc3 event 4 &lt;test&gt;');
    expect(svg.match(/<circle /g)?.length).toBe(3);
    expect(svg).toContain('fill="#4e79a7"');
  });

  it('colours markers by given labels', () => {
    const svg = renderEventSvg({ raster, particles, panels: [{ title: 'Estimation', markers: [2, 2, 2] }] });
    expect(svg.match(/fill="#e15759"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).not.toContain('fill="#4e79a7"');
  });
});

describe('buildScene', () => {
  it('places markers at grid coordinates', () => {
    const scene = buildScene({ raster, particles, pixelSize: 4 });
    const panel = scene.rects[0]!;
    const largest = scene.circles[0]!;
    expect(largest.cx).toBeCloseTo(panel.x + raster.coords.v[0]! * 4, 9);
    expect(largest.cy).toBeCloseTo(panel.y + raster.coords.u[0]! * 4, 9);
    expect(largest.fill).toEqual(JET_COLOURS[0]);
  });

  it('rejects labels of the wrong length', () => {
    expect(() => buildScene({ raster, particles, panels: [{ title: 'P', markers: [0, 1] }] })).toThrow(
      /renderEventPicture: panel "P": markers: expected 3 labels \(one per particle\) but got 2/,
    );
    expect(() =>
      buildScene({ raster, particles, panels: [{ title: 'Q', pixelLabels: new Int32Array(5) }] }),
    ).toThrow(/panel "Q": pixelLabels: expected 512 labels \(height × width\) but got 5/);
  });

  it('rejects true-jet markers without labels', () => {
    const unlabelled = particlesFromArray([[1, 0, 0, 1]], { charge: [0] });
    expect(() => buildScene({ raster: rasterize(unlabelled), particles: unlabelled })).toThrow(
      /markers 'trueJet' need a trueJet column; pass labels or 'none'/,
    );
  });

  it('rejects an invalid pixel size', () => {
    expect(() => buildScene({ raster, particles, pixelSize: 0 })).toThrow(
      /pixelSize: expected an integer from 1 to 32 but got 0/,
    );
  });
});

describe('renderEventPng', () => {
  it('writes a decodable PNG with jet colours', () => {
    const bytes = renderEventPng({ raster, particles, pixelSize: 8 });
    const png = PNG.sync.read(bytes);
    const scene = buildScene({ raster, particles, pixelSize: 8 });
    expect(png.width).toBe(scene.width);
    expect(png.height).toBe(scene.height);
    const marker = scene.circles[0]!;
    const offset = 4 * (Math.floor(marker.cy) * png.width + Math.floor(marker.cx));
    expect(Array.from(png.data.subarray(offset, offset + 3))).toEqual(Array.from(JET_COLOURS[0]!));
  });

  it('selects the format', () => {
    expect(typeof renderEventPicture({ raster, particles, format: 'svg' })).toBe('string');
    expect(renderEventPicture({ raster, particles, format: 'png' }).subarray(1, 4).toString()).toBe('PNG');
    expect(() => renderEventPicture({ raster, particles, format: 'gif' as 'png' })).toThrow(
      /format: expected 'png' or 'svg' but got gif/,
    );
  });
});
