import { defineConfig } from 'tsup';

// One entry per public sub-path of the package (see "exports" in package.json), plus the
// Node-only files that the "node" export conditions and the command-line tool load.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'index-node': 'src/index-node.ts',
    'particles/index': 'src/particles/index.ts',
    'geometry/index': 'src/geometry/index.ts',
    'unet/index': 'src/unet/index.ts',
    'unet/node': 'src/unet/node.ts',
    // Script of the worker threads that createWorkerExecutor starts; it must exist as a file of its own.
    'unet/worker-node': 'src/unet/worker-node.ts',
    'loss/index': 'src/loss/index.ts',
    'clustering/index': 'src/clustering/index.ts',
    'metrics/index': 'src/metrics/index.ts',
    'io/index': 'src/io/index.ts',
    'io/node': 'src/io/node.ts',
    'cli/main': 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  target: 'es2022',
  platform: 'neutral',
  // Gives the CommonJS build an import.meta.url, which the Node-only files use to locate files.
  shims: true,
  external: [/^@tensorflow\//, 'ndarray', 'commander', 'cli-progress', 'pngjs', /^node:/],
});
