/** Validation of particle columns, shared by every constructor of {@link Particles}. */

/**
 * Largest amount by which E may fall below |p| and still be accepted: a relative 1e-6 of |p| plus 1e-9 GeV.
 * Event files print momenta with finite precision, so a massless particle's E and |p| can differ in the last
 * digits; anything beyond this is an unphysical (space-like) four-momentum.
 */
export const MASS_SHELL_RELATIVE_TOLERANCE = 1e-6;
export const MASS_SHELL_ABSOLUTE_TOLERANCE = 1e-9;

interface Columns {
  px: unknown;
  py: unknown;
  pz: unknown;
  e: unknown;
  charge?: unknown;
  pdgId?: unknown;
  trueJet?: unknown;
}

/**
 * Checks particle columns: the four momentum columns are `Float64Array`s of one length, optional columns have
 * that length and the right type, every value is finite, E ≥ 0 and E ≥ |p| within the tolerance.
 *
 * @throws TypeError for a missing or mistyped column, a length mismatch or a non-finite value.
 * @throws RangeError for a negative energy or E below |p|.
 */
export function validateParticleArrays(columns: Columns): void {
  const { px, py, pz, e } = columns;
  const momentumColumns = { px, py, pz, E: e };
  for (const [name, column] of Object.entries(momentumColumns)) {
    if (!(column instanceof Float64Array)) {
      throw new TypeError(
        `Particles: expected column ${name} to be a Float64Array but got ${describeType(column)}`,
      );
    }
  }
  const x = px as Float64Array;
  const y = py as Float64Array;
  const z = pz as Float64Array;
  const energy = e as Float64Array;
  const n = energy.length;
  for (const [name, column] of Object.entries(momentumColumns)) {
    const length = (column as Float64Array).length;
    if (length !== n) {
      throw new TypeError(`Particles: expected column ${name} to have ${n} entries (as E) but got ${length}`);
    }
  }
  checkOptionalColumn('charge', columns.charge, Float64Array, n);
  checkOptionalColumn('pdgId', columns.pdgId, Int32Array, n);
  checkOptionalColumn('trueJet', columns.trueJet, Int32Array, n);

  for (let i = 0; i < n; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    const c = z[i] as number;
    const en = energy[i] as number;
    // One finiteness test for all four values on the hot path; the slow path names the field.
    if (!Number.isFinite(a + b + c + en)) checkFinite(i, a, b, c, en);
    if (en < 0) {
      throw new RangeError(`Particles: particle ${i}: E must be ≥ 0 GeV but is ${en}`);
    }
    const p = Math.sqrt(a * a + b * b + c * c);
    if (p - en > MASS_SHELL_RELATIVE_TOLERANCE * p + MASS_SHELL_ABSOLUTE_TOLERANCE) {
      throw new RangeError(
        `Particles: particle ${i}: E = ${en} GeV is below |p| = ${p} GeV (a space-like four-momentum)`,
      );
    }
  }
  if (columns.charge instanceof Float64Array) {
    const charge = columns.charge;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(charge[i])) {
        throw new TypeError(`Particles: particle ${i}: charge must be finite but is ${charge[i]}`);
      }
    }
  }
}

const FIELD_NAMES = ['px', 'py', 'pz', 'E'] as const;

/** Throws for the first non-finite value; returns when the sum only overflowed. */
function checkFinite(index: number, ...values: number[]): void {
  const k = values.findIndex((value) => !Number.isFinite(value));
  if (k < 0) return;
  throw new TypeError(`Particles: particle ${index}: ${FIELD_NAMES[k]} must be finite but is ${values[k]}`);
}

function checkOptionalColumn(
  name: string,
  column: unknown,
  expectedType: Float64ArrayConstructor | Int32ArrayConstructor,
  n: number,
): void {
  if (column === undefined) return;
  if (!(column instanceof expectedType)) {
    throw new TypeError(
      `Particles: expected column ${name} to be a ${expectedType.name} but got ${describeType(column)}`,
    );
  }
  if (column.length !== n) {
    throw new TypeError(
      `Particles: expected column ${name} to have ${n} entries (as E) but got ${column.length}`,
    );
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
