export * from './particles/index.js';
