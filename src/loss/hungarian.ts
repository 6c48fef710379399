/**
 * The Hungarian algorithm (Kuhn–Munkres with row and column potentials, O(rows²·columns)) for the
 * rectangular assignment problem.
 */

/**
 * Assigns each row of a cost matrix to a distinct column so that the summed cost is minimal.
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
  for (let i = 0; i < cost.length; i++) {
    if (!Number.isFinite(cost[i])) {
      throw new RangeError(`solveAssignment: cost: expected finite entries but entry ${i} is ${cost[i]}`);
    }
  }

  // 1-based arrays: index 0 of `rowOfColumn` is a virtual column that the augmenting path starts from.
  const rowPotential = new Float64Array(rows + 1);
  const columnPotential = new Float64Array(columns + 1);
  const rowOfColumn = new Int32Array(columns + 1);
  const previousColumn = new Int32Array(columns + 1);
  const minSlack = new Float64Array(columns + 1);
  const visited = new Uint8Array(columns + 1);

  for (let row = 1; row <= rows; row++) {
    rowOfColumn[0] = row;
    let column0 = 0;
    minSlack.fill(Infinity);
    visited.fill(0);
    // Grow a tree of tight edges from `row` until it reaches a free column, then flip the path.
    do {
      visited[column0] = 1;
      const row0 = rowOfColumn[column0] as number;
      let delta = Infinity;
      let column1 = 0;
      for (let column = 1; column <= columns; column++) {
        if (visited[column]) continue;
        const reduced =
          (cost[(row0 - 1) * columns + column - 1] as number) -
          (rowPotential[row0] as number) -
          (columnPotential[column] as number);
        if (reduced < (minSlack[column] as number)) {
          minSlack[column] = reduced;
          previousColumn[column] = column0;
        }
        if ((minSlack[column] as number) < delta) {
          delta = minSlack[column] as number;
          column1 = column;
        }
      }
      for (let column = 0; column <= columns; column++) {
        if (visited[column]) {
          const r = rowOfColumn[column] as number;
          rowPotential[r] = (rowPotential[r] as number) + delta;
          columnPotential[column] = (columnPotential[column] as number) - delta;
        } else {
          minSlack[column] = (minSlack[column] as number) - delta;
        }
      }
      column0 = column1;
    } while (rowOfColumn[column0] !== 0);
    do {
      const column1 = previousColumn[column0] as number;
      rowOfColumn[column0] = rowOfColumn[column1] as number;
      column0 = column1;
    } while (column0 !== 0);
  }

  const assignment = new Int32Array(rows);
  for (let column = 1; column <= columns; column++) {
    const row = rowOfColumn[column] as number;
    if (row > 0) assignment[row - 1] = column - 1;
  }
  return assignment;
}
