/** Location of the colorizer model that ships with the package (Node only). */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Directory of the shipped model, relative to the package root. */
export const DEFAULT_MODEL_PATH = join('models', 'default');

/**
 * Returns the package's shipped model directory (models/default), found by walking up from this file to the
 * package root, or undefined when the package has none.
 */
export function defaultModelDirectory(): string | undefined {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 5; level++) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && readPackageName(manifest) === 'jetcolor') {
      const model = join(directory, DEFAULT_MODEL_PATH);
      return existsSync(join(model, 'model.json')) ? model : undefined;
    }
    directory = dirname(directory);
  }
  return undefined;
}

function readPackageName(path: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown };
    return typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
