/**
 * An event as the library passes it between modules: final-state particles with optional truth.
 */

import type { Particles } from './particles.js';

/** A primary quark of the hard process or of a boson decay, the seed of one true jet. */
export interface Parton {
  px: number;
  py: number;
  pz: number;
  e: number;
  /** PDG Monte Carlo code of the quark. */
  pdgId: number;
  /** Index into {@link JetEvent.bosons} of the boson (Z, H, W, t) this quark comes from, or −1 for none. */
  boson: number;
}

/** A boson (or top quark) of the hard process whose decay quarks seed jets. */
export interface Boson {
  px: number;
  py: number;
  pz: number;
  e: number;
  /** PDG Monte Carlo code: 23 for Z, 25 for H, ±24 for W, ±6 for t. */
  pdgId: number;
}

/**
 * One event. `particles.trueJet[i]`, when present, indexes `partons`: the true jet of particle i.
 */
export interface JetEvent {
  particles: Particles;
  /** Primary quarks, in the order that `trueJet` labels refer to; empty when the file carries no truth. */
  partons: Parton[];
  /** Bosons that the primary quarks come from; empty when the file carries no truth. */
  bosons: Boson[];
  /** Process name, such as "zhh", when known. */
  process?: string;
  /** Centre-of-mass energy √s in GeV, when known. */
  sqrtS?: number;
  /** Event number from the file, when read from one. */
  eventNumber?: number;
}
