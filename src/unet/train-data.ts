/**
 * Turns labelled events into training batches: detector response, rasterization and loss targets once per
 * event, then batches assembled from any list of event indices.
 */

import {
  rasterize,
  simulateDetector,
  type Detector,
  type LooperRule,
  type RasterInput,
  type ResolvedRasterOptions,
} from '../geometry/index.js';
import { buildLossTargets, type LossTargets } from '../loss/index.js';
import type { JetEvent } from '../particles/index.js';
import type { TrainingBatch } from './training-types.js';

/** Images and loss targets of many events. */
export interface PreparedEvents {
  /** Number of kept events. */
  count: number;
  height: number;
  width: number;
  channels: number;
  /** count × H × W × C pixel values, row-major. */
  images: Float32Array;
  /** Loss targets of each kept event alone (taps index that event's H × W pixels). */
  targets: LossTargets[];
  /** Input index of each kept event. */
  sourceIndex: Int32Array;
  /** Events dropped because they have more true jets inside the acceptance than nJets. */
  skippedTooManyJets: number;
  /** Events dropped because no labelled particle reaches the image. */
  skippedUnlabelled: number;
}

/** Options of {@link prepareEvents}. */
export interface PrepareOptions {
  raster: ResolvedRasterOptions;
  /** Detector to apply, or null to rasterize the particles as given. */
  detector: Detector | null;
  looperRule: LooperRule;
  nJets: number;
  noJetChannel: boolean;
  /** Event i's detector response uses seed + i. */
  seed: number;
  /** Called with the number of events done after every 100 events. */
  onPrepared?: (done: number) => void;
}

/**
 * Applies the detector response (unless `detector` is null), rasterizes and builds the loss targets of every
 * event. Events with more true jets inside the acceptance than `nJets`, or with no labelled particle on the
 * image, are skipped and counted.
 *
 * @throws TypeError when an event has no trueJet labels or lacks the columns the detector response needs.
 */
export function prepareEvents(events: readonly JetEvent[], options: PrepareOptions): PreparedEvents {
  const { raster } = options;
  const pixels = raster.height * raster.width * raster.channels.length;
  const images = new Float32Array(events.length * pixels);
  const targets: LossTargets[] = [];
  const sourceIndex: number[] = [];
  let skippedTooManyJets = 0;
  let skippedUnlabelled = 0;

  for (let i = 0; i < events.length; i++) {
    if (i % 100 === 0 && i > 0) options.onPrepared?.(i);
    const event = events[i] as JetEvent;
    if (event?.particles?.trueJet === undefined) {
      throw new TypeError(`prepareEvents: events[${i}]: expected particles with trueJet labels`);
    }
    const input: RasterInput & { particles: JetEvent['particles'] } =
      options.detector === null
        ? event
        : simulateDetector(event, options.detector, {
            seed: options.seed + i,
            looperRule: options.looperRule,
          });
    const image = rasterize(input, raster);
    let eventTargets: LossTargets;
    try {
      eventTargets = buildLossTargets([input], [image.coords], {
        nJets: options.nJets,
        noJetChannel: options.noJetChannel,
      });
    } catch (error) {
      // The only RangeError of buildLossTargets with valid options: more true jets than nJets.
      if (!(error instanceof RangeError)) throw error;
      skippedTooManyJets++;
      continue;
    }
    if (eventTargets.nJets === 0) {
      skippedUnlabelled++;
      continue;
    }
    images.set(image.image, targets.length * pixels);
    targets.push(eventTargets);
    sourceIndex.push(i);
  }

  return {
    count: targets.length,
    height: raster.height,
    width: raster.width,
    channels: raster.channels.length,
    images: images.subarray(0, targets.length * pixels),
    targets,
    sourceIndex: Int32Array.from(sourceIndex),
    skippedTooManyJets,
    skippedUnlabelled,
  };
}

/** Assembles the batch of the prepared events at `indices`, in that order. */
export function assembleBatch(prepared: PreparedEvents, indices: ArrayLike<number>): TrainingBatch {
  const { height, width, channels } = prepared;
  const batchSize = indices.length;
  const pixels = height * width * channels;
  const images = new Float32Array(batchSize * pixels);
  let particles = 0;
  for (let b = 0; b < batchSize; b++) particles += eventTargets(prepared, indices[b] as number).label.length;

  const targets: LossTargets = {
    event: new Int32Array(particles),
    taps: new Int32Array(4 * particles),
    tapWeights: new Float32Array(4 * particles),
    label: new Int32Array(particles),
    weight: new Float32Array(particles),
    nJets: 0,
    nLabels: new Int32Array(batchSize),
  };
  let offset = 0;
  for (let b = 0; b < batchSize; b++) {
    const index = indices[b] as number;
    const source = eventTargets(prepared, index);
    images.set(prepared.images.subarray(index * pixels, (index + 1) * pixels), b * pixels);
    const m = source.label.length;
    targets.event.fill(b, offset, offset + m);
    const tapOffset = b * height * width;
    for (let t = 0; t < 4 * m; t++) targets.taps[4 * offset + t] = (source.taps[t] as number) + tapOffset;
    targets.tapWeights.set(source.tapWeights, 4 * offset);
    targets.label.set(source.label, offset);
    targets.weight.set(source.weight, offset);
    targets.nJets += source.nJets;
    targets.nLabels[b] = source.nLabels[0] as number;
    offset += m;
  }
  return { images, shape: [batchSize, height, width, channels], targets };
}

function eventTargets(prepared: PreparedEvents, index: number): LossTargets {
  const targets = prepared.targets[index];
  if (targets === undefined) {
    throw new RangeError(
      `assembleBatch: indices: expected indices in [0, ${prepared.count}) but got ${index}`,
    );
  }
  return targets;
}
