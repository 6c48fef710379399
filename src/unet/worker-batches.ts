import type { LossTargets, TrainingBatch } from './training-types';

/** Event range [start, end) of a batch that one worker processes. */
export interface BatchShare {
  start: number;
  end: number;
}

/**
 * Splits `batchSize` events into at most `parts` contiguous shares whose sizes differ by at most one.
 * Empty shares are left out, so a batch smaller than `parts` gives fewer shares.
 */
export function splitEvents(batchSize: number, parts: number): BatchShare[] {
  const shares: BatchShare[] = [];
  const base = Math.floor(batchSize / parts);
  const extra = batchSize % parts;
  let start = 0;
  for (let i = 0; i < parts; i++) {
    const end = start + base + (i < extra ? 1 : 0);
    if (end > start) shares.push({ start, end });
    start = end;
  }
  return shares;
}

/**
 * Counts the label groups (distinct pairs of event and label) among the targets of events [start, end):
 * the N of those events, which counts each true jet and each event's "no jet" group once.
 */
export function countLabelGroups(targets: LossTargets, start: number, end: number): number {
  const seen = new Set<number>();
  let stride = 1;
  for (const label of targets.label) stride = Math.max(stride, label + 1);
  for (let m = 0; m < targets.event.length; m++) {
    const event = targets.event[m] ?? -1;
    if (event < start || event >= end) continue;
    seen.add(event * stride + (targets.label[m] ?? 0));
  }
  return seen.size;
}

/**
 * Returns the images and loss targets of events [start, end) of a batch as a batch of their own: event
 * indices and bilinear taps are shifted to the share, and N counts the share's label groups.
 */
export function sliceTrainingBatch(batch: TrainingBatch, { start, end }: BatchShare): TrainingBatch {
  const [, height, width, channels] = batch.shape;
  const pixelsPerEvent = height * width;
  const { targets } = batch;

  const selected: number[] = [];
  for (let m = 0; m < targets.event.length; m++) {
    const event = targets.event[m] ?? -1;
    if (event >= start && event < end) selected.push(m);
  }
  const count = selected.length;
  const event = new Int32Array(count);
  const taps = new Int32Array(4 * count);
  const tapWeights = new Float32Array(4 * count);
  const label = new Int32Array(count);
  const weight = new Float32Array(count);
  selected.forEach((m, i) => {
    event[i] = (targets.event[m] ?? 0) - start;
    label[i] = targets.label[m] ?? 0;
    weight[i] = targets.weight[m] ?? 0;
    for (let t = 0; t < 4; t++) {
      taps[4 * i + t] = (targets.taps[4 * m + t] ?? 0) - start * pixelsPerEvent;
      tapWeights[4 * i + t] = targets.tapWeights[4 * m + t] ?? 0;
    }
  });

  const eventSize = pixelsPerEvent * channels;
  return {
    images: batch.images.slice(start * eventSize, end * eventSize),
    shape: [end - start, height, width, channels],
    targets: {
      event,
      taps,
      tapWeights,
      label,
      weight,
      nJets: countLabelGroups(targets, start, end),
      nLabels: targets.nLabels.slice(start, end),
    },
  };
}
