/**
 * Saving and loading colorizer models as directories from Node, without tfjs-node: an IOHandler of this
 * library writes and reads model.json and weights.bin in the tfjs layers format, which a browser loads with
 * `tf.loadLayersModel(url)`.
 */

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

import { attachColorizerMetadata, loadColorizer, type LoadedColorizer } from './model-files.js';
import type { ColorizerMetadata, ExpectedModelLayout } from './model-metadata.js';

/** File names inside a model directory. */
export const MODEL_JSON_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/**
 * Builds a tfjs IOHandler that saves to and loads from `directory`. Saving creates the directory, writes
 * the weights and then model.json, each through a temporary file renamed into place, so a reader never sees
 * a half-written model.
 */
export function fileSystemHandler(directory: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer || artifacts.modelTopology === undefined) {
        throw new TypeError('fileSystemHandler: save: expected a layers-model topology as JSON');
      }
      await mkdir(directory, { recursive: true });
      const weights = new Uint8Array(
        tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)),
      );
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_core}`,
        convertedBy: null,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig === undefined ? {} : { trainingConfig: artifacts.trainingConfig }),
        ...(artifacts.userDefinedMetadata === undefined
          ? {}
          : { userDefinedMetadata: artifacts.userDefinedMetadata }),
      };
      const text = JSON.stringify(modelJson);
      await writeAtomically(join(directory, WEIGHTS_FILE), weights);
      await writeAtomically(join(directory, MODEL_JSON_FILE), text);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const path = join(directory, MODEL_JSON_FILE);
      const text = await readFile(path, 'utf8').catch((error: unknown) => {
        throw new Error(
          `fileSystemHandler: ${path}: model.json not found or unreadable (${describe(error)})`,
        );
      });
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(text) as tf.io.ModelJSON;
      } catch (error) {
        throw new Error(`fileSystemHandler: ${path}: invalid JSON (${describe(error)})`);
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const file of group.paths) {
            const bytes = await readFile(join(directory, file));
            buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
          }
        }
        return [tf.io.getWeightSpecs(manifest), tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

/** Saves a model with its metadata into `directory` (model.json + weights.bin). */
export async function saveColorizer(
  model: tfl.LayersModel,
  directory: string,
  metadata: ColorizerMetadata,
): Promise<void> {
  attachColorizerMetadata(model, metadata);
  await model.save(fileSystemHandler(directory));
}

/**
 * Loads a model directory written by {@link saveColorizer} and checks it against `expected`.
 *
 * @throws Error when model.json is missing or invalid; TypeError or RangeError as `loadColorizer`.
 */
export async function loadColorizerFromDirectory(
  directory: string,
  expected: ExpectedModelLayout = {},
): Promise<LoadedColorizer> {
  return loadColorizer(fileSystemHandler(directory), expected, 'loadColorizerFromDirectory');
}

async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
