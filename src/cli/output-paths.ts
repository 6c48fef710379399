/**
 * Checks of the output paths the commands write to, made before any work, so that a long run does not end
 * in an error about its output.
 */

import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

async function kindOf(path: string): Promise<'file' | 'directory' | 'other' | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'directory';
    return info.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/**
 * Checks that `path`, given with `option`, can be written as a file: its directory exists, and the path is
 * not a directory itself. Does nothing for an undefined path (standard output).
 *
 * @throws Error naming the option and the path.
 */
export async function checkOutputFile(path: string | undefined, option: string): Promise<void> {
  if (path === undefined) return;
  const directory = dirname(resolve(path));
  if ((await kindOf(directory)) !== 'directory') {
    throw new Error(`${option} ${path}: the directory ${directory} does not exist; create it first`);
  }
  if ((await kindOf(path)) === 'directory') {
    throw new Error(`${option} ${path}: is a directory; expected a file name`);
  }
}

/**
 * Checks that `path`, given with `option`, can be used as an output directory: it is a directory or does not
 * exist yet. Does nothing for an undefined path.
 *
 * @throws Error naming the option and the path.
 */
export async function checkOutputDirectory(path: string | undefined, option: string): Promise<void> {
  if (path === undefined) return;
  const kind = await kindOf(path);
  if (kind !== undefined && kind !== 'directory') {
    throw new Error(`${option} ${path}: exists and is not a directory; expected a directory for the files`);
  }
}
