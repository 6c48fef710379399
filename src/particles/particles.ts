/**
 * The particle container used by every module: one event's particles as a structure of arrays.
 *
 * Particle i has the four-momentum (px[i], py[i], pz[i], e[i]) in GeV. The optional arrays, when present,
 * have the same length. `charge` is in units of e and `pdgId` is the PDG Monte Carlo code. `trueJet` is the
 * index of the primary quark whose jet the particle belongs to, or −1 for a particle from no primary quark
 * (an ISR photon, for example).
 */

import { validateParticleArrays } from './validate.js';

/** Fields of {@link Particles} other than the four-momentum arrays. */
export interface ParticleExtras {
  /** Electric charge in units of e, one entry per particle. */
  charge?: Float64Array;
  /** PDG Monte Carlo particle code, one entry per particle. */
  pdgId?: Int32Array;
  /** True-jet label: index of the primary quark, or −1 for none. */
  trueJet?: Int32Array;
}

/** The columns of an event's particles. Construct with {@link Particles.from} or {@link particlesFromArray}. */
export class Particles {
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  readonly e: Float64Array;
  readonly charge: Float64Array | undefined;
  readonly pdgId: Int32Array | undefined;
  readonly trueJet: Int32Array | undefined;

  private constructor(
    px: Float64Array,
    py: Float64Array,
    pz: Float64Array,
    e: Float64Array,
    extras: ParticleExtras,
  ) {
    this.px = px;
    this.py = py;
    this.pz = pz;
    this.e = e;
    this.charge = extras.charge;
    this.pdgId = extras.pdgId;
    this.trueJet = extras.trueJet;
  }

  /** Number of particles. */
  get length(): number {
    return this.e.length;
  }

  /**
   * Builds a container from columns after validating them (see {@link validateParticleArrays}). The arrays are
   * kept, not copied.
   *
   * @throws TypeError when a column is missing, of the wrong type or of the wrong length, or a value is not
   *   finite.
   * @throws RangeError when an energy is negative or below |p| beyond the tolerance.
   */
  static from(
    columns: {
      px: Float64Array;
      py: Float64Array;
      pz: Float64Array;
      e: Float64Array;
    } & ParticleExtras,
  ): Particles {
    validateParticleArrays(columns);
    return new Particles(columns.px, columns.py, columns.pz, columns.e, columns);
  }

  /** Returns a new container with the particles at `indices`, in that order, and every optional column. */
  select(indices: ArrayLike<number>): Particles {
    const n = indices.length;
    const pick = <T extends Float64Array | Int32Array>(source: T, target: T): T => {
      for (let k = 0; k < n; k++) target[k] = source[indices[k] as number] as number;
      return target;
    };
    return new Particles(
      pick(this.px, new Float64Array(n)),
      pick(this.py, new Float64Array(n)),
      pick(this.pz, new Float64Array(n)),
      pick(this.e, new Float64Array(n)),
      {
        charge: this.charge && pick(this.charge, new Float64Array(n)),
        pdgId: this.pdgId && pick(this.pdgId, new Int32Array(n)),
        trueJet: this.trueJet && pick(this.trueJet, new Int32Array(n)),
      },
    );
  }

  /** Sum of the particle energies in GeV. */
  totalEnergy(): number {
    let sum = 0;
    for (let i = 0; i < this.e.length; i++) sum += this.e[i] as number;
    return sum;
  }

  /** Returns the particles as rows [px, py, pz, E] in GeV. */
  toRows(): [number, number, number, number][] {
    const rows: [number, number, number, number][] = [];
    for (let i = 0; i < this.length; i++) {
      rows.push([this.px[i] as number, this.py[i] as number, this.pz[i] as number, this.e[i] as number]);
    }
    return rows;
  }
}

/**
 * Builds a {@link Particles} container from rows [px, py, pz, E] in GeV, with optional extra columns.
 *
 * @example
 * const particles = particlesFromArray([[0, 0, 45.6, 45.6], [0, 0, -45.6, 45.6]]);
 * @throws TypeError when `rows` is not an array of four-number rows or a value is not finite.
 * @throws RangeError when an energy is negative or below |p| beyond the tolerance.
 */
export function particlesFromArray(
  rows: ReadonlyArray<ReadonlyArray<number>>,
  extras: { charge?: ArrayLike<number>; pdgId?: ArrayLike<number>; trueJet?: ArrayLike<number> } = {},
): Particles {
  if (!Array.isArray(rows)) {
    throw new TypeError(
      `particlesFromArray: expected an array of [px, py, pz, E] rows but got ${typeof rows}`,
    );
  }
  const n = rows.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pz = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== 4) {
      throw new TypeError(
        `particlesFromArray: particle ${i}: expected a row [px, py, pz, E] of 4 numbers but got ${JSON.stringify(row)}`,
      );
    }
    for (let k = 0; k < 4; k++) {
      if (typeof row[k] !== 'number') {
        throw new TypeError(
          `particlesFromArray: particle ${i}: expected ${FIELD_NAMES[k]} to be a number but got ${JSON.stringify(row[k])}`,
        );
      }
    }
    px[i] = row[0];
    py[i] = row[1];
    pz[i] = row[2];
    e[i] = row[3];
  }
  return Particles.from({
    px,
    py,
    pz,
    e,
    charge: extras.charge === undefined ? undefined : Float64Array.from(extras.charge),
    pdgId: extras.pdgId === undefined ? undefined : Int32Array.from(extras.pdgId),
    trueJet: extras.trueJet === undefined ? undefined : Int32Array.from(extras.trueJet),
  });
}

const FIELD_NAMES = ['px', 'py', 'pz', 'E'] as const;
