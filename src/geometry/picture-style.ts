/** Colours, text size and margins of event pictures. */

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

/** Colour of jet `label` (−1 or any negative label: the unlabelled colour). */
export function jetColour(label: number): Rgb {
  if (label < 0) return UNLABELLED_COLOUR;
  return JET_COLOURS[label % JET_COLOURS.length] as Rgb;
}

/** Picture background. */
export const BACKGROUND: Rgb = [16, 18, 28];
/** Pixels of the image with no energy. */
export const EMPTY_CELL: Rgb = [28, 31, 46];
/** Text and tick marks. */
export const TEXT: Rgb = [225, 225, 230];
/** Text height in screen pixels: twice the 7-pixel glyph height of the PNG font. */
export const TEXT_SIZE = 14;
/** Space in screen pixels around and between panels, and for the caption and legend rows. */
export const MARGIN = Object.freeze({
  left: 64,
  right: 24,
  top: 34,
  bottom: 50,
  gap: 48,
  caption: 28,
  legend: 26,
});
