/**
 * The result of a Durham clustering: the whole merge history of one event, with FastJet's selectors for
 * exclusive jets and merging scales.
 */

import type { DurhamMergeHistory } from './durham-loop.js';

/** A jet: its E-scheme four-momentum in GeV and the indices of its input particles. */
export interface Jet {
  px: number;
  py: number;
  pz: number;
  e: number;
  /** Indices of the input particles in the jet, ascending. */
  constituents: Int32Array;
}

/**
 * The merge history of an event of N particles, from N jets (the particles) down to one.
 *
 * Merge k (k = 0..N−2) takes N − k jets to N − k − 1 and creates jet N + k. Jets 0..N−1 are the particles. The
 * resolution y of a merge is d_ij/Q². Build it with `clusterDurham`.
 */
export class ClusterSequence {
  /** Q in GeV that normalises y = d/Q²: the sum of the input energies (FastJet's `Q()`) unless √s was given. */
  readonly q: number;
  /** The flat merge history (jets, parents, d_ij and its running maximum). */
  readonly history: DurhamMergeHistory;
  /** Number of input particles N ≥ 1. */
  readonly nParticles: number;
  /** childOf[j]: the jet that jet j merges into, or −1 for the last jet. Built on the first jet request. */
  private childOf: Int32Array | undefined;

  constructor(history: DurhamMergeHistory, q: number) {
    this.history = history;
    this.q = q;
    this.nParticles = history.parentA.length + 1;
  }

  /**
   * Returns the event clustered into exactly `nJets` jets, sorted by decreasing energy.
   *
   * @throws RangeError when `nJets` is not an integer ≥ 1 or exceeds the number of particles.
   */
  exclusiveJets(nJets: number): Jet[] {
    checkCount('ClusterSequence.exclusiveJets', 'nJets', nJets);
    if (nJets > this.nParticles) {
      throw new RangeError(
        `ClusterSequence.exclusiveJets: nJets: expected at most ${this.nParticles} (the number of particles) ` +
          `but got ${nJets}; use exclusiveJetsUpTo to accept fewer jets`,
      );
    }
    return this.jetsAfterMerges(this.nParticles - nJets);
  }

  /**
   * Returns the event clustered into min(nJets, N) jets, sorted by decreasing energy.
   *
   * @throws RangeError when `nJets` is not an integer ≥ 1.
   */
  exclusiveJetsUpTo(nJets: number): Jet[] {
    checkCount('ClusterSequence.exclusiveJetsUpTo', 'nJets', nJets);
    return this.jetsAfterMerges(this.nParticles - Math.min(nJets, this.nParticles));
  }

  /**
   * Returns the jets that exist just before the first merge with y > yCut, sorted by decreasing energy, as
   * FastJet's `exclusive_jets_ycut`. This equals `exclusiveJets(nExclusiveJetsYcut(yCut))`.
   *
   * @throws TypeError when `yCut` is not a number.
   * @throws RangeError when `yCut` is not finite or below 0.
   */
  exclusiveJetsYcut(yCut: number): Jet[] {
    return this.exclusiveJets(this.nExclusiveJetsYcut(yCut));
  }

  /**
   * Returns the number of jets at `yCut`: N minus the number of merges whose running maximum of d_ij is at
   * most yCut·Q², so at least 1.
   *
   * FastJet returns 0 jets for yCut ≥ 16 because it counts a final merge with the beam at d = 16 E². Here no
   * such merge exists, and the result is 1 jet.
   *
   * @throws TypeError when `yCut` is not a number.
   * @throws RangeError when `yCut` is not finite or below 0.
   */
  nExclusiveJetsYcut(yCut: number): number {
    if (typeof yCut !== 'number') {
      throw new TypeError(
        `ClusterSequence.nExclusiveJetsYcut: yCut: expected a number but got ${typeof yCut}`,
      );
    }
    if (!Number.isFinite(yCut) || yCut < 0) {
      throw new RangeError(
        `ClusterSequence.nExclusiveJetsYcut: yCut: expected a finite number ≥ 0 but got ${yCut}`,
      );
    }
    const dCut = yCut * (this.q * this.q);
    const dijMax = this.history.dijMax;
    let merges = dijMax.length;
    while (merges > 0 && (dijMax[merges - 1] as number) > dCut) merges--;
    return this.nParticles - merges;
  }

  /**
   * Returns d in GeV² of the merge that takes n + 1 jets to n, or 0 when n ≥ N (no merge needed).
   *
   * @throws RangeError when `n` is not an integer ≥ 1.
   */
  exclusiveDmerge(n: number): number {
    checkCount('ClusterSequence.exclusiveDmerge', 'n', n);
    return n >= this.nParticles ? 0 : (this.history.dij[this.nParticles - n - 1] as number);
  }

  /**
   * Returns the largest d in GeV² of all merges down to n jets, or 0 when n ≥ N. This differs from
   * `exclusiveDmerge(n)` only when d_ij does not grow monotonically along the sequence.
   *
   * @throws RangeError when `n` is not an integer ≥ 1.
   */
  exclusiveDmergeMax(n: number): number {
    checkCount('ClusterSequence.exclusiveDmergeMax', 'n', n);
    return n >= this.nParticles ? 0 : (this.history.dijMax[this.nParticles - n - 1] as number);
  }

  /**
   * Returns y_{n,n+1} = d/Q² of the merge that takes n + 1 jets to n, or 0 when n ≥ N.
   *
   * @throws RangeError when `n` is not an integer ≥ 1.
   */
  exclusiveYmerge(n: number): number {
    checkCount('ClusterSequence.exclusiveYmerge', 'n', n);
    return this.exclusiveDmerge(n) / (this.q * this.q);
  }

  /**
   * Returns the largest y of all merges down to n jets, or 0 when n ≥ N.
   *
   * @throws RangeError when `n` is not an integer ≥ 1.
   */
  exclusiveYmergeMax(n: number): number {
    checkCount('ClusterSequence.exclusiveYmergeMax', 'n', n);
    return this.exclusiveDmergeMax(n) / (this.q * this.q);
  }

  /** Builds the jets that exist after the first `merges` merges, sorted by decreasing energy. */
  private jetsAfterMerges(merges: number): Jet[] {
    const n = this.nParticles;
    const limit = n + merges;

    // root[j]: the jet, among those existing after `merges` merges, that contains jet j. A child always has
    // a higher index than its parents, so a descending pass sets the child's root before the parents'.
    const childOf = this.children();
    const root = new Int32Array(limit);
    for (let j = limit - 1; j >= 0; j--) {
      const child = childOf[j] as number;
      root[j] = child >= 0 && child < limit ? (root[child] as number) : j;
    }

    const jetOfRoot = new Int32Array(limit).fill(-1);
    const roots: number[] = [];
    const sizes: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = root[i] as number;
      let slot = jetOfRoot[r] as number;
      if (slot < 0) {
        slot = roots.length;
        jetOfRoot[r] = slot;
        roots.push(r);
        sizes.push(0);
      }
      sizes[slot] = (sizes[slot] as number) + 1;
    }

    const { jetPx, jetPy, jetPz, jetE } = this.history;
    const jets: Jet[] = roots.map((r, slot) => ({
      px: jetPx[r] as number,
      py: jetPy[r] as number,
      pz: jetPz[r] as number,
      e: jetE[r] as number,
      constituents: new Int32Array(sizes[slot] as number),
    }));
    const filled = new Int32Array(jets.length);
    for (let i = 0; i < n; i++) {
      const slot = jetOfRoot[root[i] as number] as number;
      (jets[slot] as Jet).constituents[filled[slot] as number] = i;
      filled[slot] = (filled[slot] as number) + 1;
    }

    // Jets are created in order of their lowest constituent, so equal energies keep that order.
    return jets.sort((x, y) => y.e - x.e);
  }

  /** Returns childOf, building it on the first call. */
  private children(): Int32Array {
    if (this.childOf === undefined) {
      const { parentA, parentB } = this.history;
      const childOf = new Int32Array(2 * this.nParticles - 1).fill(-1);
      for (let k = 0; k < parentA.length; k++) {
        childOf[parentA[k] as number] = this.nParticles + k;
        childOf[parentB[k] as number] = this.nParticles + k;
      }
      this.childOf = childOf;
    }
    return this.childOf;
  }
}

function checkCount(where: string, name: string, value: number): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: ${name}: expected a number but got ${typeof value}`);
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${where}: ${name}: expected an integer ≥ 1 but got ${value}`);
  }
}
