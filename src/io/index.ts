// Public API of jetcolor/io (browser-safe: no file system). The Node entry, node.ts, adds file readers.
export { readHepMC3 } from './hepmc3.js';
export type { HepMC3Source } from './hepmc3.js';
export { DEFAULT_READ_HEPMC3_OPTIONS } from './hepmc3-stream.js';
export type { ReadHepMC3Options } from './hepmc3-stream.js';
export { HepMC3ParseError, HepMC3TruncatedError } from './hepmc3-error.js';
export { TRUE_JET_ATTRIBUTE } from './hepmc3-event.js';
export type { HepMC3Event } from './hepmc3-event.js';
export type { HepMC3Record, HepMC3Vertex } from './hepmc3-record.js';
export { chargeFromPdgId, threeChargeFromPdgId } from './hepmc3-pdg.js';
export {
  JsonLinesParseError,
  formatEventJsonLine,
  formatJetsJsonLine,
  parseJsonLinesEvents,
} from './jsonl.js';
export type { JetRecord } from './jsonl.js';
