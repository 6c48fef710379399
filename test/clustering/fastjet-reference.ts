/**
 * Runs FastJet's Durham algorithm through tools/reference/fastjet_durham.py in the reference Python, and the
 * comparisons that the FastJet tests share.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Jet } from '../../src/clustering/index.js';
import { referencePython, repoPath } from '../support/python.js';
import type { Row } from './durham-events.js';

/** A FastJet jet: p = [px, py, pz, E] in GeV and the input indices, ascending. */
export interface FastJetJet {
  p: [number, number, number, number];
  constituents: number[];
}

/** FastJet's output for one event (see tools/reference/fastjet_durham.py). */
export interface FastJetResult {
  q: number;
  dmerge: number[];
  dmergeMax: number[];
  ymerge: number[];
  exclusive: { njets: number; jets?: FastJetJet[]; error?: string }[];
  ycut: { ycut: number; njets: number; jets: FastJetJet[] }[];
}

/** An event for FastJet with the jet counts and y cuts to return exclusive jets for. */
export interface ReferenceEvent {
  particles: Row[];
  njets?: number[];
  ycuts?: number[];
}

/** Runs FastJet on the events (one Python process for all) and returns one result per event. */
export function runFastJetDurham(
  events: readonly ReferenceEvent[],
  strategy: 'accurate' | 'best' = 'accurate',
): FastJetResult[] {
  const directory = mkdtempSync(join(tmpdir(), 'jetcolor-fastjet-'));
  try {
    const input = join(directory, 'events.jsonl');
    const output = join(directory, 'fastjet.jsonl');
    writeFileSync(input, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    execFileSync(
      referencePython(),
      [repoPath('tools', 'reference', 'fastjet_durham.py'), '--strategy', strategy, input, output],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    return lines.map((line) => JSON.parse(line) as FastJetResult);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Relative tolerance on four-momentum components (relative to the jet energy) and on energies. */
export const MOMENTUM_TOLERANCE = 1e-12;
/** Relative tolerance on d and y values. */
export const Y_TOLERANCE = 1e-10;

/** Asserts |actual − expected| ≤ tolerance · scale, with `label` in the failure message. */
export function expectClose(
  actual: number,
  expected: number,
  tolerance: number,
  scale: number,
  label: string,
): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs FastJet ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(scale),
  );
}

/**
 * Asserts that our jets equal FastJet's: the same constituent lists, four-momenta within
 * {@link MOMENTUM_TOLERANCE}, and our jets in order of decreasing energy. Jets are paired by their first
 * constituent, because jets of exactly equal energy may come in either order.
 */
export function expectSameJets(actual: readonly Jet[], expected: readonly FastJetJet[], label: string): void {
  expect(actual.length, `${label}: number of jets`).toBe(expected.length);
  for (let k = 1; k < actual.length; k++) {
    expect((actual[k - 1] as Jet).e, `${label}: jets sorted by decreasing energy`).toBeGreaterThanOrEqual(
      (actual[k] as Jet).e,
    );
  }
  const ours = [...actual].sort((a, b) => (a.constituents[0] as number) - (b.constituents[0] as number));
  const theirs = [...expected].sort((a, b) => (a.constituents[0] as number) - (b.constituents[0] as number));
  for (let k = 0; k < ours.length; k++) {
    const jet = ours[k] as Jet;
    const reference = theirs[k] as FastJetJet;
    const jetLabel = `${label}: jet with constituent ${reference.constituents[0]}`;
    expect(Array.from(jet.constituents), `${jetLabel}: constituents`).toEqual(reference.constituents);
    const [px, py, pz, e] = reference.p;
    expectClose(jet.px, px, MOMENTUM_TOLERANCE, e, `${jetLabel}: px`);
    expectClose(jet.py, py, MOMENTUM_TOLERANCE, e, `${jetLabel}: py`);
    expectClose(jet.pz, pz, MOMENTUM_TOLERANCE, e, `${jetLabel}: pz`);
    expectClose(jet.e, e, MOMENTUM_TOLERANCE, e, `${jetLabel}: E`);
  }
}
