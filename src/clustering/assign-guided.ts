/**
 * Heat-map-guided Durham: minijets are merged pairwise, as Durham merges particles, with the Durham distance
 * scaled by how differently the heat maps colour the two clusters.
 *
 * The distance of clusters i and j is
 *   d_ij = 2 min(E_i², E_j²) (1 − cos θ_ij) · exp(λ (1 − B_ij)),
 * where B_ij = Σ_k √(p_ik p_jk) is the Bhattacharyya coefficient of their jet probabilities (1 for equal
 * probabilities, 0 for disjoint ones) and λ ≥ 0 is the guidance strength. The closest pair merges (E-scheme;
 * the merged probabilities are the energy-weighted mean) until nJets clusters remain. With λ = 0 this is Durham
 * continued from the minijets, so it gives Durham's exclusive jets; a larger λ lets the network veto merges of
 * differently coloured clusters and favour merges of equally coloured ones. A cluster without heat-map
 * information (outside the image) has B = 1 with every other cluster, so only Durham's distance applies to it.
 */

import type { Jet } from './cluster-sequence.js';

/**
 * Merges minijets into `nJets` clusters as the module description states and returns the cluster index
 * (0 … nJets − 1) of every minijet.
 *
 * @param probabilities row-major M × nJets minijet probabilities, NaN rows for minijets without information.
 */
export function guidedDurhamClusters(
  minijets: readonly Jet[],
  probabilities: Float64Array,
  nJets: number,
  guidance: number,
): Int32Array {
  const n = minijets.length;
  const px = Float64Array.from(minijets, (jet) => jet.px);
  const py = Float64Array.from(minijets, (jet) => jet.py);
  const pz = Float64Array.from(minijets, (jet) => jet.pz);
  const e = Float64Array.from(minijets, (jet) => jet.e);
  const p = Float64Array.from(probabilities);
  const informed = Uint8Array.from(minijets, (_, m) => (Number.isFinite(probabilities[m * nJets]) ? 1 : 0));
  // informedEnergy weights the probability mean; a cluster is informed when any of its minijets is.
  const informedEnergy = Float64Array.from(minijets, (jet, m) => (informed[m] ? Math.max(jet.e, 0) : 0));
  const parent = Int32Array.from(minijets, (_, m) => m);
  const alive = new Uint8Array(n).fill(1);

  for (let remaining = n; remaining > nJets; remaining--) {
    let bestDistance = Infinity;
    let bestI = -1;
    let bestJ = -1;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (!alive[j]) continue;
        const dij = durhamDistance(px, py, pz, e, i, j) * guidanceFactor(p, informed, nJets, i, j, guidance);
        if (dij < bestDistance) {
          bestDistance = dij;
          bestI = i;
          bestJ = j;
        }
      }
    }
    mergeInto(bestI, bestJ);
  }

  const clusterOf = new Int32Array(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) if (alive[i]) clusterOf[i] = next++;
  return Int32Array.from(parent, (_, m) => clusterOf[root(m)] as number);

  function mergeInto(i: number, j: number): void {
    const wi = informedEnergy[i] as number;
    const wj = informedEnergy[j] as number;
    if (informed[j] && informed[i]) {
      const total = wi + wj;
      for (let k = 0; k < nJets; k++) {
        const pi = p[i * nJets + k] as number;
        const pj = p[j * nJets + k] as number;
        p[i * nJets + k] = total > 0 ? (wi * pi + wj * pj) / total : (pi + pj) / 2;
      }
    } else if (informed[j]) {
      for (let k = 0; k < nJets; k++) p[i * nJets + k] = p[j * nJets + k] as number;
      informed[i] = 1;
    }
    informedEnergy[i] = wi + wj;
    px[i] = (px[i] as number) + (px[j] as number);
    py[i] = (py[i] as number) + (py[j] as number);
    pz[i] = (pz[i] as number) + (pz[j] as number);
    e[i] = (e[i] as number) + (e[j] as number);
    alive[j] = 0;
    parent[j] = i;
  }

  function root(m: number): number {
    let r = m;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  }
}

/** Durham's d_ij = 2 min(E_i², E_j²)(1 − cos θ_ij), with 1 − cos θ = |n̂_i − n̂_j|²/2, accurate at small angles. */
function durhamDistance(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  i: number,
  j: number,
): number {
  const ni = Math.hypot(px[i] as number, py[i] as number, pz[i] as number);
  const nj = Math.hypot(px[j] as number, py[j] as number, pz[j] as number);
  if (ni === 0 || nj === 0) return 0;
  const dx = (px[i] as number) / ni - (px[j] as number) / nj;
  const dy = (py[i] as number) / ni - (py[j] as number) / nj;
  const dz = (pz[i] as number) / ni - (pz[j] as number) / nj;
  const oneMinusCos = (dx * dx + dy * dy + dz * dz) / 2;
  const ei = e[i] as number;
  const ej = e[j] as number;
  return 2 * Math.min(ei * ei, ej * ej) * oneMinusCos;
}

/** exp(λ (1 − B_ij)), or 1 when either cluster has no heat-map information. */
function guidanceFactor(
  p: Float64Array,
  informed: Uint8Array,
  nJets: number,
  i: number,
  j: number,
  guidance: number,
): number {
  if (guidance === 0 || !informed[i] || !informed[j]) return 1;
  let overlap = 0;
  for (let k = 0; k < nJets; k++)
    overlap += Math.sqrt((p[i * nJets + k] as number) * (p[j * nJets + k] as number));
  return Math.exp(guidance * (1 - Math.min(overlap, 1)));
}
