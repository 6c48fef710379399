/**
 * Event pictures: the energy image of an event with its particles coloured by jet, in one or more panels side
 * by side (for example the energy image, the predicted jets and the true jets). This file lays the picture out
 * as plain shapes, which the SVG and PNG renderers draw.
 */

import type { Particles } from '../particles/index.js';
import { GLYPH_HEIGHT, textWidth } from './picture-font.js';
import type { RasterImage } from './rasterize.js';

/** An RGB colour, 0–255 per component. */
export type Rgb = readonly [number, number, number];

/** Jet colours by jet index (Tableau 10 palette); jet i gets JET_COLOURS[i mod 10]. */
export const JET_COLOURS: readonly Rgb[] = Object.freeze([
  [78, 121, 167],
  [242, 142, 43],
  [225, 87, 89],
  [118, 183, 178],
  [89, 161, 79],
  [237, 201, 72],
  [176, 122, 161],
  [255, 157, 167],
  [156, 117, 95],
  [186, 176, 172],
] as const);

/** Colour of particles and pixels that belong to no jet (label −1). */
export const UNLABELLED_COLOUR: Rgb = [140, 140, 140];

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

const BACKGROUND: Rgb = [16, 18, 28];
const EMPTY_CELL: Rgb = [28, 31, 46];
const TEXT: Rgb = [225, 225, 230];
const TEXT_SIZE = 14;
const MARGIN = { left: 64, right: 24, top: 34, bottom: 50, gap: 48, caption: 28, legend: 26 };
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

/** Colour of jet `label` (−1 or any negative label: the unlabelled colour). */
export function jetColour(label: number): Rgb {
  if (label < 0) return UNLABELLED_COLOUR;
  return JET_COLOURS[label % JET_COLOURS.length] as Rgb;
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

function addAxes(
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
function textPixelWidth(text: string): number {
  return (textWidth(text) * TEXT_SIZE) / GLYPH_HEIGHT;
}

function addLegend(scene: Scene, usedJets: Set<number>, y: number): void {
  let x = MARGIN.left;
  for (const jet of [...usedJets].sort((a, b) => a - b)) {
    scene.rects.push({ x, y, width: 12, height: 12, colour: jetColour(jet) });
    const label = `JET ${jet}`;
    scene.texts.push({ x: x + 18, y: y - 1, text: label, colour: TEXT, size: TEXT_SIZE });
    x += 18 + textPixelWidth(label) + 18;
  }
}
