/**
 * Durham (ee_kt) jet clustering of e+e- events, identical to FastJet's `ee_kt_algorithm` with E-scheme
 * recombination and the `N2PlainEEAccurate` strategy.
 *
 * The distance of two jets is d_ij = 2 min(E_i², E_j²)(1 − cos θ_ij) in GeV², and the resolution is y = d/Q².
 * Clustering always merges the pair with the smallest d_ij until one jet remains, and the returned
 * {@link ClusterSequence} selects jets by count or by y cut from that history.
 */

import { Particles } from '../particles/index.js';
import { ClusterSequence } from './cluster-sequence.js';
import { runDurhamLoop } from './durham-loop.js';

/** Options of {@link clusterDurham}. */
export interface DurhamOptions {
  /**
   * Centre-of-mass energy √s in GeV to use as Q in y = d/Q². By default (undefined) Q is the sum of the
   * input energies, as in FastJet.
   */
  sqrtS?: number | undefined;
}

/** Options of {@link clusterDurham} with every field present. */
interface ResolvedDurhamOptions {
  readonly sqrtS: number | undefined;
}

/** Default options of {@link clusterDurham}. */
export const DEFAULT_DURHAM_OPTIONS: ResolvedDurhamOptions = Object.freeze({ sqrtS: undefined });

/**
 * Clusters an event's particles with the Durham algorithm and returns the whole merge history.
 *
 * 1 − cos θ is computed as in FastJet's `N2PlainEEAccurate` strategy: from the dot product of the unit vectors,
 * but from their cross product for nearly collinear pairs (θ ≲ 1.7·10⁻⁴). Small angles therefore keep a
 * relative accuracy of 10⁻⁸ or better instead of losing all digits. Ties between equal distances resolve as in
 * FastJet, so exact duplicates and symmetric configurations give FastJet's jets.
 *
 * @example
 * const sequence = clusterDurham(particlesFromArray(rows));
 * const jets = sequence.exclusiveJets(6); // six jets, by decreasing energy
 * const y56 = sequence.exclusiveYmerge(5); // y at which 6 jets become 5
 * @throws TypeError when `particles` is not a {@link Particles} container or an option has the wrong type.
 * @throws RangeError when there are no particles, or `sqrtS` is not a finite number > 0.
 */
export function clusterDurham(particles: Particles, options: DurhamOptions = {}): ClusterSequence {
  if (!(particles instanceof Particles)) {
    throw new TypeError(
      `clusterDurham: particles: expected a Particles container (see particlesFromArray) but got ${describe(particles)}`,
    );
  }
  if (particles.length === 0) {
    throw new RangeError('clusterDurham: particles: expected at least 1 particle but got an empty event');
  }
  const { sqrtS } = resolveDurhamOptions(options);

  const history = runDurhamLoop(particles.px, particles.py, particles.pz, particles.e);
  // FastJet sums the energies in input order, and doing the same keeps y identical to the last bit.
  const q = sqrtS ?? particles.totalEnergy();
  return new ClusterSequence(history, q);
}

/** Merges `options` over the defaults after checking every field. */
function resolveDurhamOptions(options: DurhamOptions): ResolvedDurhamOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`clusterDurham: options: expected an object but got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULT_DURHAM_OPTIONS)) {
      const known = Object.keys(DEFAULT_DURHAM_OPTIONS).join(', ');
      throw new TypeError(`clusterDurham: options: unknown option "${key}" (known options: ${known})`);
    }
  }
  const resolved = { ...DEFAULT_DURHAM_OPTIONS, ...options };
  const { sqrtS } = resolved;
  if (sqrtS !== undefined) {
    if (typeof sqrtS !== 'number') {
      throw new TypeError(
        `clusterDurham: options.sqrtS: expected a number in GeV but got ${describe(sqrtS)}`,
      );
    }
    if (!Number.isFinite(sqrtS) || sqrtS <= 0) {
      throw new RangeError(`clusterDurham: options.sqrtS: expected a finite number > 0 GeV but got ${sqrtS}`);
    }
  }
  return resolved;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
