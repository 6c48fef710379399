/** SVG rendering of event pictures: a plain string, so it works in browsers and in Node alike. */

import { buildScene, type PictureOptions, type Rgb, type Scene } from './picture-scene.js';

/**
 * Renders an event picture as an SVG document.
 *
 * @throws RangeError or TypeError for invalid picture options (see {@link buildScene}).
 */
export function renderEventSvg(options: PictureOptions): string {
  return sceneToSvg(buildScene(options));
}

/** Serialises a laid-out scene as an SVG document. */
export function sceneToSvg(scene: Scene): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" ` +
      `viewBox="0 0 ${scene.width} ${scene.height}">`,
    `<rect width="100%" height="100%" fill="${hex(scene.background)}"/>`,
    '<g shape-rendering="crispEdges">',
  ];
  for (const rect of scene.rects) {
    parts.push(
      `<rect x="${round(rect.x)}" y="${round(rect.y)}" width="${round(rect.width)}" height="${round(rect.height)}" ` +
        `fill="${hex(rect.colour)}"/>`,
    );
  }
  parts.push('</g>', `<g stroke="${hex(scene.background)}" stroke-width="0.75">`);
  for (const circle of scene.circles) {
    parts.push(
      `<circle cx="${round(circle.cx)}" cy="${round(circle.cy)}" r="${round(circle.r)}" fill="${hex(circle.fill)}"/>`,
    );
  }
  parts.push('</g>', '<g font-family="monospace" dominant-baseline="hanging">');
  for (const text of scene.texts) {
    parts.push(
      `<text x="${round(text.x)}" y="${round(text.y)}" font-size="${text.size}" fill="${hex(text.colour)}">` +
        `${escapeXml(text.text)}</text>`,
    );
  }
  parts.push('</g>', '</svg>', '');
  return parts.join('\n');
}

function hex(colour: Rgb): string {
  return `#${colour
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
