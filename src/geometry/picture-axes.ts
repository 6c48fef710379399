/** Axes and legend of event pictures. */

import { GLYPH_HEIGHT, textWidth } from './picture-font.js';
import type { Scene } from './picture-scene.js';
import { MARGIN, TEXT, TEXT_SIZE, jetColour } from './picture-style.js';
import type { RasterImage } from './rasterize.js';

/** Adds φ ticks under every panel and θ or cos θ ticks left of the first one. */
export function addAxes(
  scene: Scene,
  raster: RasterImage,
  top: number,
  panelWidth: number,
  panelHeight: number,
  count: number,
): void {
  const size = TEXT_SIZE;
  const bottom = top + panelHeight;
  const phiTicks: [number, string][] = [
    [0, '-PI'],
    [0.25, '-PI/2'],
    [0.5, '0'],
    [0.75, 'PI/2'],
    [1, 'PI'],
  ];
  for (let index = 0; index < count; index++) {
    const left = MARGIN.left + index * (panelWidth + MARGIN.gap);
    for (const [fraction, label] of phiTicks) {
      const x = left + fraction * panelWidth;
      scene.rects.push({ x: Math.round(x) - 1, y: bottom, width: 2, height: 5, colour: TEXT });
      scene.texts.push({ x: x - textPixelWidth(label) / 2, y: bottom + 8, text: label, colour: TEXT, size });
    }
    const title = 'PHI (RAD)';
    scene.texts.push({
      x: left + (panelWidth - textPixelWidth(title)) / 2,
      y: bottom + 26,
      text: title,
      colour: TEXT,
      size,
    });
  }

  const { thetaBinning, thetaMin, thetaMax } = raster.options;
  const useCos = thetaBinning === 'cosTheta';
  const values = useCos ? [1, 0.5, 0, -0.5, -1] : [0, 45, 90, 135, 180];
  const first = useCos ? Math.cos(thetaMin) : (thetaMin * 180) / Math.PI;
  const last = useCos ? Math.cos(thetaMax) : (thetaMax * 180) / Math.PI;
  for (const value of values) {
    const fraction = (value - first) / (last - first);
    if (fraction < -1e-9 || fraction > 1 + 1e-9) continue;
    const y = top + fraction * panelHeight;
    scene.rects.push({ x: MARGIN.left - 5, y: Math.round(y) - 1, width: 5, height: 2, colour: TEXT });
    scene.texts.push({ x: 8, y: y - size / 2, text: String(value), colour: TEXT, size });
  }
  scene.texts.push({ x: 8, y: top - 30, text: useCos ? 'COS TH' : 'TH DEG', colour: TEXT, size });
}

/** Width in screen pixels of `text` at the scene's text size. */
export function textPixelWidth(text: string): number {
  return (textWidth(text) * TEXT_SIZE) / GLYPH_HEIGHT;
}

/** Adds a colour swatch and label for every jet shown. */
export function addLegend(scene: Scene, usedJets: Set<number>, y: number): void {
  let x = MARGIN.left;
  for (const jet of [...usedJets].sort((a, b) => a - b)) {
    scene.rects.push({ x, y, width: 12, height: 12, colour: jetColour(jet) });
    const label = `JET ${jet}`;
    scene.texts.push({ x: x + 18, y: y - 1, text: label, colour: TEXT, size: TEXT_SIZE });
    x += 18 + textPixelWidth(label) + 18;
  }
}
