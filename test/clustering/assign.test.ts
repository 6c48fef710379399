import { describe, expect, it } from 'vitest';

import { assignMinijets } from '../../src/clustering/assign.js';
import type { Jet } from '../../src/clustering/cluster-sequence.js';

/** Builds a massless minijet of energy `e` along the unit direction (x, y, z), made of the given particles. */
function minijet(e: number, direction: [number, number, number], constituents: number[]): Jet {
  const [x, y, z] = direction;
  const norm = Math.hypot(x, y, z);
  return {
    px: (e * x) / norm,
    py: (e * y) / norm,
    pz: (e * z) / norm,
    e,
    constituents: Int32Array.from(constituents),
  };
}

/** Energy-weighted log-likelihood Σ_m E_m log P(m, channel(m)) of an assignment. */
function logLikelihood(
  minijets: Jet[],
  probabilities: Float64Array,
  channel: ArrayLike<number>,
  nJets: number,
): number {
  let sum = 0;
  minijets.forEach((m, index) => {
    sum +=
      m.e * Math.log(Math.max(probabilities[index * nJets + (channel[index] as number)] as number, 1e-12));
  });
  return sum;
}

/** Best log-likelihood over all assignments with every jet non-empty, by enumeration. */
function bestLogLikelihood(minijets: Jet[], probabilities: Float64Array, nJets: number): number {
  let best = -Infinity;
  const channel = new Array<number>(minijets.length).fill(0);
  const visit = (m: number): void => {
    if (m === minijets.length) {
      if (new Set(channel).size === nJets)
        best = Math.max(best, logLikelihood(minijets, probabilities, channel, nJets));
      return;
    }
    for (let k = 0; k < nJets; k++) {
      channel[m] = k;
      visit(m + 1);
    }
  };
  visit(0);
  return best;
}

describe('assignMinijets', () => {
  it('gives each minijet its most probable jet', () => {
    // Particles 0–3, one per minijet; particle probabilities over 2 channels.
    const minijets = [
      minijet(40, [1, 0, 0], [0]),
      minijet(30, [-1, 0, 0], [1]),
      minijet(5, [1, 1, 0], [2]),
      minijet(3, [-1, 1, 0], [3]),
    ];
    const result = assignMinijets({
      minijets,
      energies: [40, 30, 5, 3],
      particleProbabilities: [0.9, 0.1, 0.2, 0.8, 0.7, 0.3, 0.4, 0.6],
      channels: 2,
      nJets: 2,
    });
    expect(Array.from(result.particleJet)).toEqual([0, 1, 0, 1]);
    expect(result.jets[0]?.e).toBe(45);
    expect(result.jets[1]?.e).toBe(33);
    expect(Array.from(result.jets[0]?.constituents ?? [])).toEqual([0, 2]);
    expect(Array.from(result.jetChannel)).toEqual([0, 1]);
  });

  it('sorts jets by decreasing energy', () => {
    const minijets = [minijet(10, [1, 0, 0], [0]), minijet(50, [-1, 0, 0], [1])];
    const result = assignMinijets({
      minijets,
      energies: [10, 50],
      particleProbabilities: [1, 0, 0, 1],
      channels: 2,
      nJets: 2,
    });
    expect(Array.from(result.jetChannel)).toEqual([1, 0]);
    expect(Array.from(result.particleJet)).toEqual([1, 0]);
    expect(Array.from(result.minijetJet)).toEqual([1, 0]);
  });

  it('weights particle probabilities by energy', () => {
    // One minijet of a 30 GeV particle preferring channel 1 and a 10 GeV particle preferring channel 0.
    const minijets = [minijet(40, [0, 0, 1], [0, 1]), minijet(1, [0, 0, -1], [2])];
    const result = assignMinijets({
      minijets,
      energies: [30, 10, 1],
      particleProbabilities: [0.2, 0.8, 1, 0, 0.5, 0.5],
      channels: 2,
      nJets: 2,
    });
    expect(result.minijetProbabilities[0]).toBeCloseTo(0.4, 12);
    expect(result.minijetProbabilities[1]).toBeCloseTo(0.6, 12);
  });

  it('fills an empty jet with the cheapest minijet', () => {
    // Every minijet prefers channel 0. Moving costs E·ln(p0/p1): 21.97 for the first, 1.39 for the second,
    // 2.03 for the third, so the second moves.
    const minijets = [minijet(10, [1, 0, 0], [0]), minijet(1, [0, 1, 0], [1]), minijet(5, [0, 0, 1], [2])];
    const result = assignMinijets({
      minijets,
      energies: [10, 1, 5],
      particleProbabilities: [0.9, 0.1, 0.8, 0.2, 0.6, 0.4],
      channels: 2,
      nJets: 2,
    });
    expect(result.jetChannel[result.particleJet[1] as number]).toBe(1);
    expect(result.jetChannel[result.particleJet[0] as number]).toBe(0);
    expect(result.jetChannel[result.particleJet[2] as number]).toBe(0);
  });

  it('ignores channels past nJets', () => {
    // A third "no jet" channel dominates but is dropped before renormalising.
    const minijets = [minijet(10, [1, 0, 0], [0]), minijet(10, [-1, 0, 0], [1])];
    const result = assignMinijets({
      minijets,
      energies: [10, 10],
      particleProbabilities: [0.3, 0.1, 0.6, 0.1, 0.3, 0.6],
      channels: 3,
      nJets: 2,
    });
    [0.75, 0.25, 0.25, 0.75].forEach((expected, k) => {
      expect(result.minijetProbabilities[k]).toBeCloseTo(expected, 12);
    });
    expect(result.jetChannel[result.particleJet[0] as number]).toBe(0);
    expect(result.jetChannel[result.particleJet[1] as number]).toBe(1);
  });

  it('attaches an uninformed minijet by angle', () => {
    // Particle 2 lies outside the image (zero probabilities), and its minijet points near the channel-1 jet.
    const minijets = [
      minijet(20, [1, 0, 0], [0]),
      minijet(20, [-1, 0, 0], [1]),
      minijet(2, [-1, 0.1, 0.1], [2]),
    ];
    const result = assignMinijets({
      minijets,
      energies: [20, 20, 2],
      particleProbabilities: [0.9, 0.1, 0.1, 0.9, 0, 0],
      channels: 2,
      nJets: 2,
    });
    expect(Number.isNaN(result.minijetProbabilities[4])).toBe(true);
    expect(result.particleJet[2]).toBe(result.particleJet[1]);
  });

  it('reaches the constrained optimum on random events', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 40; trial++) {
      const nJets = 2 + (trial % 3);
      const nMinijets = nJets + 1 + (trial % 3);
      const minijets = Array.from({ length: nMinijets }, (_, m) =>
        minijet(1 + 50 * random(), [random() - 0.5, random() - 0.5, random() - 0.5], [m]),
      );
      const particleProbabilities = Array.from({ length: nMinijets * nJets }, () => random() ** 3);
      const result = assignMinijets({
        minijets,
        energies: minijets.map((m) => m.e),
        particleProbabilities,
        channels: nJets,
        nJets,
      });
      const channel = Array.from(result.minijetJet, (j) => result.jetChannel[j] as number);
      expect(new Set(result.particleJet).size).toBe(nJets);
      expect(result.jets.every((jet) => jet.constituents.length > 0)).toBe(true);
      expect(logLikelihood(minijets, result.minijetProbabilities, channel, nJets)).toBeCloseTo(
        bestLogLikelihood(minijets, result.minijetProbabilities, nJets),
        9,
      );
    }
  });

  it('refines by the axis region', () => {
    // Minijet 1 averages towards channel 0 but its axis lies where heat map 1 is largest.
    const minijets = [minijet(30, [1, 0, 0], [0]), minijet(8, [0, 1, 0], [1]), minijet(30, [-1, 0, 0], [2])];
    const input = {
      minijets,
      energies: [30, 8, 30],
      particleProbabilities: [0.9, 0.1, 0.6, 0.4, 0.1, 0.9],
      channels: 2,
      nJets: 2,
      minijetAxisProbabilities: [0.9, 0.1, 0.3, 0.7, 0.1, 0.9],
    };
    const plain = assignMinijets(input);
    const refined = assignMinijets(input, { refine: true });
    expect(plain.jetChannel[plain.particleJet[1] as number]).toBe(0);
    expect(refined.jetChannel[refined.particleJet[1] as number]).toBe(1);
  });

  it('keeps jets non-empty when refining', () => {
    // Both axes lie in channel 0's region; moving minijet 1 would empty channel 1.
    const minijets = [minijet(30, [1, 0, 0], [0]), minijet(30, [-1, 0, 0], [1])];
    const result = assignMinijets(
      {
        minijets,
        energies: [30, 30],
        particleProbabilities: [0.9, 0.1, 0.1, 0.9],
        channels: 2,
        nJets: 2,
        minijetAxisProbabilities: [0.9, 0.1, 0.9, 0.1],
      },
      { refine: true },
    );
    expect(new Set(result.particleJet).size).toBe(2);
  });

  it('rejects more jets than minijets', () => {
    expect(() =>
      assignMinijets({
        minijets: [minijet(1, [1, 0, 0], [0])],
        energies: [1],
        particleProbabilities: [1, 0],
        channels: 2,
        nJets: 2,
      }),
    ).toThrow('assignMinijets: nJets: expected at most 1 (the number of minijets) but got 2');
  });

  it('rejects probabilities of the wrong length', () => {
    expect(() =>
      assignMinijets({
        minijets: [minijet(1, [1, 0, 0], [0])],
        energies: [1],
        particleProbabilities: [1, 0, 0],
        channels: 2,
        nJets: 1,
      }),
    ).toThrow('expected 1 particles × 2 channels = 2 entries but got 3');
  });

  it('rejects refinement without axis probabilities', () => {
    expect(() =>
      assignMinijets(
        {
          minijets: [minijet(1, [1, 0, 0], [0])],
          energies: [1],
          particleProbabilities: [1],
          channels: 1,
          nJets: 1,
        },
        { refine: true },
      ),
    ).toThrow('assignMinijets: minijetAxisProbabilities: required when options.refine is true');
  });

  it('rejects minijets that miss a particle', () => {
    expect(() =>
      assignMinijets({
        minijets: [minijet(1, [1, 0, 0], [0])],
        energies: [1, 2],
        particleProbabilities: [1, 1],
        channels: 1,
        nJets: 1,
      }),
    ).toThrow('minijetOfParticle: particle 1 is in no minijet');
  });
});
