/**
 * Where each particle sits on the detector image, as the loss and the heat-map assignment read it back.
 *
 * The image has `height` rows (θ or cos θ bins) and `width` columns (φ bins). A particle's continuous grid
 * coordinates are (u, v) with u ∈ [0, height) along rows and v ∈ [0, width) along columns. The pixel that
 * contains it is (⌊u⌋, ⌊v⌋), and pixel centres sit at half-integers. Columns are periodic in φ.
 */
export interface GridCoordinates {
  /** Continuous row coordinate u of each particle; NaN for a particle outside the acceptance. */
  u: Float32Array;
  /** Continuous column coordinate v of each particle; NaN for a particle outside the acceptance. */
  v: Float32Array;
  /** Flat pixel index row·width + column of each particle, or −1 outside the acceptance. */
  pixel: Int32Array;
  height: number;
  width: number;
}
