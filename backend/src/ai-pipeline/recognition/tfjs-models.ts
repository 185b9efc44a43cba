import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter';

/**
 * TensorFlow.js in the worker, offline: the WebAssembly backend with its .wasm binaries read from the
 * `@tensorflow/tfjs-backend-wasm` package folder (never fetched), and graph models read from the model files of
 * the `@vladmandic/human` package. `@tensorflow/tfjs-node` does not install here, so wasm is the fast path; the
 * pure-JS cpu backend (several times slower) is the fallback when WebAssembly cannot start.
 */

/**
 * Node's own `require`. In the webpack bundle (dist/backend/worker.js) a plain `require.resolve` is compiled into a
 * module id (a number), not a file path; `__non_webpack_require__` is webpack's escape hatch to the real one. Under
 * ts-node and jest there is no webpack, and the ordinary `require` is already Node's.
 */
declare const __non_webpack_require__: NodeJS.Require | undefined;
const nodeRequire: NodeJS.Require = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;

export type TfjsBackend = 'wasm' | 'cpu';

let backend: Promise<TfjsBackend> | undefined;

/** Starts the tfjs backend once per process (tfjs keeps one global engine); later calls get the same answer. */
export function tfjsReady(): Promise<TfjsBackend> {
  backend ??= startBackend();
  return backend;
}

async function startBackend(): Promise<TfjsBackend> {
  try {
    // The package's `main` is dist/tf-backend-wasm.node.js, beside the .wasm files; the prefix must end with a separator.
    setWasmPaths(dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm')) + sep);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return 'wasm';
    }
  } catch (error) {
    new Logger('TensorFlow.js').warn(`WebAssembly backend unavailable (${String(error)}); using the slower cpu backend`);
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('No TensorFlow.js backend could start');
  await tf.ready();
  return 'cpu';
}

/** Folder of the `@vladmandic/human` model files (its `exports` hides package.json; `main` is dist/human.node.js). */
export function humanModelsDir(): string {
  return join(dirname(dirname(nodeRequire.resolve('@vladmandic/human'))), 'models');
}

interface ModelJson {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  /** Inputs and outputs by name, where the converter wrote them (faceres names its embedding output here). */
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
}

/** A tfjs graph model from its model.json and weight shards on disk. */
export async function loadGraphModelFile(jsonPath: string): Promise<GraphModel> {
  await tfjsReady();
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelJson;
  const folder = dirname(jsonPath);
  const shards = json.weightsManifest.flatMap((group) => group.paths.map((path) => readFileSync(join(folder, path))));
  const weights = Buffer.concat(shards);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
  };
  return loadGraphModel({ load: () => Promise.resolve(artifacts) });
}
