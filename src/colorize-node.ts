/**
 * `colorizeEvent` and `colorizeEvents` for Node, where a string `model` option may also be the directory of a
 * saved model. The package's Node entry exports these in place of the browser versions.
 */

import { resolve } from 'node:path';

import { colorizeWith } from './colorize.js';
import type { ColorizeInput, ColorizeResult } from './colorize.js';
import type { ColorizeOptions } from './colorize-options.js';
import { loadColorizer } from './unet/model-files.js';
import type { LoadedColorizer } from './unet/model-files.js';
import { loadColorizerFromDirectory } from './unet/model-files-node.js';
import { defaultModelDirectory } from './default-model-node.js';

/** Models loaded from strings, by URL or absolute directory, kept for the life of the process. */
const loadedModels = new Map<string, Promise<LoadedColorizer>>();

/**
 * Loads a colorizer from an http(s) URL of its model.json or from a model directory, once per process: later
 * calls with the same source return the same model, whose tensors stay allocated until the process exits.
 */
export function loadColorizerCached(source: string): Promise<LoadedColorizer> {
  const isUrl = /^https?:\/\//.test(source);
  const key = isUrl ? source : resolve(source);
  let loading = loadedModels.get(key);
  if (loading === undefined) {
    loading = isUrl ? loadColorizer(source) : loadColorizerFromDirectory(key);
    // A failed load is not kept, so that a later call can retry.
    loading.catch(() => loadedModels.delete(key));
    loadedModels.set(key, loading);
  }
  return loading;
}

/** Options of the Node `colorizeEvent` and `colorizeEvents`: `model` defaults to the shipped model. */
export type NodeColorizeOptions = Omit<ColorizeOptions, 'model'> & Partial<Pick<ColorizeOptions, 'model'>>;

/**
 * Node version of `colorizeEvent`: a string `options.model` is a model directory or an http(s) URL, and without
 * `model` the model shipped in the package (models/default) is used.
 *
 * @throws Error when no model is given and the package ships none.
 */
export async function colorizeEvent(
  event: ColorizeInput,
  options: NodeColorizeOptions = {},
): Promise<ColorizeResult> {
  const [result] = await colorizeWith(
    [event],
    withDefaultModel(options, 'colorizeEvent'),
    loadColorizerCached,
    'colorizeEvent',
  );
  return result as ColorizeResult;
}

/** Node version of `colorizeEvents`, with the same `model` handling as {@link colorizeEvent}. */
export async function colorizeEvents(
  events: readonly ColorizeInput[],
  options: NodeColorizeOptions = {},
): Promise<ColorizeResult[]> {
  return colorizeWith(
    events,
    withDefaultModel(options, 'colorizeEvents'),
    loadColorizerCached,
    'colorizeEvents',
  );
}

function withDefaultModel(options: NodeColorizeOptions, caller: string): ColorizeOptions {
  if (typeof options !== 'object' || options === null || options.model !== undefined) {
    // resolveColorizeOptions reports what is wrong with options that are not an object.
    return options as ColorizeOptions;
  }
  const model = defaultModelDirectory();
  if (model === undefined) {
    throw new Error(
      `${caller}: options.model: no model given and this installation of jetcolor ships none (models/default); ` +
        'pass the directory of a saved model',
    );
  }
  return { ...options, model };
}
