/**
 * Conversion of a raw HepMC3 event into the library's event: final-state particles with truth labels, the
 * primary quarks and their bosons from the attributes that tools/eventgen writes (docs/truth-labels.md),
 * and, on request, the full record with its vertices.
 */

import {
  MASS_SHELL_ABSOLUTE_TOLERANCE,
  MASS_SHELL_RELATIVE_TOLERANCE,
  Particles,
} from '../particles/index.js';
import type { Boson, JetEvent, Parton } from '../particles/index.js';
import { HepMC3ParseError } from './hepmc3-error.js';
import type { HepMC3Attribute, HepMC3RawEvent } from './hepmc3-fields.js';
import { chargeFromPdgId } from './hepmc3-pdg.js';
import { buildRecord } from './hepmc3-record.js';
import type { HepMC3Record } from './hepmc3-record.js';

/** Particle attribute holding the true-jet label (index into the event's partons, or −1). */
export const TRUE_JET_ATTRIBUTE = 'true_jet';

/** An event read from a HepMC3 file. Momenta are converted to GeV whatever the file's unit. */
export interface HepMC3Event extends JetEvent {
  eventNumber: number;
  /** Event weights from the W line (empty when the event has none). */
  weights: number[];
  /** Cross section and its error in pb, from the GenCrossSection attribute, when present. */
  crossSection?: { value: number; error: number };
  /** Event-level attributes (id 0) as the raw strings of the file. */
  attributes: ReadonlyMap<string, string>;
  /** The whole record with vertices; present only when reading with `fullRecord: true`. */
  record?: HepMC3Record;
}

/** Converts a raw event; `source` names the input in error messages. */
export function toHepMC3Event(raw: HepMC3RawEvent, source: string, fullRecord: boolean): HepMC3Event {
  const scale = raw.momentumUnit === 'MEV' ? 1e-3 : 1;
  const fail = (line: number, detail: string): HepMC3ParseError =>
    new HepMC3ParseError(source, line, raw.eventNumber, detail);

  const eventAttributes = new Map<string, HepMC3Attribute>();
  const labelAttributes = new Map<number, HepMC3Attribute>();
  for (const attribute of raw.attributes) {
    if (attribute.id === 0) eventAttributes.set(attribute.name, attribute);
    else if (attribute.name === TRUE_JET_ATTRIBUTE) labelAttributes.set(attribute.id, attribute);
  }

  const { partons, bosons } = readTruth(eventAttributes, scale, fail);
  const particles = finalStateParticles(raw, scale, labelAttributes, partons.length, fail);

  const event: HepMC3Event = {
    particles,
    partons,
    bosons,
    eventNumber: raw.eventNumber,
    weights: raw.weights,
    attributes: new Map([...eventAttributes].map(([name, attribute]) => [name, attribute.value])),
  };
  const process = eventAttributes.get('process');
  if (process !== undefined) event.process = process.value;
  const sqrtSAttribute = eventAttributes.get('sqrt_s');
  const sqrtS = sqrtSAttribute === undefined ? beamMass(raw, scale) : parseNumbers(sqrtSAttribute, fail)[0];
  if (sqrtS !== undefined) event.sqrtS = sqrtS;
  const crossSection = eventAttributes.get('GenCrossSection');
  if (crossSection !== undefined) {
    const [value, error] = parseNumbers(crossSection, fail);
    if (value !== undefined && error !== undefined) event.crossSection = { value, error };
  }
  if (fullRecord) event.record = buildRecord(raw, scale, source);
  return event;
}

function finalStateParticles(
  raw: HepMC3RawEvent,
  scale: number,
  labels: Map<number, HepMC3Attribute>,
  partonCount: number,
  fail: (line: number, detail: string) => HepMC3ParseError,
): Particles {
  const indices: number[] = [];
  for (let k = 0; k < raw.status.length; k++) if (raw.status[k] === 1) indices.push(k);
  const n = indices.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pz = new Float64Array(n);
  const e = new Float64Array(n);
  const charge = new Float64Array(n);
  const pdgId = new Int32Array(n);
  const trueJet = labels.size > 0 ? new Int32Array(n).fill(-1) : undefined;
  for (let i = 0; i < n; i++) {
    const k = indices[i] as number;
    px[i] = (raw.px[k] as number) * scale;
    py[i] = (raw.py[k] as number) * scale;
    pz[i] = (raw.pz[k] as number) * scale;
    e[i] = (raw.e[k] as number) * scale;
    pdgId[i] = raw.pdgId[k] as number;
    charge[i] = chargeFromPdgId(raw.pdgId[k] as number);
    const label = labels.get(k + 1);
    if (trueJet !== undefined && label !== undefined) {
      const value = Number(label.value);
      if (!Number.isInteger(value) || value < -1 || (partonCount > 0 && value >= partonCount)) {
        const range = partonCount > 0 ? `-1..${partonCount - 1}` : 'an integer ≥ −1';
        throw fail(
          label.line,
          `expected ${TRUE_JET_ATTRIBUTE} in ${range} but got ${JSON.stringify(label.value)}`,
        );
      }
      trueJet[i] = value;
    }
  }
  checkFinalStateMomenta(raw, indices, { px, py, pz, e }, fail);
  // The momenta passed checkFinalStateMomenta, so an error here comes from a check that it does not repeat.
  try {
    return Particles.from({ px, py, pz, e, charge, pdgId, trueJet });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw fail(raw.line, `invalid final-state particles: ${detail}`);
  }
}

const MOMENTUM_FIELDS = ['px', 'py', 'pz', 'E'] as const;

/**
 * Checks the final-state momenta in GeV as Particles.from does: finite values, E ≥ 0, and E ≥ |p| within its
 * tolerance. The first failure is reported at the particle's P line with its particle id.
 */
function checkFinalStateMomenta(
  raw: HepMC3RawEvent,
  indices: number[],
  momenta: { px: Float64Array; py: Float64Array; pz: Float64Array; e: Float64Array },
  fail: (line: number, detail: string) => HepMC3ParseError,
): void {
  const { px, py, pz, e } = momenta;
  for (let i = 0; i < indices.length; i++) {
    const x = px[i] as number;
    const y = py[i] as number;
    const z = pz[i] as number;
    const energy = e[i] as number;
    const p = Math.sqrt(x * x + y * y + z * z);
    const valid =
      Number.isFinite(x + y + z + energy) &&
      energy >= 0 &&
      p - energy <= MASS_SHELL_RELATIVE_TOLERANCE * p + MASS_SHELL_ABSOLUTE_TOLERANCE;
    if (!valid) throw invalidMomentumError(raw, indices[i] as number, fail);
  }
}

/** Describes what is wrong with the momentum of particle index `k`, quoting the file's values and unit. */
function invalidMomentumError(
  raw: HepMC3RawEvent,
  k: number,
  fail: (line: number, detail: string) => HepMC3ParseError,
): HepMC3ParseError {
  const id = k + 1;
  const line = raw.particleLine[k] as number;
  const unit = raw.momentumUnit === 'MEV' ? 'MeV' : 'GeV';
  const values = [raw.px[k], raw.py[k], raw.pz[k], raw.e[k]] as number[];
  const nonFinite = values.findIndex((value) => !Number.isFinite(value));
  if (nonFinite >= 0) {
    const field = MOMENTUM_FIELDS[nonFinite] as string;
    return fail(line, `expected a finite ${field} for particle ${id} but got ${values[nonFinite]}`);
  }
  const [x, y, z, energy] = values as [number, number, number, number];
  if (energy < 0) {
    return fail(line, `expected a non-negative energy for particle ${id} but got E = ${energy} ${unit}`);
  }
  // The remaining failure is E below |p|, which includes |p| overflowing to Infinity.
  const p = Math.sqrt(x * x + y * y + z * z);
  return fail(
    line,
    `expected E ≥ |p| for particle ${id} but got E = ${energy} ${unit} below |p| = ${p} ${unit} ` +
      '(a space-like four-momentum)',
  );
}

function readTruth(
  attributes: Map<string, HepMC3Attribute>,
  scale: number,
  fail: (line: number, detail: string) => HepMC3ParseError,
): { partons: Parton[]; bosons: Boson[] } {
  const partonPdg = attributes.get('parton_pdg');
  if (partonPdg === undefined) return { partons: [], bosons: [] };
  const ids = parseNumbers(partonPdg, fail);
  const momenta = requireNumbers(attributes, 'parton_momenta', 4 * ids.length, partonPdg.line, fail);
  const bosonIds = attributes.has('boson_pdg')
    ? parseNumbers(attributes.get('boson_pdg') as HepMC3Attribute, fail)
    : [];
  const bosonMomenta = requireNumbers(attributes, 'boson_momenta', 4 * bosonIds.length, partonPdg.line, fail);
  const partonBoson = requireNumbers(attributes, 'parton_boson', ids.length, partonPdg.line, fail);

  const bosons: Boson[] = bosonIds.map((pdgId, b) => ({
    ...fourMomentum(bosonMomenta, b, scale),
    pdgId,
  }));
  const partons: Parton[] = ids.map((pdgId, p) => {
    const boson = partonBoson[p] as number;
    if (!Number.isInteger(boson) || boson < -1 || boson >= bosons.length) {
      const line = (attributes.get('parton_boson') as HepMC3Attribute).line;
      throw fail(line, `expected parton_boson entries in -1..${bosons.length - 1} but got ${boson}`);
    }
    return { ...fourMomentum(momenta, p, scale), pdgId, boson };
  });
  return { partons, bosons };
}

function fourMomentum(
  values: number[],
  index: number,
  scale: number,
): { px: number; py: number; pz: number; e: number } {
  const at = (offset: number): number => (values[4 * index + offset] as number) * scale;
  return { px: at(0), py: at(1), pz: at(2), e: at(3) };
}

function requireNumbers(
  attributes: Map<string, HepMC3Attribute>,
  name: string,
  expected: number,
  line: number,
  fail: (line: number, detail: string) => HepMC3ParseError,
): number[] {
  const attribute = attributes.get(name);
  if (attribute === undefined) {
    if (expected === 0) return [];
    throw fail(line, `expected the event attribute ${name} next to parton_pdg but it is missing`);
  }
  const values = parseNumbers(attribute, fail);
  if (values.length !== expected) {
    throw fail(attribute.line, `expected ${expected} numbers in ${name} but got ${values.length}`);
  }
  return values;
}

function parseNumbers(
  attribute: HepMC3Attribute,
  fail: (line: number, detail: string) => HepMC3ParseError,
): number[] {
  const tokens = attribute.value
    .trim()
    .split(/\s+/)
    .filter((token) => token !== '');
  return tokens.map((token) => {
    const value = Number(token);
    if (!Number.isFinite(value)) {
      throw fail(attribute.line, `expected numbers in ${attribute.name} but got ${JSON.stringify(token)}`);
    }
    return value;
  });
}

/** Invariant mass in GeV of the beam particles (status 4), or undefined when the event has none. */
function beamMass(raw: HepMC3RawEvent, scale: number): number | undefined {
  let px = 0;
  let py = 0;
  let pz = 0;
  let e = 0;
  let beams = 0;
  for (let k = 0; k < raw.status.length; k++) {
    if (raw.status[k] !== 4) continue;
    px += raw.px[k] as number;
    py += raw.py[k] as number;
    pz += raw.pz[k] as number;
    e += raw.e[k] as number;
    beams++;
  }
  if (beams === 0) return undefined;
  return Math.sqrt(Math.max(e * e - px * px - py * py - pz * pz, 0)) * scale;
}
