import { describe, expect, it } from 'vitest';

import {
  PAIRING_HYPOTHESES,
  classifyDijet,
  computeRms90,
  pairJets,
  parseProcessName,
} from '../../src/metrics/index.js';
import type { JetQuality } from '../../src/metrics/index.js';
import type { FourMomentum } from '../../src/particles/index.js';

/** Two massless jets of a resonance of mass `mass` at rest, back to back along `axis` (0 = x, 1 = y, 2 = z). */
function decayAtRest(mass: number, axis: 0 | 1 | 2): [FourMomentum, FourMomentum] {
  const p = [0, 0, 0];
  p[axis] = mass / 2;
  const [px, py, pz] = p as [number, number, number];
  return [
    { px, py, pz, e: mass / 2 },
    { px: -px, py: -py, pz: -pz, e: mass / 2 },
  ];
}

/**
 * Jets [W jet, W jet, b jet] of a top quark at rest: the W recoils against a massless b jet along `along` and
 * decays to two massless jets perpendicular to its motion.
 */
function topAtRest(top: number, w: number, along: 'z' | 'x'): FourMomentum[] {
  const p = (top * top - w * w) / (2 * top);
  const eW = Math.hypot(p, w);
  if (along === 'z') {
    return [
      { px: w / 2, py: 0, pz: p / 2, e: eW / 2 },
      { px: -w / 2, py: 0, pz: p / 2, e: eW / 2 },
      { px: 0, py: 0, pz: -p, e: p },
    ];
  }
  return [
    { px: p / 2, py: w / 2, pz: 0, e: eW / 2 },
    { px: p / 2, py: -w / 2, pz: 0, e: eW / 2 },
    { px: -p, py: 0, pz: 0, e: p },
  ];
}

describe('pairJets', () => {
  const { zhh, ww, tt } = PAIRING_HYPOTHESES;

  it('recovers the Z and Higgs pairs of ZHH at rest', () => {
    const jets = [
      ...decayAtRest(zhh.resonances[0]!.mass, 0),
      ...decayAtRest(125.2, 1),
      ...decayAtRest(125.2, 2),
    ];
    const pairing = pairJets(jets, zhh);
    expect(pairing.chi2).toBeCloseTo(0, 9);
    expect(pairing.resonances.map((resonance) => resonance.name)).toEqual(['Z', 'H', 'H']);
    expect(pairing.resonances[0]?.jets).toEqual([0, 1]);
    const higgsPairs = pairing.resonances.slice(1).map((resonance) => resonance.jets.join(','));
    expect(higgsPairs.sort()).toEqual(['2,3', '4,5']);
  });

  it('reports the group masses', () => {
    const jets = [...decayAtRest(91.188, 0), ...decayAtRest(120, 1), ...decayAtRest(130, 2)];
    const pairing = pairJets(jets, zhh);
    const masses = pairing.resonances.map((resonance) => resonance.mass).sort((a, b) => a - b);
    expect(masses[0]).toBeCloseTo(91.188, 9);
    expect(masses[1]).toBeCloseTo(120, 9);
    expect(masses[2]).toBeCloseTo(130, 9);
    expect(pairing.chi2).toBeCloseTo((5.2 / 7) ** 2 + (4.8 / 7) ** 2, 9);
  });

  it('pairs interleaved WW jets', () => {
    const [a, b] = decayAtRest(80.369, 0);
    const [c, d] = decayAtRest(80.369, 1);
    const pairing = pairJets([a, c, b, d] as FourMomentum[], ww);
    const pairs = pairing.resonances.map((resonance) => resonance.jets.join(','));
    expect(pairs.sort()).toEqual(['0,2', '1,3']);
  });

  it('finds both tops and their W pairs', () => {
    const jets = [...topAtRest(172.57, 80.369, 'z'), ...topAtRest(172.57, 80.369, 'x')];
    const pairing = pairJets(jets, tt);
    expect(pairing.chi2).toBeCloseTo(0, 9);
    const groups = pairing.resonances.map((resonance) => resonance.jets.join(','));
    expect(groups.sort()).toEqual(['0,1,2', '3,4,5']);
    const wPairs = pairing.resonances.map((resonance) => resonance.dijet?.jets.join(','));
    expect(wPairs.sort()).toEqual(['0,1', '3,4']);
    expect(pairing.resonances[0]?.dijet?.mass).toBeCloseTo(80.369, 9);
  });

  it('rejects a wrong jet count', () => {
    expect(() => pairJets(decayAtRest(91, 0), zhh)).toThrow(
      'pairJets: jets: expected 6 jets for zhh but got 2',
    );
  });
});

describe('parseProcessName', () => {
  for (const [name, expected] of [
    ['ZHH', 'zhh'],
    ['e+e- -> ZH', 'zh'],
    ['ttbar', 'tt'],
    ['tt̄', 'tt'],
    ['WW', 'ww'],
    ['qq', undefined],
    [undefined, undefined],
  ] as const) {
    it(`maps ${String(name)} to ${String(expected)}`, () => {
      expect(parseProcessName(name)).toBe(expected);
    });
  }
});

describe('computeRms90', () => {
  it('takes the first of two equally narrow windows', () => {
    const result = computeRms90([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(result.count).toBe(9);
    expect(result.low).toBe(1);
    expect(result.high).toBe(9);
    expect(result.mean90).toBe(5);
    expect(result.rms90).toBeCloseTo(Math.sqrt(60 / 9), 12);
  });

  it('ignores tails outside 90 %', () => {
    const core = Array.from({ length: 18 }, (_, k) => 125 + (k % 2 === 0 ? 1 : -1));
    const result = computeRms90([...core, 40, 300]);
    expect(result.rms90).toBeCloseTo(1, 12);
    expect(result.mean90).toBeCloseTo(125, 12);
  });

  it('gives zero for a single value', () => {
    expect(computeRms90([3]).rms90).toBe(0);
  });

  it('rejects an empty list', () => {
    expect(() => computeRms90([])).toThrow('computeRms90: values: expected at least one value but got none');
  });

  it('rejects NaN', () => {
    expect(() => computeRms90([1, NaN])).toThrow('entry 1 is NaN');
  });
});

describe('classifyDijet', () => {
  const jet = (purity: number, efficiency: number): JetQuality => ({
    partner: 0,
    energy: 1,
    sharedEnergy: 1,
    purity,
    efficiency,
  });

  for (const [first, second, expected] of [
    [jet(1, 1), jet(0.95, 0.95), 'A'],
    [jet(0.9, 1), jet(1, 0.99), 'B'],
    [jet(1, 0.9), jet(1, 1), 'C'],
    [jet(0.9, 1), jet(1, 0.9), 'D'],
    [jet(0.5, 0.5), jet(1, 1), 'D'],
  ] as const) {
    it(`puts purity ${first.purity}/${second.purity}, efficiency ${first.efficiency}/${second.efficiency} in ${expected}`, () => {
      expect(classifyDijet(first, second)).toBe(expected);
    });
  }
});
