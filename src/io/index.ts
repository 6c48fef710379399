// Public API of jetcolor/io; filled in module by module.
export {};
export { JsonLinesParseError, formatEventJsonLine, formatJetsJsonLine, parseJsonLinesEvents } from './jsonl.js';
export type { JetRecord } from './jsonl.js';
