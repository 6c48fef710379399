/**
 * A plain-JavaScript implementation of the energy-weighted log loss, for tests of the tensor version and
 * for callers without tfjs. It computes the same quantity as {@link energyWeightedLogLoss}.
 */

import { matchLabelsToChannels } from './label-matching.js';
import { resolveLossOptions, type LossOptions } from './loss-options.js';
import type { LossTargets } from './loss-targets.js';

/**
 * Computes L = −1/N Σ_jet Σ_track (E_track / E_jet) log max(y_track, ε) in double precision from heat maps
 * stored row-major as [B, H, W, K].
 *
 * @param heatMaps B·H·W·K probabilities.
 * @param channels K.
 */
export function energyWeightedLogLossReference(
  targets: LossTargets,
  heatMaps: ArrayLike<number>,
  channels: number,
  options: Partial<LossOptions> = {},
): number {
  const resolved = resolveLossOptions(options, 'energyWeightedLogLossReference');
  const m = targets.label.length;
  if (m === 0 || targets.nJets === 0) return 0;

  const probabilities = new Float64Array(m * channels);
  for (let i = 0; i < m; i++) {
    for (let t = 0; t < 4; t++) {
      const pixel = targets.taps[4 * i + t] as number;
      const w = targets.tapWeights[4 * i + t] as number;
      for (let k = 0; k < channels; k++) {
        probabilities[i * channels + k] =
          (probabilities[i * channels + k] as number) + w * (heatMaps[pixel * channels + k] as number);
      }
    }
  }
  const labels =
    resolved.ordering === 'permutation'
      ? matchLabelsToChannels(targets, probabilities, channels, resolved)
      : targets.label;

  let total = 0;
  for (let i = 0; i < m; i++) {
    const y = probabilities[i * channels + (labels[i] as number)] as number;
    total += (targets.weight[i] as number) * Math.log(Math.min(Math.max(y, resolved.epsilon), 1));
  }
  return -total / targets.nJets;
}
