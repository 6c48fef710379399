/**
 * Event pictures: the energy image of an event with its particles coloured by jet, in one or more panels side
 * by side (for example the energy image, the predicted jets and the true jets). This file lays the picture out
 * as plain shapes, which the SVG and PNG renderers draw.
 */

import type { Particles } from '../particles/index.js';
import { addAxes, addLegend, textPixelWidth } from './picture-axes.js';
import { BACKGROUND, EMPTY_CELL, MARGIN, TEXT, TEXT_SIZE, jetColour, type Rgb } from './picture-style.js';
import type { RasterImage } from './rasterize.js';

export { JET_COLOURS, UNLABELLED_COLOUR, jetColour, type Rgb } from './picture-style.js';

/** One panel of a picture. */
export interface PicturePanel {
  /** Title, centred above the panel. */
  title: string;
  /**
   * Particle markers: `'trueJet'` colours each particle by its true jet, `'none'` draws no markers, and an
   * array gives a jet index per particle (−1 for none). Default `'trueJet'`.
   */
  markers?: 'trueJet' | 'none' | ArrayLike<number>;
  /**
   * Jet index per image pixel (height × width, row-major, −1 for none), such as the most probable jet of
   * predicted heat maps. It tints the energy image with the jet colours. Default: a grey energy image.
   */
  pixelLabels?: ArrayLike<number>;
}

/** Options of an event picture. */
export interface PictureOptions {
  /** The event's image; its `coords` place the markers. */
  raster: RasterImage;
  /** The particles that made `raster`, in the same order; their energies size the markers. */
  particles: Particles;
  /** Panels from left to right. Default: one panel "Answer" with markers by true jet. */
  panels?: readonly PicturePanel[];
  /** Screen pixels per image pixel, an integer from 1 to 32. Default 8. */
  pixelSize?: number;
  /** Line of text above the panels, such as the file and event number. Default none. */
  caption?: string;
}

/** Defaults of {@link PictureOptions}. */
export const DEFAULT_PICTURE_OPTIONS = Object.freeze({
  panels: Object.freeze([Object.freeze({ title: 'Answer', markers: 'trueJet' as const })]),
  pixelSize: 8,
});

/** A picture as shapes in screen pixels, with (0, 0) the top-left corner. */
export interface Scene {
  width: number;
  height: number;
  background: Rgb;
  rects: { x: number; y: number; width: number; height: number; colour: Rgb }[];
  circles: { cx: number; cy: number; r: number; fill: Rgb }[];
  /** Text lines; (x, y) is the top-left corner and `size` the glyph height in screen pixels. */
  texts: { x: number; y: number; text: string; colour: Rgb; size: number }[];
}

/** Energy at which the brightness scale turns from linear to logarithmic, in GeV. */
const BRIGHTNESS_KNEE = 0.1;

/**
 * Lays out an event picture.
 *
 * @throws RangeError for an invalid pixel size, no panels, or a label array of the wrong length.
 */
export function buildScene(options: PictureOptions): Scene {
  const { raster, particles } = options;
  const panels = options.panels ?? DEFAULT_PICTURE_OPTIONS.panels;
  const pixelSize = options.pixelSize ?? DEFAULT_PICTURE_OPTIONS.pixelSize;
  if (!Number.isInteger(pixelSize) || pixelSize < 1 || pixelSize > 32) {
    throw new RangeError(
      `renderEventPicture: pixelSize: expected an integer from 1 to 32 but got ${pixelSize}`,
    );
  }
  if (panels.length === 0)
    throw new RangeError('renderEventPicture: panels: expected at least one panel but got none');
  if (particles.length !== raster.coords.pixel.length) {
    throw new RangeError(
      `renderEventPicture: particles: expected ${raster.coords.pixel.length} particles (as in raster.coords) but ` +
        `got ${particles.length}`,
    );
  }

  const panelWidth = raster.width * pixelSize;
  const panelHeight = raster.height * pixelSize;
  const top = MARGIN.top + (options.caption ? MARGIN.caption : 0);
  const scene: Scene = {
    width: MARGIN.left + panels.length * panelWidth + (panels.length - 1) * MARGIN.gap + MARGIN.right,
    height: top + panelHeight + MARGIN.bottom + MARGIN.legend,
    background: BACKGROUND,
    rects: [],
    circles: [],
    texts: [],
  };
  if (options.caption)
    scene.texts.push({ x: MARGIN.left, y: 8, text: options.caption, colour: TEXT, size: TEXT_SIZE });

  const brightness = pixelBrightness(raster);
  const usedJets = new Set<number>();
  panels.forEach((panel, index) => {
    const left = MARGIN.left + index * (panelWidth + MARGIN.gap);
    addPanel(scene, { panel, raster, particles, brightness, left, top, pixelSize, usedJets });
  });
  addAxes(scene, raster, top, panelWidth, panelHeight, panels.length);
  addLegend(scene, usedJets, top + panelHeight + MARGIN.bottom);
  return scene;
}

/** Brightness in [0, 1] of each pixel: log(1 + E/0.1 GeV), normalised to the brightest pixel. */
function pixelBrightness(raster: RasterImage): Float64Array {
  const { height, width, channels, channelNames, image } = raster;
  const energy = new Float64Array(height * width);
  let maximum = 0;
  for (let pixel = 0; pixel < height * width; pixel++) {
    let sum = 0;
    for (let k = 0; k < channels; k++)
      if (channelNames[k] !== 'count') sum += image[pixel * channels + k] as number;
    energy[pixel] = Math.log1p(sum / BRIGHTNESS_KNEE);
    if (energy[pixel]! > maximum) maximum = energy[pixel]!;
  }
  if (maximum > 0)
    for (let pixel = 0; pixel < energy.length; pixel++) energy[pixel] = energy[pixel]! / maximum;
  return energy;
}

interface PanelLayout {
  panel: PicturePanel;
  raster: RasterImage;
  particles: Particles;
  brightness: Float64Array;
  left: number;
  top: number;
  pixelSize: number;
  usedJets: Set<number>;
}

function addPanel(scene: Scene, layout: PanelLayout): void {
  const { panel, raster, particles, brightness, left, top, pixelSize, usedJets } = layout;
  const { height, width } = raster;
  const titleLeft = left + (width * pixelSize - textPixelWidth(panel.title)) / 2;
  scene.texts.push({ x: titleLeft, y: top - 22, text: panel.title, colour: TEXT, size: TEXT_SIZE });
  scene.rects.push({
    x: left,
    y: top,
    width: width * pixelSize,
    height: height * pixelSize,
    colour: EMPTY_CELL,
  });

  const pixelLabels = panel.pixelLabels;
  if (pixelLabels !== undefined && pixelLabels.length !== height * width) {
    throw new RangeError(
      `renderEventPicture: panel "${panel.title}": pixelLabels: expected ${height * width} labels (height × width) ` +
        `but got ${pixelLabels.length}`,
    );
  }
  const markers = markerLabels(panel, particles);
  // With markers on top, the energy image is dimmed so the jet colours stand out.
  const dim = markers === undefined ? 1 : 0.6;
  for (let pixel = 0; pixel < height * width; pixel++) {
    const b = brightness[pixel] as number;
    if (b <= 0) continue;
    const level = dim * (0.25 + 0.75 * b);
    let base: Rgb = [255, 255, 255];
    if (pixelLabels !== undefined) {
      const label = pixelLabels[pixel] as number;
      base = jetColour(label);
      if (label >= 0) usedJets.add(label);
    }
    const colour: Rgb = [
      Math.round(base[0] * level),
      Math.round(base[1] * level),
      Math.round(base[2] * level),
    ];
    const row = Math.floor(pixel / width);
    const column = pixel - row * width;
    scene.rects.push({
      x: left + column * pixelSize,
      y: top + row * pixelSize,
      width: pixelSize,
      height: pixelSize,
      colour,
    });
  }
  if (markers === undefined) return;

  // Largest markers first, so that small ones stay visible on top.
  const order = Array.from({ length: particles.length }, (_, i) => i).filter(
    (i) => raster.coords.pixel[i]! >= 0,
  );
  order.sort((a, b) => particles.e[b]! - particles.e[a]!);
  const scale = pixelSize / 8;
  for (const i of order) {
    const label = markers[i] as number;
    if (label >= 0) usedJets.add(label);
    scene.circles.push({
      cx: left + raster.coords.v[i]! * pixelSize,
      cy: top + raster.coords.u[i]! * pixelSize,
      r: scale * (1.5 + 1.5 * Math.log1p(particles.e[i]!)),
      fill: jetColour(label),
    });
  }
}

function markerLabels(panel: PicturePanel, particles: Particles): ArrayLike<number> | undefined {
  const markers = panel.markers ?? 'trueJet';
  if (markers === 'none') return undefined;
  if (markers === 'trueJet') {
    if (particles.trueJet === undefined) {
      throw new TypeError(
        `renderEventPicture: panel "${panel.title}": markers 'trueJet' need a trueJet column; pass labels or 'none'`,
      );
    }
    return particles.trueJet;
  }
  if (markers.length !== particles.length) {
    throw new RangeError(
      `renderEventPicture: panel "${panel.title}": markers: expected ${particles.length} labels (one per particle) ` +
        `but got ${markers.length}`,
    );
  }
  return markers;
}
