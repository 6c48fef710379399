/**
 * Loss targets: for every labelled particle on the image, where to read the heat maps (bilinear taps),
 * which channel to read and the particle's weight E_track / E_jet in the loss.
 */

import { bilinearTaps, createBilinearTaps, type GridCoordinates } from '../geometry/index.js';
import type { Particles } from '../particles/index.js';

/**
 * Loss targets of one batch as plain typed arrays, so they can be posted to worker threads. One entry m
 * per labelled particle inside the acceptance.
 */
export interface LossTargets {
  /** [M] event index within the batch. */
  event: Int32Array;
  /** [M·4] flat pixel indices into the batch's B×H×W pixels (bilinear taps). */
  taps: Int32Array;
  /** [M·4] bilinear weights, summing to 1 per particle. */
  tapWeights: Float32Array;
  /** [M] true-jet label, already mapped to channel order when the ordering is 'energy'. */
  label: Int32Array;
  /** [M] E_track / E_jet of the particle's true jet. */
  weight: Float32Array;
  /** N: number of true jets in the batch (the loss's normalisation). */
  nJets: number;
  /** [B] number of true jets in each event. */
  nLabels: Int32Array;
}

/** Options of {@link buildLossTargets}. */
export interface LossTargetOptions {
  /** Jet channels of the model. Default 6. */
  nJets: number;
  /**
   * Whether the model has a "no jet" channel (channel nJets). With it, particles of no true jet
   * (trueJet −1) form one more group per event, labelled nJets and counted in N; without it they are left
   * out of the loss. Default false.
   */
  noJetChannel: boolean;
}

/** Default target options. */
export const DEFAULT_LOSS_TARGET_OPTIONS: Readonly<LossTargetOptions> = Object.freeze({
  nJets: 6,
  noJetChannel: false,
});

/** An event as the loss targets need it: particles with a trueJet column. */
export interface LabelledEvent {
  particles: Particles;
}

/**
 * Builds the loss targets of a batch of events from their labelled particles and grid coordinates.
 *
 * Only particles inside the acceptance (pixel ≥ 0) enter. Within an event, a true jet's energy E_jet is
 * the summed energy of its particles inside the acceptance, so the weights E_track / E_jet of each jet sum
 * to 1. The true jets of an event are numbered by decreasing E_jet (ties by label). This numbering is the
 * channel order under the 'energy' ordering, and `nLabels[b]` counts the jets. N (`nJets`) is the number of
 * true jets with positive energy inside the acceptance, summed over the batch, plus one for each "no jet"
 * group of positive energy when `noJetChannel` is set.
 *
 * @param events events whose `particles.trueJet` labels index the true jets (−1: no jet).
 * @param coords grid coordinates of each event's particles, as `rasterize` returns them; one grid size.
 * @throws TypeError when an event has no trueJet column or the coordinates do not match the particles.
 * @throws RangeError when an event has more true jets inside the acceptance than `nJets`.
 */
export function buildLossTargets(
  events: readonly LabelledEvent[],
  coords: readonly GridCoordinates[],
  options: Partial<LossTargetOptions> = {},
): LossTargets {
  const { nJets, noJetChannel } = resolveTargetOptions(options);
  if (!Array.isArray(events) || !Array.isArray(coords) || events.length !== coords.length) {
    throw new TypeError(
      `buildLossTargets: coords: expected one GridCoordinates per event (${events.length}) but got ` +
        `${Array.isArray(coords) ? coords.length : typeof coords}`,
    );
  }
  const batchSize = events.length;
  const height = coords[0]?.height ?? 0;
  const width = coords[0]?.width ?? 0;
  const perEvent = events.map((event, b) =>
    labelEvent(event, coords[b] as GridCoordinates, b, { height, width, nJets, noJetChannel }),
  );

  const m = perEvent.reduce((sum, e) => sum + e.particles.length, 0);
  const targets: LossTargets = {
    event: new Int32Array(m),
    taps: new Int32Array(4 * m),
    tapWeights: new Float32Array(4 * m),
    label: new Int32Array(m),
    weight: new Float32Array(m),
    nJets: 0,
    nLabels: new Int32Array(batchSize),
  };
  const taps = createBilinearTaps();
  const pixelsPerEvent = height * width;
  let entry = 0;
  for (let b = 0; b < batchSize; b++) {
    const labelled = perEvent[b] as EventLabels;
    const grid = coords[b] as GridCoordinates;
    const energy = (events[b] as LabelledEvent).particles.e;
    for (let k = 0; k < labelled.particles.length; k++) {
      const i = labelled.particles[k] as number;
      const group = labelled.group[k] as number;
      bilinearTaps(grid.u[i] as number, grid.v[i] as number, height, width, taps);
      for (let t = 0; t < 4; t++) {
        targets.taps[4 * entry + t] = b * pixelsPerEvent + (taps.pixels[t] as number);
        targets.tapWeights[4 * entry + t] = taps.weights[t] as number;
      }
      targets.event[entry] = b;
      targets.label[entry] = group;
      targets.weight[entry] = (energy[i] as number) / (labelled.groupEnergy[group] as number);
      entry++;
    }
    targets.nLabels[b] = labelled.jetCount;
    targets.nJets += labelled.jetCount + (labelled.hasNoJetGroup ? 1 : 0);
  }
  return targets;
}

interface EventLabels {
  /** Indices of the particles that enter the loss. */
  particles: Int32Array;
  /** Channel-order group of each of them: jet rank, or nJets for the "no jet" group. */
  group: Int32Array;
  /** Energy in GeV of each group inside the acceptance, indexed by group. */
  groupEnergy: Float64Array;
  jetCount: number;
  hasNoJetGroup: boolean;
}

function labelEvent(
  event: LabelledEvent,
  grid: GridCoordinates,
  b: number,
  layout: { height: number; width: number } & LossTargetOptions,
): EventLabels {
  const particles = event?.particles;
  const trueJet = particles?.trueJet;
  if (trueJet === undefined) {
    throw new TypeError(`buildLossTargets: events[${b}]: expected particles with a trueJet column`);
  }
  const n = particles.length;
  if (grid?.pixel?.length !== n || grid.height !== layout.height || grid.width !== layout.width) {
    throw new TypeError(
      `buildLossTargets: coords[${b}]: expected ${n} particles on a ${layout.height}×${layout.width} grid ` +
        `but got ${grid?.pixel?.length} particles on ${grid?.height}×${grid?.width}`,
    );
  }

  // Energy per true-jet label inside the acceptance; labels are small parton indices.
  const labelEnergy = new Map<number, number>();
  let noJetEnergy = 0;
  for (let i = 0; i < n; i++) {
    if ((grid.pixel[i] as number) < 0) continue;
    const label = trueJet[i] as number;
    const energy = particles.e[i] as number;
    if (label >= 0) labelEnergy.set(label, (labelEnergy.get(label) ?? 0) + energy);
    else noJetEnergy += energy;
  }
  // A true jet (or "no jet" group) enters only with positive energy, so E_track / E_jet is defined.
  const ranked = [...labelEnergy.entries()].filter(([, energy]) => energy > 0);
  ranked.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  if (ranked.length > layout.nJets) {
    throw new RangeError(
      `buildLossTargets: events[${b}]: expected at most nJets = ${layout.nJets} true jets inside the ` +
        `acceptance but got ${ranked.length}`,
    );
  }
  const rankOf = new Map(ranked.map(([label], rank) => [label, rank]));
  const groupEnergy = new Float64Array(layout.nJets + 1);
  ranked.forEach(([, energy], rank) => (groupEnergy[rank] = energy));
  const hasNoJetGroup = layout.noJetChannel && noJetEnergy > 0;
  groupEnergy[layout.nJets] = noJetEnergy;

  const indices: number[] = [];
  const group: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((grid.pixel[i] as number) < 0) continue;
    const label = trueJet[i] as number;
    let rank: number | undefined = rankOf.get(label);
    if (label < 0) rank = hasNoJetGroup ? layout.nJets : undefined;
    if (rank === undefined) continue;
    indices.push(i);
    group.push(rank);
  }
  return {
    particles: Int32Array.from(indices),
    group: Int32Array.from(group),
    groupEnergy,
    jetCount: ranked.length,
    hasNoJetGroup,
  };
}

function resolveTargetOptions(options: Partial<LossTargetOptions>): LossTargetOptions {
  const merged: LossTargetOptions = { ...DEFAULT_LOSS_TARGET_OPTIONS, ...options };
  if (!Number.isInteger(merged.nJets) || merged.nJets < 1) {
    throw new RangeError(
      `buildLossTargets: nJets: expected a positive integer but got ${String(merged.nJets)}`,
    );
  }
  if (typeof merged.noJetChannel !== 'boolean') {
    throw new TypeError(
      `buildLossTargets: noJetChannel: expected a boolean but got ${String(merged.noJetChannel)}`,
    );
  }
  return merged;
}
