/**
 * Assignment of minijets to jets from the heat maps' per-particle jet probabilities.
 *
 * Rule: each minijet m gets jet probabilities P(m, k), the energy-weighted mean of its particles' probabilities.
 * The minijets then go to the jets that maximize the energy-weighted log-likelihood Σ_m E_m·log P(m, jet(m)),
 * which weights energy as the network's loss does. The maximum is taken subject to every jet receiving at least
 * one minijet. Without that constraint every minijet simply takes its most probable jet. With it, the exact optimum picks one "seed"
 * minijet per jet by a Hungarian assignment on the costs E_m·(max_j log P(m, j) − log P(m, k)), and the other
 * minijets take their most probable jet. So when a colour receives nothing, the minijets that lose the least
 * likelihood by moving fill it, and when every colour already receives a minijet nothing changes.
 *
 * Minijets without heat-map information (all their particles outside the image acceptance) take no part in
 * this. Afterwards each one joins the jet whose three-momentum is closest to its own in angle.
 */

import { maximumWeightAssignment } from '../particles/index.js';
import { computeMinijetProbabilities } from './assign-probabilities.js';
import { guidedDurhamClusters } from './assign-guided.js';
import { resolveAssignmentOptions } from './assign-options.js';
import type { AssignmentOptions } from './assign-options.js';
import { refineByAxis } from './assign-refine.js';

export {
  ASSIGNMENT_METHODS,
  DEFAULT_ASSIGNMENT_OPTIONS,
  resolveAssignmentOptions,
} from './assign-options.js';
export type { AssignmentMethod, AssignmentOptions } from './assign-options.js';
import type { Jet } from './cluster-sequence.js';
import { minijetOfParticle } from './minijets.js';

/** Inputs of {@link assignMinijets}: everything that comes from the event and the heat maps. */
export interface AssignmentInput {
  /** Minijets of the event; together they contain every particle exactly once. */
  minijets: readonly Jet[];
  /** Particle energies in GeV, one per particle (N). */
  energies: ArrayLike<number>;
  /** Row-major N × `channels` probabilities, the heat maps read at each particle's grid position. */
  particleProbabilities: ArrayLike<number>;
  /** Channels per particle: `nJets`, or more when the network has extra channels (such as "no jet"). */
  channels: number;
  /** Number of jets K, an integer ≥ 1 and at most the number of minijets. */
  nJets: number;
  /**
   * Row-major M × `channels` probabilities of the heat maps at each minijet's axis (the direction of its
   * three-momentum). Needed only for the refinement; a row that is not finite marks an axis outside the image.
   */
  minijetAxisProbabilities?: ArrayLike<number>;
}

/** The jets of an event and where each particle and minijet went. */
export interface JetAssignment {
  /** Jets, each the sum of its minijets (four-momentum in GeV, constituents ascending), by decreasing energy. */
  jets: Jet[];
  /**
   * Heat-map channel of each jet. With 'likelihood' every jet has its own channel; with 'guidedDurham' it is the
   * jet's most probable channel, which two jets may share.
   */
  jetChannel: Int32Array;
  /** Jet index (into `jets`) of every particle. */
  particleJet: Int32Array;
  /** Jet index (into `jets`) of every minijet. */
  minijetJet: Int32Array;
  /** Row-major M × nJets minijet probabilities in channel order; NaN rows for minijets without information. */
  minijetProbabilities: Float64Array;
}

/** Lower bound of a probability inside the logarithm, so that a zero costs a large but finite amount. */
const PROBABILITY_FLOOR = 1e-12;

/**
 * Assigns minijets to `nJets` jets from heat-map probabilities, as the module description states, so every
 * particle gets exactly one jet and every jet is non-empty.
 *
 * @throws TypeError when an array input is missing.
 * @throws RangeError when sizes disagree, the minijets do not partition the particles, `nJets` is not an
 *   integer in [1, number of minijets], or the refinement is requested without axis probabilities.
 */
export function assignMinijets(input: AssignmentInput, options: AssignmentOptions = {}): JetAssignment {
  const { method, guidance, refine } = resolveAssignmentOptions(options);
  const { minijets, energies, particleProbabilities, channels, nJets } = input;
  validateInput(input, refine);
  const nParticles = energies.length;
  const particleMinijet = minijetOfParticle(minijets, nParticles);

  const probabilities = computeMinijetProbabilities(
    minijets,
    particleProbabilities,
    channels,
    nJets,
    energies,
  );
  if (method === 'guidedDurham') {
    const cluster = guidedDurhamClusters(minijets, probabilities, nJets, guidance);
    const assignment = buildJets(minijets, cluster, particleMinijet, probabilities, nJets);
    assignment.jetChannel = dominantChannels(minijets, assignment.minijetJet, probabilities, nJets);
    return assignment;
  }
  const minijetChannel = chooseChannels(minijets, probabilities, nJets);
  if (refine) {
    refineByAxis(
      minijets,
      minijetChannel,
      input.minijetAxisProbabilities as ArrayLike<number>,
      channels,
      nJets,
    );
  }
  attachUninformedMinijets(minijets, minijetChannel, nJets);
  return buildJets(minijets, minijetChannel, particleMinijet, probabilities, nJets);
}

/** Heat-map channel of each jet: the largest channel of the energy-weighted mean of its minijets' probabilities. */
function dominantChannels(
  minijets: readonly Jet[],
  minijetJet: Int32Array,
  probabilities: Float64Array,
  nJets: number,
): Int32Array {
  const sums = new Float64Array(nJets * nJets);
  minijets.forEach((minijet, m) => {
    if (!Number.isFinite(probabilities[m * nJets])) return;
    const jet = minijetJet[m] as number;
    for (let k = 0; k < nJets; k++) {
      sums[jet * nJets + k] =
        (sums[jet * nJets + k] as number) + Math.max(minijet.e, 0) * (probabilities[m * nJets + k] as number);
    }
  });
  return Int32Array.from({ length: nJets }, (_, jet) => {
    let best = 0;
    for (let k = 1; k < nJets; k++)
      if ((sums[jet * nJets + k] as number) > (sums[jet * nJets + best] as number)) best = k;
    return best;
  });
}

function validateInput(input: AssignmentInput, refine: boolean): void {
  const { minijets, energies, particleProbabilities, channels, nJets } = input;
  if (!Array.isArray(minijets)) throw new TypeError('assignMinijets: minijets: expected an array of jets');
  if (energies === undefined || particleProbabilities === undefined) {
    throw new TypeError(
      'assignMinijets: energies, particleProbabilities: expected arrays but one is missing',
    );
  }

  if (!Number.isInteger(nJets) || nJets < 1) {
    throw new RangeError(`assignMinijets: nJets: expected an integer ≥ 1 but got ${nJets}`);
  }
  if (nJets > minijets.length) {
    throw new RangeError(
      `assignMinijets: nJets: expected at most ${minijets.length} (the number of minijets) but got ${nJets}`,
    );
  }
  if (!Number.isInteger(channels) || channels < nJets) {
    throw new RangeError(
      `assignMinijets: channels: expected an integer ≥ nJets = ${nJets} but got ${channels}`,
    );
  }

  const expected = energies.length * channels;
  if (particleProbabilities.length !== expected) {
    throw new RangeError(
      `assignMinijets: particleProbabilities: expected ${energies.length} particles × ${channels} channels = ${expected} entries but got ${particleProbabilities.length}`,
    );
  }

  if (!refine) return;
  const axis = input.minijetAxisProbabilities;
  if (axis === undefined) {
    throw new RangeError('assignMinijets: minijetAxisProbabilities: required when options.refine is true');
  }
  if (axis.length !== minijets.length * channels) {
    throw new RangeError(
      `assignMinijets: minijetAxisProbabilities: expected ${minijets.length} minijets × ${channels} channels = ${minijets.length * channels} entries but got ${axis.length}`,
    );
  }
}

/**
 * Picks the channel of every informed minijet: the likelihood optimum with every jet non-empty (see the module
 * description). Uninformed minijets get −1, unless fewer than nJets minijets are informed: then they take part
 * as seeds with uniform probabilities so that every jet still gets one.
 */
function chooseChannels(minijets: readonly Jet[], probabilities: Float64Array, nJets: number): Int32Array {
  const nMinijets = minijets.length;
  const informed: number[] = [];
  for (let m = 0; m < nMinijets; m++) {
    if (Number.isFinite(probabilities[m * nJets])) informed.push(m);
  }
  const candidates = informed.length >= nJets ? informed : minijets.map((_, m) => m);

  const logProbability = (m: number, k: number): number => {
    const p = probabilities[m * nJets + k] as number;
    return Number.isFinite(p) ? Math.log(Math.max(p, PROBABILITY_FLOOR)) : Math.log(1 / nJets);
  };
  const channel = new Int32Array(nMinijets).fill(-1);
  const weights = new Float64Array(candidates.length * nJets);
  candidates.forEach((m, row) => {
    let best = 0;
    for (let k = 1; k < nJets; k++) if (logProbability(m, k) > logProbability(m, best)) best = k;
    if (Number.isFinite(probabilities[m * nJets])) channel[m] = best;
    const energy = Math.max((minijets[m] as Jet).e, 0);
    for (let k = 0; k < nJets; k++) {
      weights[row * nJets + k] = energy * (logProbability(m, k) - logProbability(m, best));
    }
  });

  const seedChannel = maximumWeightAssignment(weights, candidates.length, nJets);
  candidates.forEach((m, row) => {
    const k = seedChannel[row] as number;
    if (k >= 0) channel[m] = k;
  });
  return channel;
}

/** Puts each minijet still without a channel into the jet closest in angle to it. */
function attachUninformedMinijets(minijets: readonly Jet[], channel: Int32Array, nJets: number): void {
  const axes = new Float64Array(3 * nJets);
  minijets.forEach((minijet, m) => {
    const k = channel[m] as number;
    if (k < 0) return;
    axes[3 * k] = (axes[3 * k] as number) + minijet.px;
    axes[3 * k + 1] = (axes[3 * k + 1] as number) + minijet.py;
    axes[3 * k + 2] = (axes[3 * k + 2] as number) + minijet.pz;
  });
  minijets.forEach((minijet, m) => {
    if ((channel[m] as number) >= 0) return;
    let best = 0;
    let bestCosine = -Infinity;
    for (let k = 0; k < nJets; k++) {
      const x = axes[3 * k] as number;
      const y = axes[3 * k + 1] as number;
      const z = axes[3 * k + 2] as number;
      const norm = Math.hypot(x, y, z) * Math.hypot(minijet.px, minijet.py, minijet.pz);
      const cosine = norm > 0 ? (x * minijet.px + y * minijet.py + z * minijet.pz) / norm : -1;
      if (cosine > bestCosine) {
        bestCosine = cosine;
        best = k;
      }
    }
    channel[m] = best;
  });
}

/** Sums minijets into jets, sorts them by decreasing energy and maps particles and minijets to jet indices. */
function buildJets(
  minijets: readonly Jet[],
  minijetChannel: Int32Array,
  particleMinijet: Int32Array,
  probabilities: Float64Array,
  nJets: number,
): JetAssignment {
  const sums = Array.from({ length: nJets }, () => ({ px: 0, py: 0, pz: 0, e: 0, count: 0 }));
  minijets.forEach((minijet, m) => {
    const sum = sums[minijetChannel[m] as number];
    if (sum === undefined)
      throw new Error(`assignMinijets: minijet ${m} has no jet, which the rule rules out`);
    sum.px += minijet.px;
    sum.py += minijet.py;
    sum.pz += minijet.pz;
    sum.e += minijet.e;
    sum.count += minijet.constituents.length;
  });

  const order = sums
    .map((_, k) => k)
    .sort((a, b) => (sums[b] as { e: number }).e - (sums[a] as { e: number }).e);
  const jetOfChannel = new Int32Array(nJets);
  order.forEach((k, j) => (jetOfChannel[k] = j));

  const particleJet = new Int32Array(particleMinijet.length);
  const constituents = order.map((k) => new Int32Array((sums[k] as { count: number }).count));
  const filled = new Int32Array(nJets);
  for (let i = 0; i < particleMinijet.length; i++) {
    const j = jetOfChannel[minijetChannel[particleMinijet[i] as number] as number] as number;
    particleJet[i] = j;
    (constituents[j] as Int32Array)[filled[j] as number] = i;
    filled[j] = (filled[j] as number) + 1;
  }

  const jets: Jet[] = order.map((k, j) => {
    const { px, py, pz, e } = sums[k] as { px: number; py: number; pz: number; e: number };
    return { px, py, pz, e, constituents: constituents[j] as Int32Array };
  });
  const minijetJet = Int32Array.from(minijetChannel, (k) => jetOfChannel[k] as number);
  return {
    jets,
    jetChannel: Int32Array.from(order),
    particleJet,
    minijetJet,
    minijetProbabilities: probabilities,
  };
}
