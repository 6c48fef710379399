/**
 * Minijets: small pre-clusters of an event's particles made by Durham clustering, stopped early either at a
 * number of minijets or at a resolution y cut. The heat-map assignment moves whole minijets between jets.
 */

import { Particles } from '../particles/index.js';
import type { Jet } from './cluster-sequence.js';
import { clusterDurham } from './durham.js';

/**
 * How far Durham clustering runs: down to `count` minijets, or until the next merge would exceed y = d_ij/Q² of
 * `yCut`.
 */
export type MinijetOptions =
  | {
      mode: 'count';
      /** Number of minijets, an integer ≥ 1. An event with fewer particles gets one minijet per particle. */
      count: number;
    }
  | {
      mode: 'ycut';
      /** Durham resolution y_cut ≥ 0 at which merging stops. */
      yCut: number;
      /** Q in GeV of y = d_ij/Q², such as √s. Default: the sum of the particle energies. */
      sqrtS?: number;
    };

/** Default minijets: 30 per event, about five per jet of a six-jet event. */
export const DEFAULT_MINIJET_OPTIONS: MinijetOptions = Object.freeze({ mode: 'count', count: 30 });

/**
 * Clusters `particles` into minijets with Durham, each with its four-momentum (GeV) and constituent indices,
 * sorted by decreasing energy. Every particle is in exactly one minijet.
 *
 * @example
 * const minijets = buildMinijets(particles, { mode: 'ycut', yCut: 1e-4 });
 * @throws TypeError when `options` is not one of the two forms.
 * @throws RangeError when there are no particles, `count` is not an integer ≥ 1 or `yCut` is not a finite
 *   number ≥ 0.
 */
export function buildMinijets(
  particles: Particles,
  options: MinijetOptions = DEFAULT_MINIJET_OPTIONS,
): Jet[] {
  validateMinijetOptions(options, 'buildMinijets');
  if (!(particles instanceof Particles)) {
    throw new TypeError('buildMinijets: particles: expected a Particles container (see particlesFromArray)');
  }
  if (particles.length === 0) {
    throw new RangeError('buildMinijets: particles: expected at least 1 particle but got an empty event');
  }
  if (options.mode === 'count') return clusterDurham(particles).exclusiveJetsUpTo(options.count);
  const sequence = clusterDurham(particles, { sqrtS: options.sqrtS });
  return sequence.exclusiveJetsYcut(options.yCut);
}

/**
 * Checks minijet options from JavaScript callers: the `mode` tag, its one parameter and no field of the other
 * form.
 *
 * @throws TypeError for a missing or unknown mode, a field of the wrong type or a field of the other mode.
 * @throws RangeError for a count or y cut out of range.
 */
export function validateMinijetOptions(options: MinijetOptions, caller: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${caller}: minijets: expected { mode: 'count', count } or { mode: 'ycut', yCut }`);
  }
  if (options.mode !== 'count' && options.mode !== 'ycut') {
    throw new TypeError(
      `${caller}: minijets.mode: expected 'count' or 'ycut' but got ${JSON.stringify((options as { mode?: unknown }).mode)}`,
    );
  }
  const allowed = options.mode === 'count' ? ['mode', 'count'] : ['mode', 'yCut', 'sqrtS'];
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${caller}: minijets: field "${key}" does not belong to mode '${options.mode}' (fields: ${allowed.join(', ')})`,
      );
    }
  }
  if (options.mode === 'count') {
    if (typeof options.count !== 'number' || !Number.isInteger(options.count) || options.count < 1) {
      throw new RangeError(
        `${caller}: minijets.count: expected an integer ≥ 1 but got ${String(options.count)}`,
      );
    }
    return;
  }
  if (typeof options.yCut !== 'number' || !Number.isFinite(options.yCut) || options.yCut < 0) {
    throw new RangeError(
      `${caller}: minijets.yCut: expected a finite number ≥ 0 but got ${String(options.yCut)}`,
    );
  }
}

/**
 * Returns the minijet index of every particle, from the minijets' constituents.
 *
 * @throws RangeError when the minijets do not contain each of the `nParticles` particles exactly once.
 */
export function minijetOfParticle(minijets: readonly Jet[], nParticles: number): Int32Array {
  const owner = new Int32Array(nParticles).fill(-1);
  minijets.forEach((minijet, m) => {
    for (const i of minijet.constituents) {
      if (!(i >= 0 && i < nParticles)) {
        throw new RangeError(
          `minijetOfParticle: minijet ${m}: constituent ${i} is not a particle index below ${nParticles}`,
        );
      }
      if ((owner[i] as number) >= 0) {
        throw new RangeError(`minijetOfParticle: particle ${i} is in minijets ${owner[i]} and ${m}`);
      }
      owner[i] = m;
    }
  });
  const missing = owner.indexOf(-1);
  if (missing >= 0) throw new RangeError(`minijetOfParticle: particle ${missing} is in no minijet`);
  return owner;
}
