import { describe, expect, it } from 'vitest';

import { maximumWeightAssignment } from '../../src/particles/index.js';

/** Best summed weight over every injective map of the smaller side, by enumeration. */
function bruteForceBest(weights: number[], rows: number, columns: number): number {
  let best = -Infinity;
  const used = new Array<boolean>(columns).fill(false);
  const visit = (row: number, sum: number, skipped: number): void => {
    if (row === rows) {
      best = Math.max(best, sum);
      return;
    }
    for (let j = 0; j < columns; j++) {
      if (used[j]) continue;
      used[j] = true;
      visit(row + 1, sum + (weights[row * columns + j] as number), skipped);
      used[j] = false;
    }
    // With more rows than columns, some rows stay unassigned.
    if (skipped < rows - columns) visit(row + 1, sum, skipped + 1);
  };
  visit(0, 0, 0);
  return best;
}

function summedWeight(assignment: Int32Array, weights: number[], columns: number): number {
  let sum = 0;
  assignment.forEach((column, row) => {
    if (column >= 0) sum += weights[row * columns + column] as number;
  });
  return sum;
}

describe('maximumWeightAssignment', () => {
  it('finds the known optimum of a 3 × 3 matrix', () => {
    // Greedy row by row takes 9 + 1 + 5 = 15; the optimum is 8 + 8 + 5 = 21.
    const weights = [9, 8, 0, 8, 1, 0, 0, 0, 5];
    const assignment = maximumWeightAssignment(weights, 3, 3);
    expect(Array.from(assignment)).toEqual([1, 0, 2]);
    expect(summedWeight(assignment, weights, 3)).toBe(21);
  });

  for (const [rows, columns] of [
    [4, 4],
    [3, 6],
    [6, 3],
    [5, 5],
  ] as const) {
    it(`matches enumeration on random ${rows} × ${columns}`, () => {
      let seed = rows * 31 + columns;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      for (let trial = 0; trial < 50; trial++) {
        const weights = Array.from({ length: rows * columns }, () => Math.round(random() * 100) - 20);
        const assignment = maximumWeightAssignment(weights, rows, columns);
        const assigned = Array.from(assignment).filter((column) => column >= 0);
        expect(assigned.length).toBe(Math.min(rows, columns));
        expect(new Set(assigned).size).toBe(assigned.length);
        expect(summedWeight(assignment, weights, columns)).toBeCloseTo(
          bruteForceBest(weights, rows, columns),
          9,
        );
      }
    });
  }

  it('returns −1 rows for an empty matrix side', () => {
    expect(Array.from(maximumWeightAssignment([], 2, 0))).toEqual([-1, -1]);
  });

  it('rejects a size mismatch', () => {
    expect(() => maximumWeightAssignment([1, 2, 3], 2, 2)).toThrow(
      'maximumWeightAssignment: weights: expected 2 × 2 = 4 entries but got 3',
    );
  });

  it('rejects a non-finite weight', () => {
    expect(() => maximumWeightAssignment([1, NaN], 1, 2)).toThrow('entry 1 is NaN');
  });
});
