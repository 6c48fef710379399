/**
 * Refinement of a minijet assignment with the jet boundaries that the network's heat maps draw.
 */

import { readJetChannels } from './assign-probabilities.js';
import type { Jet } from './cluster-sequence.js';

/**
 * Moves each minijet to the jet whose region contains its axis, where jet k's region is the set of image points
 * at which heat map k is the largest of the `nJets` jet channels. Minijets are visited by decreasing energy, and
 * a move that would leave the minijet's current jet empty is skipped. Minijets whose axis probabilities are not
 * finite (axis outside the image) or whose channel is still −1 stay where they are.
 *
 * @param channel heat-map channel of each minijet, updated in place.
 * @param axisProbabilities row-major M × `channels` heat-map probabilities at each minijet's axis.
 */
export function refineByAxis(
  minijets: readonly Jet[],
  channel: Int32Array,
  axisProbabilities: ArrayLike<number>,
  channels: number,
  nJets: number,
): void {
  const members = new Int32Array(nJets);
  for (const k of channel) if (k >= 0) members[k] = (members[k] as number) + 1;

  const byEnergy = minijets.map((_, m) => m).sort((a, b) => (minijets[b] as Jet).e - (minijets[a] as Jet).e);
  const row = new Float64Array(nJets);
  for (const m of byEnergy) {
    const current = channel[m] as number;
    if (current < 0 || !readJetChannels(axisProbabilities, m * channels, nJets, row)) continue;
    let region = 0;
    for (let k = 1; k < nJets; k++) if ((row[k] as number) > (row[region] as number)) region = k;
    if (region === current || (members[current] as number) <= 1) continue;
    channel[m] = region;
    members[current] = (members[current] as number) - 1;
    members[region] = (members[region] as number) + 1;
  }
}
