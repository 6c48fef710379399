/**
 * ILD-style quality categories of a dijet, from the purity and efficiency of its two reco jets against the true
 * jets they are matched to (threshold 0.95 on both):
 *
 * - A: both jets have purity ≥ 0.95 and efficiency ≥ 0.95, so the dijet is clustered correctly.
 * - B: both jets have efficiency ≥ 0.95, but at least one has purity < 0.95: the jets took in foreign particles.
 * - C: both jets have purity ≥ 0.95, but at least one has efficiency < 0.95: the jets lost particles.
 * - D: every other case, where some jet fails purity and some jet (the same or the other) fails efficiency.
 *
 * The four categories partition all dijets. An unmatched reco jet has purity and efficiency 0, so its dijet is D.
 */

import { CORRECT_JET_THRESHOLD } from './purity-efficiency.js';
import type { JetQuality } from './purity-efficiency.js';

/** Dijet quality category, see the module description. */
export type DijetCategory = 'A' | 'B' | 'C' | 'D';

/** The categories in order, for tables. */
export const DIJET_CATEGORIES: readonly DijetCategory[] = Object.freeze(['A', 'B', 'C', 'D']);

/** Classifies a dijet from the qualities of its two reco jets. */
export function classifyDijet(
  first: JetQuality,
  second: JetQuality,
  threshold: number = CORRECT_JET_THRESHOLD,
): DijetCategory {
  const pure = first.purity >= threshold && second.purity >= threshold;
  const efficient = first.efficiency >= threshold && second.efficiency >= threshold;
  if (pure && efficient) return 'A';
  if (efficient) return 'B';
  if (pure) return 'C';
  return 'D';
}
