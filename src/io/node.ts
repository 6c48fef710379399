// Node entry of jetcolor/io: everything in the browser-safe entry plus readers that open files.
export * from './index.js';
