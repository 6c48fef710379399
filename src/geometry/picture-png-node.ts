/** PNG rendering of event pictures with pngjs (Node only; browsers use the SVG renderer). */

import { PNG } from 'pngjs';
import { GLYPH_HEIGHT, drawText } from './picture-font.js';
import { buildScene, type PictureOptions, type Rgb, type Scene } from './picture-scene.js';
import { renderEventSvg } from './picture-svg.js';

/**
 * Renders an event picture as a PNG file image.
 *
 * @throws RangeError or TypeError for invalid picture options (see {@link buildScene}).
 */
export function renderEventPng(options: PictureOptions): Buffer {
  return sceneToPng(buildScene(options));
}

/**
 * Renders an event picture as PNG bytes or an SVG string.
 *
 * @throws RangeError for an unknown format, and as {@link renderEventPng} and {@link renderEventSvg}.
 */
export function renderEventPicture(options: PictureOptions & { format: 'png' }): Buffer;
export function renderEventPicture(options: PictureOptions & { format: 'svg' }): string;
export function renderEventPicture(options: PictureOptions & { format: 'png' | 'svg' }): Buffer | string;
export function renderEventPicture(options: PictureOptions & { format: 'png' | 'svg' }): Buffer | string {
  if (options.format === 'png') return renderEventPng(options);
  if (options.format === 'svg') return renderEventSvg(options);
  throw new RangeError(
    `renderEventPicture: format: expected 'png' or 'svg' but got ${String(options.format)}`,
  );
}

/** Rasterizes a laid-out scene into PNG bytes. */
export function sceneToPng(scene: Scene): Buffer {
  const png = new PNG({ width: scene.width, height: scene.height, colorType: 2, inputHasAlpha: true });
  const canvas = new Canvas(png.data, scene.width, scene.height);
  canvas.fillRect(0, 0, scene.width, scene.height, scene.background);
  for (const rect of scene.rects) canvas.fillRect(rect.x, rect.y, rect.width, rect.height, rect.colour);
  for (const circle of scene.circles) {
    canvas.fillCircle(circle.cx, circle.cy, circle.r + 0.75, scene.background);
    canvas.fillCircle(circle.cx, circle.cy, circle.r, circle.fill);
  }
  for (const text of scene.texts) {
    const scale = Math.max(1, Math.round(text.size / GLYPH_HEIGHT));
    const left = Math.round(text.x);
    const top = Math.round(text.y);
    drawText(text.text, (x, y) =>
      canvas.fillRect(left + x * scale, top + y * scale, scale, scale, text.colour),
    );
  }
  return PNG.sync.write(png);
}

/** RGBA pixel buffer with clipped drawing. */
class Canvas {
  constructor(
    private readonly data: Uint8Array,
    private readonly width: number,
    private readonly height: number,
  ) {}

  fillRect(x: number, y: number, width: number, height: number, colour: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + width));
    const y1 = Math.min(this.height, Math.round(y + height));
    for (let row = y0; row < y1; row++)
      for (let column = x0; column < x1; column++) this.set(column, row, colour, 1);
  }

  /** Fills a disc, blending the edge pixels by their covered fraction (estimated from the centre distance). */
  fillCircle(cx: number, cy: number, r: number, colour: Rgb): void {
    const x0 = Math.max(0, Math.floor(cx - r - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + r + 1));
    const y0 = Math.max(0, Math.floor(cy - r - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + r + 1));
    for (let row = y0; row <= y1; row++) {
      for (let column = x0; column <= x1; column++) {
        const distance = Math.hypot(column + 0.5 - cx, row + 0.5 - cy);
        const coverage = Math.min(1, Math.max(0, r + 0.5 - distance));
        if (coverage > 0) this.set(column, row, colour, coverage);
      }
    }
  }

  private set(x: number, y: number, colour: Rgb, alpha: number): void {
    const offset = 4 * (y * this.width + x);
    for (let k = 0; k < 3; k++) {
      const old = this.data[offset + k] as number;
      this.data[offset + k] = Math.round(old + alpha * ((colour[k] as number) - old));
    }
    this.data[offset + 3] = 255;
  }
}
