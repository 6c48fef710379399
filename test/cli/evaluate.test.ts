/**
 * The evaluation on real Pythia 8 events (the generated test files): truth clustering must score perfectly,
 * and the Durham scores must equal an independent computation from FastJet's jets.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { evaluationJson, evaluationTable } from '../../src/cli/evaluate-report.js';
import { runEvaluation } from '../../src/cli/evaluate-run.js';
import { readEventsFromFile } from '../../src/io/node.js';
import { particlesFromArray } from '../../src/particles/index.js';
import type { JetEvent } from '../../src/particles/index.js';
import { runFastJetDurham } from '../clustering/fastjet-reference.js';
import type { FastJetJet } from '../clustering/fastjet-reference.js';
import { generatedEventsPath } from '../support/generated-events.js';
import type { GeneratedProcess } from '../support/generated-events.js';

async function readGenerated(process: GeneratedProcess): Promise<JetEvent[]> {
  const events: JetEvent[] = [];
  for await (const event of readEventsFromFile(generatedEventsPath(process))) events.push(event);
  return events;
}

/** Lists the permutations of [0, n), for a brute-force matching independent of the Hungarian solver. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((rest) =>
    Array.from({ length: n }, (_, position) => [...rest.slice(0, position), n - 1, ...rest.slice(position)]),
  );
}

/** Misassigned energy fraction of FastJet's jets, with the best one-to-one matching found by enumeration. */
function referenceMisassigned(event: JetEvent, jets: readonly FastJetJet[], nTrue: number): number {
  const labels = event.particles.trueJet as Int32Array;
  const shared = jets.map(() => new Float64Array(nTrue));
  let labelled = 0;
  jets.forEach((jet, r) => {
    for (const i of jet.constituents) {
      const label = labels[i] as number;
      const row = shared[r] as Float64Array;
      if (label >= 0) row[label] = (row[label] as number) + (event.particles.e[i] as number);
    }
  });
  labels.forEach((label, i) => {
    if (label >= 0) labelled += event.particles.e[i] as number;
  });
  let best = 0;
  for (const permutation of permutations(nTrue)) {
    let matched = 0;
    permutation.forEach((t, r) => {
      if (r < jets.length) matched += (shared[r] as Float64Array)[t] as number;
    });
    best = Math.max(best, matched);
  }
  return 1 - best / labelled;
}

describe('runEvaluation on generated ZHH events', () => {
  let events: JetEvent[];
  beforeAll(async () => {
    events = await readGenerated('zhh');
  });

  it('scores truth clustering as perfect', async () => {
    const result = await runEvaluation(events, {
      nJets: 6,
      methods: ['truth'],
      detector: 'ild',
      refine: false,
      batchSize: 8,
    });
    const truth = result.summaries.truth;
    expect(truth?.events).toBe(events.length);
    expect(truth?.misassignedEnergyFraction).toBeCloseTo(0, 12);
    expect(truth?.fullyCorrectFraction).toBe(1);
    expect(truth?.dijetCategoryFractions?.A).toBe(1);
    expect(truth?.higgsMassRms90).toBeGreaterThan(0);
  });

  it('matches FastJet Durham with brute-force matching', async () => {
    const result = await runEvaluation(events, {
      nJets: 6,
      methods: ['durham'],
      detector: 'none',
      refine: false,
      batchSize: 8,
    });
    const fastjet = runFastJetDurham(
      events.map((event) => ({ particles: event.particles.toRows(), njets: [6] })),
    );
    const perEvent = result.perEvent.durham ?? [];
    expect(perEvent).toHaveLength(events.length);
    events.forEach((event, index) => {
      const jets = fastjet[index]?.exclusive[0]?.jets ?? [];
      const expected = referenceMisassigned(event, jets, event.partons.length);
      expect(perEvent[index]?.misassignedEnergyFraction, `event ${index}`).toBeCloseTo(expected, 9);
    });
    const durham = result.summaries.durham;
    expect(durham?.misassignedEnergyFraction).toBeGreaterThan(0);
    expect(durham?.fullyCorrectFraction).toBeLessThan(1);
  });

  it('reports the required JSON members', async () => {
    const result = await runEvaluation(events.slice(0, 6), {
      nJets: 6,
      methods: ['durham', 'truth'],
      detector: 'ild',
      refine: false,
      batchSize: 4,
    });
    const json = evaluationJson(result);
    for (const method of ['durham', 'truth']) {
      const member = json[method] as Record<string, unknown>;
      expect(typeof member.misassignedEnergyFraction).toBe('number');
      expect(typeof member.fullyCorrectFraction).toBe('number');
      expect(typeof member.higgsMassRms90).toBe('number');
      expect(member.eventsRead).toBe(6);
    }
    expect(evaluationTable(result)).toContain('misassigned energy fraction');
  });
});

describe('runEvaluation on other processes', () => {
  for (const [process, nJets, names] of [
    ['tt', 6, ['W', 't']],
    ['ww', 4, ['W']],
    ['zz', 4, ['Z']],
  ] as const) {
    it(`pairs ${process} jets into ${names.join(' and ')}`, async () => {
      const events = await readGenerated(process);
      const result = await runEvaluation(events, {
        nJets,
        methods: ['durham', 'truth'],
        detector: 'ild',
        refine: false,
        batchSize: 10,
      });
      const durham = result.summaries.durham;
      expect(durham?.pairedEvents).toBeGreaterThan(0);
      for (const name of names) expect(durham?.massRms90[name]).toBeGreaterThan(0);
      const fractions = Object.values(durham?.dijetCategoryFractions ?? {});
      expect(fractions.reduce((sum, fraction) => sum + fraction, 0)).toBeCloseTo(1, 12);
      expect(result.summaries.truth?.misassignedEnergyFraction).toBeCloseTo(0, 12);
    });
  }
});

describe('runEvaluation errors', () => {
  it('rejects colorize without a model', async () => {
    await expect(
      runEvaluation([], { nJets: 6, methods: ['colorize'], detector: 'none', refine: false, batchSize: 1 }),
    ).rejects.toThrow('runEvaluation: options.colorizer: required to evaluate the colorize method');
  });

  it('asks for --detector none without pdgId', async () => {
    const event: JetEvent = {
      particles: particlesFromArray(
        [
          [1, 0, 0, 1],
          [-1, 0, 0, 1],
        ],
        { trueJet: [0, 1] },
      ),
      partons: [],
      bosons: [],
    };
    await expect(
      runEvaluation([event], { nJets: 2, methods: ['durham'], detector: 'ild', refine: false, batchSize: 1 }),
    ).rejects.toThrow(
      'event 0 (counting from 0) has no charge and pdgId columns, which the detector response needs; pass --detector none',
    );
  });

  it('rejects events without labels', async () => {
    const events = await readGenerated('zh');
    const unlabelled = events
      .slice(0, 3)
      .map((event) => ({ ...event, particles: event.particles.select([0, 1, 2, 3, 4]) }));
    for (const event of unlabelled) Object.defineProperty(event.particles, 'trueJet', { value: undefined });
    await expect(
      runEvaluation(unlabelled, {
        nJets: 4,
        methods: ['durham'],
        detector: 'none',
        refine: false,
        batchSize: 2,
      }),
    ).rejects.toThrow('none of the 3 events could be evaluated (without labels: 3');
  });
});
