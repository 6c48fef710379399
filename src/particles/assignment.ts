/**
 * Maximum-weight one-to-one assignment on a dense matrix: the Hungarian (Kuhn–Munkres) algorithm with row and
 * column potentials, O(n²·m) for n ≤ m. Minijet-to-jet assignment, jet matching and the loss's label-to-channel
 * matching all use it.
 */

/**
 * Finds the one-to-one assignment of rows to columns that maximizes the summed weight.
 *
 * With rows ≤ columns every row gets a distinct column; with rows > columns every column gets a distinct row
 * and the remaining rows get −1. Ties are broken towards lower indices, so the result is deterministic.
 *
 * @param weights row-major `rows × columns` matrix of finite weights.
 * @returns the column of each row, or −1 for an unassigned row.
 * @throws RangeError when the sizes do not match `weights.length` or a weight is not finite.
 */
export function maximumWeightAssignment(
  weights: ArrayLike<number>,
  rows: number,
  columns: number,
): Int32Array {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(columns) || columns < 0) {
    throw new RangeError(
      `maximumWeightAssignment: rows, columns: expected non-negative integers but got ${rows}, ${columns}`,
    );
  }
  if (weights.length !== rows * columns) {
    throw new RangeError(
      `maximumWeightAssignment: weights: expected ${rows} × ${columns} = ${rows * columns} entries but got ${weights.length}`,
    );
  }
  for (let k = 0; k < weights.length; k++) {
    if (!Number.isFinite(weights[k])) {
      throw new RangeError(
        `maximumWeightAssignment: weights: expected finite values but entry ${k} is ${weights[k]}`,
      );
    }
  }
  const rowToColumn = new Int32Array(rows).fill(-1);
  if (rows === 0 || columns === 0) return rowToColumn;

  if (rows <= columns) {
    const assignment = minimumCostAssignment((i, j) => -(weights[i * columns + j] as number), rows, columns);
    rowToColumn.set(assignment);
    return rowToColumn;
  }
  const columnToRow = minimumCostAssignment((j, i) => -(weights[i * columns + j] as number), columns, rows);
  for (let j = 0; j < columns; j++) rowToColumn[columnToRow[j] as number] = j;
  return rowToColumn;
}

/**
 * Hungarian algorithm for n ≤ m: assigns every one of n rows a distinct column out of m, minimizing the summed
 * cost. Indices inside are 1-based, with row and column 0 as the algorithm's virtual start.
 */
function minimumCostAssignment(
  cost: (row: number, column: number) => number,
  n: number,
  m: number,
): Int32Array {
  const rowPotential = new Float64Array(n + 1);
  const columnPotential = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1);
  const previousColumn = new Int32Array(m + 1);
  const minSlack = new Float64Array(m + 1);
  const visited = new Uint8Array(m + 1);

  for (let row = 1; row <= n; row++) {
    rowOfColumn[0] = row;
    let column = 0;
    minSlack.fill(Infinity);
    visited.fill(0);
    // Grow an alternating tree from the new row until it reaches a free column.
    do {
      visited[column] = 1;
      const treeRow = rowOfColumn[column] as number;
      let delta = Infinity;
      let nextColumn = 0;
      for (let j = 1; j <= m; j++) {
        if (visited[j]) continue;
        const slack =
          cost(treeRow - 1, j - 1) - (rowPotential[treeRow] as number) - (columnPotential[j] as number);
        if (slack < (minSlack[j] as number)) {
          minSlack[j] = slack;
          previousColumn[j] = column;
        }
        if ((minSlack[j] as number) < delta) {
          delta = minSlack[j] as number;
          nextColumn = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (visited[j]) {
          const r = rowOfColumn[j] as number;
          rowPotential[r] = (rowPotential[r] as number) + delta;
          columnPotential[j] = (columnPotential[j] as number) - delta;
        } else {
          minSlack[j] = (minSlack[j] as number) - delta;
        }
      }
      column = nextColumn;
    } while (rowOfColumn[column] !== 0);
    // Flip the augmenting path back to the start.
    do {
      const previous = previousColumn[column] as number;
      rowOfColumn[column] = rowOfColumn[previous] as number;
      column = previous;
    } while (column !== 0);
  }

  const columnOfRow = new Int32Array(n);
  for (let j = 1; j <= m; j++) {
    const row = rowOfColumn[j] as number;
    if (row > 0) columnOfRow[row - 1] = j - 1;
  }
  return columnOfRow;
}
