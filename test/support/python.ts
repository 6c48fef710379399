/**
 * Locates the Python interpreter that has the reference tools (Pythia 8, FastJet, pyhepmc) installed by
 * `npm run setup:python`. Tests that compare against those tools use it and never replace them with mocks.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Path of the reference Python: $JETCOLOR_PYTHON, else the repository's .venv. Throws when neither exists. */
export function referencePython(): string {
  const fromEnvironment = process.env.JETCOLOR_PYTHON;
  if (fromEnvironment) {
    if (!existsSync(fromEnvironment)) {
      throw new Error(`JETCOLOR_PYTHON is set to ${fromEnvironment}, which does not exist`);
    }
    return fromEnvironment;
  }
  const venvPython = resolve(REPO_ROOT, '.venv', 'bin', 'python');
  if (!existsSync(venvPython)) {
    throw new Error(
      `the reference Python tools are not installed: run "npm run setup:python" (creates ${venvPython})`,
    );
  }
  return venvPython;
}

/** Absolute path of a file in the repository. */
export function repoPath(...parts: string[]): string {
  return resolve(REPO_ROOT, ...parts);
}
