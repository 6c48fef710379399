/**
 * Output of `jetcolor evaluate`: the comparison table, the JSON object and the SVG plots.
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DIJET_CATEGORIES, PAIRING_HYPOTHESES, collectResonanceMasses } from '../metrics/index.js';
import type { ClusteringSummary } from '../metrics/index.js';
import type { EvaluationMethod, EvaluationResult } from './evaluate-run.js';
import { renderHistogramSvg } from './plots-svg.js';

/**
 * Builds the JSON report: one member per method run, each its {@link ClusteringSummary} plus the number of
 * events read and skipped.
 */
export function evaluationJson(result: EvaluationResult): Record<string, unknown> {
  const skippedEvents =
    result.skipped.noLabels + result.skipped.fewerParticlesThanJets + result.skipped.noLabelledEnergy;
  const report: Record<string, unknown> = {};
  for (const [method, summary] of Object.entries(result.summaries)) {
    report[method] = { ...summary, eventsRead: result.eventsRead, skippedEvents, skipped: result.skipped };
  }
  return report;
}

/** Formats the comparison table: one row per metric, one column per method. */
export function evaluationTable(result: EvaluationResult): string {
  const methods = Object.keys(result.summaries) as EvaluationMethod[];
  const summaries = methods.map((method) => result.summaries[method] as ClusteringSummary);
  const header: [string, ...string[]] = ['metric', ...methods];
  const rows: [string, ...string[]][] = [header];
  const add = (
    label: string,
    value: (summary: ClusteringSummary) => number | undefined,
    digits = 4,
  ): void => {
    rows.push([label, ...summaries.map((summary) => formatNumber(value(summary), digits))]);
  };

  add('events evaluated', (summary) => summary.events, 0);
  add('misassigned energy fraction', (summary) => summary.misassignedEnergyFraction);
  add('fully correct event fraction', (summary) => summary.fullyCorrectFraction);
  add('mean jet purity', (summary) => summary.meanPurity);
  add('mean jet efficiency', (summary) => summary.meanEfficiency);
  add('events with χ² pairing', (summary) => summary.pairedEvents, 0);
  const names = [...new Set(summaries.flatMap((summary) => Object.keys(summary.massRms90)))].sort();
  for (const name of names) {
    add(`${name} mass mean90 [GeV]`, (summary) => summary.massMean90[name], 2);
    add(`${name} mass RMS90 [GeV]`, (summary) => summary.massRms90[name], 2);
  }
  for (const category of DIJET_CATEGORIES) {
    add(`dijet category ${category} fraction`, (summary) => summary.dijetCategoryFractions?.[category]);
  }

  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number),
      )
      .join('  '),
  );
  const { noLabels, fewerParticlesThanJets, noLabelledEnergy } = result.skipped;
  lines.push(
    '',
    `events read: ${result.eventsRead}; skipped: ${noLabels} without labels, ${fewerParticlesThanJets} with fewer ` +
      `particles than jets, ${noLabelledEnergy} without labelled energy`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the plots into `directory`: one dijet (or trijet) mass distribution per resonance name, mass-NAME.svg,
 * and misassigned-energy.svg, each with one line per method. Returns the paths written.
 */
export async function writeEvaluationPlots(result: EvaluationResult, directory: string): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const methods = Object.keys(result.perEvent) as EvaluationMethod[];
  const written: string[] = [];

  const massesByMethod = methods.map((method) => collectResonanceMasses(result.perEvent[method] ?? []));
  const names = [...new Set(massesByMethod.flatMap((masses) => [...masses.keys()]))].sort();
  for (const name of names) {
    const nominal = nominalMass(name);
    const svg = renderHistogramSvg(
      methods.map((method, index) => ({ label: method, values: massesByMethod[index]?.get(name) ?? [] })),
      {
        title: `Reconstructed ${name} mass (χ² pairing)`,
        xLabel: 'mass [GeV]',
        range: [Math.floor(nominal * 0.4), Math.ceil(nominal * 1.6)],
        bins: 60,
      },
    );
    const path = join(directory, `mass-${name}.svg`);
    await writeFile(path, svg);
    written.push(path);
  }

  const misassigned = renderHistogramSvg(
    methods.map((method) => ({
      label: method,
      values: (result.perEvent[method] ?? []).map((event) => event.misassignedEnergyFraction),
    })),
    {
      title: 'Misassigned energy fraction per event',
      xLabel: 'misassigned energy fraction',
      range: [0, 0.5],
      bins: 50,
    },
  );
  const path = join(directory, 'misassigned-energy.svg');
  await writeFile(path, misassigned);
  written.push(path);
  return written;
}

/** Mass hypothesis in GeV of a resonance name of the pairing hypotheses. */
function nominalMass(name: string): number {
  for (const hypothesis of Object.values(PAIRING_HYPOTHESES)) {
    for (const resonance of hypothesis.resonances) {
      if (resonance.name === name) return resonance.mass;
      if (resonance.dijet?.name === name) return resonance.dijet.mass;
    }
  }
  throw new Error(`writeEvaluationPlots: no mass hypothesis for the resonance ${name}`);
}

function formatNumber(value: number | undefined, digits: number): string {
  if (value === undefined) return '–';
  return digits === 0 ? String(value) : value.toFixed(digits);
}
