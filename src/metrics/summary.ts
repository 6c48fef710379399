/**
 * Averages of per-event clustering metrics over a sample, as the evaluation tables report them.
 */

import { DIJET_CATEGORIES } from './dijet-categories.js';
import type { DijetCategory } from './dijet-categories.js';
import type { EventClusteringMetrics } from './event-metrics.js';
import { computeRms90 } from './rms90.js';

/** Sample averages of one clustering method. */
export interface ClusteringSummary {
  /** Number of events evaluated. */
  events: number;
  /** Mean over events of the per-event misassigned energy fraction. */
  misassignedEnergyFraction: number;
  /** Fraction of events in which every jet has purity and efficiency ≥ the threshold. */
  fullyCorrectFraction: number;
  /** Mean purity of the true jets with energy (each true jet against its matched reco jet). */
  meanPurity: number;
  /** Mean efficiency of the true jets with energy. */
  meanEfficiency: number;
  /** Number of events with a χ² pairing. */
  pairedEvents: number;
  /** RMS90 in GeV of the reconstructed masses of each resonance name ("H", "Z", "W", "t"), over paired events. */
  massRms90: Record<string, number>;
  /** Mean in GeV of the masses inside each resonance's RMS90 window. */
  massMean90: Record<string, number>;
  /** RMS90 of the Higgs dijet masses in GeV, when the sample has paired Higgs bosons. */
  higgsMassRms90?: number;
  /** Fraction of paired dijets in each category A–D, when the sample has paired events. */
  dijetCategoryFractions?: Record<DijetCategory, number>;
}

/**
 * Reconstructed masses in GeV of every paired resonance, by name; the W inside a top quark counts as a W. The
 * evaluation plots and {@link summarizeClustering} use it.
 */
export function collectResonanceMasses(metrics: readonly EventClusteringMetrics[]): Map<string, number[]> {
  const masses = new Map<string, number[]>();
  const add = (name: string, mass: number): void => {
    const list = masses.get(name) ?? [];
    list.push(mass);
    masses.set(name, list);
  };
  for (const event of metrics) {
    for (const resonance of event.pairing?.resonances ?? []) {
      add(resonance.name, resonance.mass);
      if (resonance.dijet !== undefined) add(resonance.dijet.name, resonance.dijet.mass);
    }
  }
  return masses;
}

/**
 * Averages per-event metrics into a {@link ClusteringSummary}.
 *
 * @throws RangeError when `metrics` is empty.
 */
export function summarizeClustering(metrics: readonly EventClusteringMetrics[]): ClusteringSummary {
  if (metrics.length === 0) {
    throw new RangeError('summarizeClustering: metrics: expected at least one event but got none');
  }
  let misassigned = 0;
  let fullyCorrect = 0;
  let puritySum = 0;
  let efficiencySum = 0;
  let trueJets = 0;
  let pairedEvents = 0;
  const categoryCounts: Record<DijetCategory, number> = { A: 0, B: 0, C: 0, D: 0 };
  let dijets = 0;
  for (const event of metrics) {
    misassigned += event.misassignedEnergyFraction;
    if (event.fullyCorrect) fullyCorrect++;
    for (const jet of event.jets.true) {
      if (jet.energy <= 0) continue;
      puritySum += jet.purity;
      efficiencySum += jet.efficiency;
      trueJets++;
    }
    if (event.pairing === undefined) continue;
    pairedEvents++;
    for (const resonance of event.pairing.resonances) {
      categoryCounts[resonance.category]++;
      dijets++;
    }
  }

  const massRms90: Record<string, number> = {};
  const massMean90: Record<string, number> = {};
  for (const [name, masses] of collectResonanceMasses(metrics)) {
    const window = computeRms90(masses);
    massRms90[name] = window.rms90;
    massMean90[name] = window.mean90;
  }
  const summary: ClusteringSummary = {
    events: metrics.length,
    misassignedEnergyFraction: misassigned / metrics.length,
    fullyCorrectFraction: fullyCorrect / metrics.length,
    meanPurity: trueJets > 0 ? puritySum / trueJets : 0,
    meanEfficiency: trueJets > 0 ? efficiencySum / trueJets : 0,
    pairedEvents,
    massRms90,
    massMean90,
  };
  if (massRms90.H !== undefined) summary.higgsMassRms90 = massRms90.H;
  if (dijets > 0) {
    const fractions: Record<DijetCategory, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const category of DIJET_CATEGORIES) fractions[category] = categoryCounts[category] / dijets;
    summary.dijetCategoryFractions = fractions;
  }
  return summary;
}
