/**
 * Seeded test events for the Durham comparisons with FastJet: isotropic and jet-like events, nearly collinear
 * pairs, exact duplicates and symmetric configurations with tied distances. Rows are [px, py, pz, E] in GeV.
 */

import { seededRandom } from '../support/seeded-random.js';

export type Row = [number, number, number, number];

/** Masses in GeV drawn for massive particles: photon, charged pion, kaon, proton. */
const MASSES = [0, 0.13957, 0.493677, 0.938272];

export { seededRandom };

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function randomUnitVector(random: () => number): [number, number, number] {
  const cosTheta = 2 * random() - 1;
  const sinTheta = Math.sqrt(1 - cosTheta * cosTheta);
  const phi = 2 * Math.PI * random();
  return [sinTheta * Math.cos(phi), sinTheta * Math.sin(phi), cosTheta];
}

function particleRow(direction: [number, number, number], p: number, mass: number): Row {
  return [p * direction[0], p * direction[1], p * direction[2], Math.sqrt(p * p + mass * mass)];
}

function randomMass(random: () => number): number {
  return MASSES[Math.floor(random() * MASSES.length)] as number;
}

/** n particles with isotropic directions and exponentially distributed momenta (mean 5 GeV). */
export function isotropicEvent(random: () => number, n: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const p = -5 * Math.log(1 - random());
    rows.push(particleRow(randomUnitVector(random), p, randomMass(random)));
  }
  return rows;
}

/**
 * n particles spread around `nJets` random axes with a Gaussian angular width of 0.05–0.3 rad, momenta
 * exponentially distributed with a mean of 30 GeV / (particles per jet).
 */
export function jetLikeEvent(random: () => number, n: number, nJets: number): Row[] {
  const axes = Array.from({ length: nJets }, () => randomUnitVector(random));
  const widths = axes.map(() => 0.05 + 0.25 * random());
  const meanMomentum = (30 * nJets) / n;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const jet = Math.floor(random() * nJets);
    const axis = axes[jet] as [number, number, number];
    const width = widths[jet] as number;
    const x = axis[0] + width * gaussian(random);
    const y = axis[1] + width * gaussian(random);
    const z = axis[2] + width * gaussian(random);
    const norm = Math.hypot(x, y, z);
    const p = -meanMomentum * Math.log(1 - random());
    rows.push(particleRow([x / norm, y / norm, z / norm], p, randomMass(random)));
  }
  return rows;
}

/**
 * Adds, for each angle, a partner to a randomly chosen particle: its direction rotated by that angle (radians)
 * about a random perpendicular axis, with an energy between 0.5 and 2 times the original.
 */
export function addNearlyCollinearPartners(
  random: () => number,
  rows: Row[],
  angles: readonly number[],
): Row[] {
  const result = rows.slice();
  for (const angle of angles) {
    const [px, py, pz, e] = rows[Math.floor(random() * rows.length)] as Row;
    const p = Math.hypot(px, py, pz);
    const n = [px / p, py / p, pz / p] as const;
    // A unit vector perpendicular to n: the cross product with a random vector, normalised.
    const r = randomUnitVector(random);
    const cx = n[1] * r[2] - n[2] * r[1];
    const cy = n[2] * r[0] - n[0] * r[2];
    const cz = n[0] * r[1] - n[1] * r[0];
    const cNorm = Math.hypot(cx, cy, cz);
    const direction: [number, number, number] = [
      Math.cos(angle) * n[0] + (Math.sin(angle) * cx) / cNorm,
      Math.cos(angle) * n[1] + (Math.sin(angle) * cy) / cNorm,
      Math.cos(angle) * n[2] + (Math.sin(angle) * cz) / cNorm,
    ];
    const scale = 0.5 + 1.5 * random();
    const mass = Math.sqrt(Math.max(e * e - p * p, 0));
    const partner = particleRow(direction, p * scale, mass * scale);
    result.splice(Math.floor(random() * (result.length + 1)), 0, partner);
  }
  return result;
}

/** Inserts `count` exact copies of randomly chosen particles at random positions (a copy may be copied again). */
export function addExactDuplicates(random: () => number, rows: Row[], count: number): Row[] {
  const result = rows.slice();
  for (let k = 0; k < count; k++) {
    const copy = (result[Math.floor(random() * result.length)] as Row).slice() as Row;
    result.splice(Math.floor(random() * (result.length + 1)), 0, copy);
  }
  return result;
}

/** Six particles of energy `e` along ±x, ±y, ±z: every neighbouring pair is at the same distance. */
export function octahedronEvent(e: number): Row[] {
  return [
    [e, 0, 0, e],
    [-e, 0, 0, e],
    [0, e, 0, e],
    [0, -e, 0, e],
    [0, 0, e, e],
    [0, 0, -e, e],
  ];
}

/** Eight particles of energy `e` towards the corners of a cube. */
export function cubeEvent(e: number): Row[] {
  const c = e / Math.sqrt(3);
  const rows: Row[] = [];
  for (const sx of [1, -1]) {
    for (const sy of [1, -1]) {
      for (const sz of [1, -1]) rows.push([sx * c, sy * c, sz * c, e]);
    }
  }
  return rows;
}

/** n particles of energy `e` evenly spaced in φ in the transverse plane. */
export function ringEvent(n: number, e: number): Row[] {
  return Array.from({ length: n }, (_, k) => {
    const phi = (2 * Math.PI * k) / n;
    return [e * Math.cos(phi), e * Math.sin(phi), 0, e] as Row;
  });
}

/**
 * Back-to-back pairs with equal energies (ties between the two members of a pair) plus particles at rest
 * (p = 0, E = m) and particles with E = 0, which FastJet gives the direction +z.
 */
export function backToBackEvent(random: () => number, nPairs: number): Row[] {
  const rows: Row[] = [];
  for (let k = 0; k < nPairs; k++) {
    const [x, y, z] = randomUnitVector(random);
    const p = 1 + 10 * random();
    rows.push([p * x, p * y, p * z, p], [-p * x, -p * y, -p * z, p]);
  }
  rows.push([0, 0, 0, 0.13957], [0, 0, 0, 0.13957], [0, 0, 0, 0], [0, 0, 2, 2]);
  return rows;
}
