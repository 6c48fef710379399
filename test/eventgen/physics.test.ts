/**
 * Physics checks of the Pythia 8 event tool, read back through the TypeScript reader: conservation,
 * complete truth labels, and boson masses rebuilt from the labels.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import type { HepMC3Event } from '../../src/io/index.js';
import { readHepMC3 } from '../../src/io/node.js';
import { addFourMomenta, invariantMass } from '../../src/particles/index.js';
import type { FourMomentum } from '../../src/particles/index.js';
import { GENERATED_PROCESSES, generatedEventsPath, runGenerator } from '../support/generated-events.js';
import { repoPath } from '../support/python.js';

const PRIMARY_QUARKS = { zhh: 6, tt: 6, zh: 4, zz: 4, ww: 4 } as const;
const NEUTRINOS = new Set([12, 14, 16]);

async function readAll(path: string, fullRecord = false): Promise<HepMC3Event[]> {
  const events: HepMC3Event[] = [];
  for await (const event of readHepMC3(path, { fullRecord })) events.push(event);
  return events;
}

/** Largest |Σ final state − Σ beams| over the four components, relative to the beams' energy. */
function conservationError(event: HepMC3Event): number {
  const record = event.record;
  if (record === undefined) throw new Error('conservationError: the event needs its full record');
  const beams = { px: 0, py: 0, pz: 0, e: 0 };
  for (let k = 0; k < record.status.length; k++) {
    if (record.status[k] !== 4) continue;
    beams.px += record.px[k] as number;
    beams.py += record.py[k] as number;
    beams.pz += record.pz[k] as number;
    beams.e += record.e[k] as number;
  }
  const { particles } = event;
  const sum = addFourMomenta(...particles.toRows().map(([px, py, pz, e]) => ({ px, py, pz, e })));
  return (
    Math.max(
      Math.abs(sum.px - beams.px),
      Math.abs(sum.py - beams.py),
      Math.abs(sum.pz - beams.pz),
      Math.abs(sum.e - beams.e),
    ) / beams.e
  );
}

/** Four-momentum of the particles labelled with any of `labels`, neutrinos left out when `visibleOnly`. */
function labelledMomentum(event: HepMC3Event, labels: number[], visibleOnly: boolean): FourMomentum {
  const { particles } = event;
  const sum = { px: 0, py: 0, pz: 0, e: 0 };
  for (let i = 0; i < particles.length; i++) {
    if (!labels.includes(particles.trueJet?.[i] as number)) continue;
    if (visibleOnly && NEUTRINOS.has(Math.abs(particles.pdgId?.[i] as number))) continue;
    sum.px += particles.px[i] as number;
    sum.py += particles.py[i] as number;
    sum.pz += particles.pz[i] as number;
    sum.e += particles.e[i] as number;
  }
  return sum;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Masses of the visible particles labelled with each boson's quarks, by boson PDG code (absolute). */
function bosonMasses(events: HepMC3Event[]): Map<number, number[]> {
  const masses = new Map<number, number[]>();
  for (const event of events) {
    for (const [b, boson] of event.bosons.entries()) {
      const labels = event.partons.flatMap((parton, p) => (parton.boson === b ? [p] : []));
      if (labels.length < 2) continue;
      const list = masses.get(Math.abs(boson.pdgId)) ?? [];
      list.push(invariantMass(labelledMomentum(event, labels, true)));
      masses.set(Math.abs(boson.pdgId), list);
    }
  }
  return masses;
}

describe.each(GENERATED_PROCESSES)('generated %s events', (process) => {
  let events: HepMC3Event[] = [];
  beforeAll(async () => {
    events = await readAll(generatedEventsPath(process), true);
  });

  it('conserve four-momentum to 1e-6', () => {
    expect(events).toHaveLength(20);
    for (const event of events) expect(conservationError(event)).toBeLessThan(1e-6);
  });

  it('have the primary quarks of the process', () => {
    for (const event of events) {
      expect(event.process).toBe(process);
      expect(event.partons).toHaveLength(PRIMARY_QUARKS[process]);
      expect(event.particles.trueJet).toBeDefined();
    }
  });

  it('leave only photons unlabelled', () => {
    for (const event of events) {
      const { particles } = event;
      for (let i = 0; i < particles.length; i++) {
        const label = particles.trueJet?.[i] as number;
        expect(label).toBeGreaterThanOrEqual(-1);
        expect(label).toBeLessThan(PRIMARY_QUARKS[process]);
        if (label === -1) expect(particles.pdgId?.[i]).toBe(22);
      }
    }
  });

  it('have quark pairs summing to their boson', () => {
    for (const event of events) {
      for (const [b, boson] of event.bosons.entries()) {
        // A top has one quark (its b); the W beside it is recorded after the shower's recoil, so t ≠ b + W.
        const quarks = event.partons.filter((parton) => parton.boson === b);
        if (Math.abs(boson.pdgId) === 6) {
          expect(quarks).toHaveLength(1);
          continue;
        }
        expect(quarks).toHaveLength(2);
        const sum = addFourMomenta(...quarks);
        for (const component of ['px', 'py', 'pz', 'e'] as const) {
          expect(Math.abs(sum[component] - boson[component])).toBeLessThan(1e-6 * boson.e);
        }
      }
    }
  });
});

describe('ZHH without ISR', () => {
  let events: HepMC3Event[] = [];
  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jetcolor-eventgen-')), 'zhh-no-isr.hepmc3.gz');
    runGenerator(['--process', 'zhh', '--events', '20', '--seed', '21', '--isr', 'off', '--out', path]);
    events = await readAll(path, true);
  });

  it('labels every final-state particle 0..5', () => {
    for (const event of events) {
      for (const label of event.particles.trueJet ?? []) {
        expect(label).toBeGreaterThanOrEqual(0);
        expect(label).toBeLessThanOrEqual(5);
      }
      expect(event.attributes.get('isr')).toBe('0');
    }
  });

  it('puts Z, H and H at the full energy', () => {
    for (const event of events) {
      expect(event.bosons.map((boson) => boson.pdgId)).toEqual([23, 25, 25]);
      const sum = addFourMomenta(...event.bosons);
      expect(Math.abs(sum.px) + Math.abs(sum.py) + Math.abs(sum.pz)).toBeLessThan(1e-6);
      expect(sum.e).toBeCloseTo(500, 6);
      expect(conservationError(event)).toBeLessThan(1e-6);
    }
  });
});

describe('boson masses from labelled particles', () => {
  it('ZHH sample has Z and H medians within 5 GeV', async () => {
    const masses = bosonMasses(await readAll(repoPath('data', 'samples', 'zhh_500GeV.hepmc3.gz')));
    expect(masses.get(23)).toHaveLength(500);
    expect(masses.get(25)).toHaveLength(1000);
    expect(Math.abs(median(masses.get(23) ?? []) - 91.2)).toBeLessThan(5);
    expect(Math.abs(median(masses.get(25) ?? []) - 125)).toBeLessThan(5);
  });

  it('tt sample has W and top medians within 5 GeV', async () => {
    const events = await readAll(repoPath('data', 'samples', 'tt_500GeV.hepmc3.gz'));
    expect(Math.abs(median(bosonMasses(events).get(24) ?? []) - 80.4)).toBeLessThan(5);
    const topMasses: number[] = [];
    for (const event of events) {
      const parents = (event.attributes.get('boson_parent') ?? '').split(' ').map(Number);
      for (const [t, boson] of event.bosons.entries()) {
        if (Math.abs(boson.pdgId) !== 6) continue;
        const bosonsOfTop = [t, ...parents.flatMap((parent, w) => (parent === t ? [w] : []))];
        const labels = event.partons.flatMap((parton, p) => (bosonsOfTop.includes(parton.boson) ? [p] : []));
        expect(labels).toHaveLength(3);
        topMasses.push(invariantMass(labelledMomentum(event, labels, true)));
      }
    }
    expect(topMasses).toHaveLength(400);
    expect(Math.abs(median(topMasses) - 172.5)).toBeLessThan(5);
  });
});
