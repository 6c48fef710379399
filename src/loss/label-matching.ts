/**
 * Permutation-invariant label matching: per event, the assignment of true jets to jet channels that
 * minimises the event's energy-weighted log loss.
 */

import { solveAssignment } from './hungarian.js';
import type { LossTargets } from './loss-targets.js';

/**
 * Relabels the loss targets so that each event's true jets sit in the channels that minimise its loss.
 *
 * The cost of putting true jet j of event b in channel k is −Σ_m w_m log max(P[m, k], ε) over the event's
 * particles m of jet j. The Hungarian algorithm picks the channels. With `noJetChannel`, the last of the
 * K channels is left out of the matching and "no jet" particles (label K − 1) keep their label.
 *
 * @param probabilities row-major M × K predicted probability of each particle in each channel.
 * @param channels K, the number of output channels.
 * @returns new labels, one per particle.
 * @throws RangeError when an event has more true jets than jet channels.
 */
export function matchLabelsToChannels(
  targets: LossTargets,
  probabilities: ArrayLike<number>,
  channels: number,
  options: { epsilon: number; noJetChannel: boolean },
): Int32Array {
  const jetChannels = options.noJetChannel ? channels - 1 : channels;
  const batchSize = targets.nLabels.length;
  const m = targets.label.length;
  if (probabilities.length !== m * channels) {
    throw new RangeError(
      `matchLabelsToChannels: probabilities: expected M × K = ${m} × ${channels} values but got ` +
        `${probabilities.length}`,
    );
  }
  for (let b = 0; b < batchSize; b++) {
    if ((targets.nLabels[b] as number) > jetChannels) {
      throw new RangeError(
        `matchLabelsToChannels: event ${b}: expected at most ${jetChannels} true jets but got ${targets.nLabels[b]}`,
      );
    }
  }

  // cost[b][j][k], with j and k below jetChannels.
  const noJetLabel = options.noJetChannel ? channels - 1 : -1;
  const block = jetChannels * jetChannels;
  const cost = new Float64Array(batchSize * block);
  for (let i = 0; i < m; i++) {
    const b = targets.event[i] as number;
    const j = targets.label[i] as number;
    if (j === noJetLabel) continue;
    if (j < 0 || j >= (targets.nLabels[b] as number)) {
      throw new RangeError(
        `matchLabelsToChannels: targets.label: expected labels in [0, nLabels = ${targets.nLabels[b]})` +
          `${options.noJetChannel ? ` or the no-jet label ${noJetLabel}` : ''} but particle ${i} of event ${b} has ${j}`,
      );
    }
    const w = targets.weight[i] as number;
    const base = b * block + j * jetChannels;
    for (let k = 0; k < jetChannels; k++) {
      const y = Math.max(probabilities[i * channels + k] as number, options.epsilon);
      cost[base + k] = (cost[base + k] as number) - w * Math.log(y);
    }
  }

  const channelOf: Int32Array[] = [];
  for (let b = 0; b < batchSize; b++) {
    const rows = targets.nLabels[b] as number;
    channelOf.push(
      solveAssignment(cost.subarray(b * block, b * block + rows * jetChannels), rows, jetChannels),
    );
  }
  const labels = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const b = targets.event[i] as number;
    const j = targets.label[i] as number;
    labels[i] = j === noJetLabel ? j : ((channelOf[b] as Int32Array)[j] as number);
  }
  return labels;
}
