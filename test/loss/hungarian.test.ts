import { describe, expect, it } from 'vitest';

import { solveAssignment } from '../../src/loss/hungarian.js';
import { seededRandom } from '../support/synthetic-events.js';

function assignmentCost(cost: number[], columns: number, assignment: Int32Array): number {
  let sum = 0;
  assignment.forEach((column, row) => (sum += cost[row * columns + column] as number));
  return sum;
}

/** Minimum cost over every injective row → column map, by exhaustive search. */
function bruteForceMinimum(cost: number[], rows: number, columns: number): number {
  let best = Infinity;
  const used = new Array<boolean>(columns).fill(false);
  const search = (row: number, sum: number): void => {
    if (row === rows) {
      best = Math.min(best, sum);
      return;
    }
    for (let column = 0; column < columns; column++) {
      if (used[column]) continue;
      used[column] = true;
      search(row + 1, sum + (cost[row * columns + column] as number));
      used[column] = false;
    }
  };
  search(0, 0);
  return best;
}

describe('solveAssignment', () => {
  it('solves a known 3×3 matrix', () => {
    // The optimum 1 + 2 + 2 = 5 takes columns 1, 0, 2; the diagonal costs 4 + 0 + 2 = 6.
    const cost = [4, 1, 3, 2, 0, 5, 3, 2, 2];
    const assignment = solveAssignment(cost, 3, 3);
    expect(Array.from(assignment)).toEqual([1, 0, 2]);
    expect(assignmentCost(cost, 3, assignment)).toBe(5);
  });

  it('solves a rectangular 2×4 matrix', () => {
    const cost = [9, 9, 1, 9, 9, 9, 2, 0];
    expect(Array.from(solveAssignment(cost, 2, 4))).toEqual([2, 3]);
  });

  it('prefers the global optimum over greedy choices', () => {
    // Greedy takes (0, 0) = 1 then (1, 1) = 100; the optimum is (0, 1) + (1, 0) = 2 + 2.
    const cost = [1, 2, 2, 100];
    expect(Array.from(solveAssignment(cost, 2, 2))).toEqual([1, 0]);
  });

  it('matches exhaustive search on random matrices', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const columns = rows + Math.floor(random() * 3);
      const cost = Array.from({ length: rows * columns }, () => Math.round(random() * 20) - 5);
      const assignment = solveAssignment(cost, rows, columns);
      expect(new Set(assignment).size).toBe(rows);
      expect(assignmentCost(cost, columns, assignment)).toBe(bruteForceMinimum(cost, rows, columns));
    }
  });

  it('returns an empty assignment for zero rows', () => {
    expect(solveAssignment([], 0, 3)).toHaveLength(0);
  });

  it('rejects more rows than columns', () => {
    expect(() => solveAssignment([1, 2], 2, 1)).toThrow(
      'solveAssignment: rows, columns: expected integers with 0 ≤ rows ≤ columns but got 2, 1',
    );
  });

  it('rejects a cost matrix of the wrong size', () => {
    expect(() => solveAssignment([1, 2, 3], 2, 2)).toThrow('expected 2×2 = 4 entries but got 3');
  });

  it('rejects a non-finite cost', () => {
    expect(() => solveAssignment([1, NaN, 3, 4], 2, 2)).toThrow('entry 1 is NaN');
  });
});
