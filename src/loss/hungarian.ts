/** Minimum-cost assignment, the form the loss's label-to-channel matching needs, on the shared solver. */

import { maximumWeightAssignment } from '../particles/index.js';

/**
 * Assigns each row of a cost matrix to a distinct column so that the summed cost is minimal (the Hungarian
 * algorithm of `maximumWeightAssignment`, run on the negated costs).
 *
 * @param cost row-major rows × columns matrix of finite costs.
 * @param rows number of rows; must not exceed `columns`.
 * @param columns number of columns.
 * @returns for each row, the column assigned to it.
 * @throws RangeError when rows > columns, the matrix size is wrong or a cost is not finite.
 */
export function solveAssignment(cost: ArrayLike<number>, rows: number, columns: number): Int32Array {
  if (!Number.isInteger(rows) || !Number.isInteger(columns) || rows < 0 || rows > columns) {
    throw new RangeError(
      `solveAssignment: rows, columns: expected integers with 0 ≤ rows ≤ columns but got ${rows}, ${columns}`,
    );
  }
  if (cost.length !== rows * columns) {
    throw new RangeError(
      `solveAssignment: cost: expected ${rows}×${columns} = ${rows * columns} entries but got ${cost.length}`,
    );
  }
  const weights = new Float64Array(cost.length);
  for (let i = 0; i < cost.length; i++) {
    if (!Number.isFinite(cost[i])) {
      throw new RangeError(`solveAssignment: cost: expected finite entries but entry ${i} is ${cost[i]}`);
    }
    weights[i] = -(cost[i] as number);
  }
  return maximumWeightAssignment(weights, rows, columns);
}
