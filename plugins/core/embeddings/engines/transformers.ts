import fs from 'node:fs';
import path from 'node:path';
import type { EmbedBatch } from '../types';

/** A local ONNX sentence model run by @huggingface/transformers (inside a worker thread). */
export interface TransformersOptions {
  /** Model name, resolved under modelDir (or on the hub when remote loading is allowed). */
  model: string;
  modelDir?: string;
  allowRemote: boolean;
  pooling: 'mean' | 'cls';
}

/** What a model directory must hold: an ONNX export in the layout of the Xenova / onnx-community repos. */
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', path.join('onnx', 'model.onnx')];

/** Says which files are missing locally, or nothing when the model can load from disk. */
function missingLocally(options: TransformersOptions): string | undefined {
  if (!options.modelDir) return 'no model_dir is set (nor AI_SUITE_MODEL_DIR)';
  const root = path.join(options.modelDir, options.model);
  if (!fs.existsSync(root)) return `model "${options.model}" not found: looked for the directory ${root}`;
  const missing = REQUIRED_FILES.map((f) => path.join(root, f)).filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return undefined;
  return `model "${options.model}" not found: looked for ${missing.join(', ')}`;
}

export async function loadTransformers(options: TransformersOptions): Promise<EmbedBatch> {
  const problem = missingLocally(options);
  if (problem && !options.allowRemote) {
    throw new Error(`transformers engine: ${problem}; remote model loading is off (allow_remote_models: false)`);
  }
  const { env, pipeline, LogLevel } = await import('@huggingface/transformers');
  if (options.modelDir) env.localModelPath = options.modelDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemote;
  env.logLevel = LogLevel.ERROR;
  const extractor = await pipeline('feature-extraction', options.model, {
    local_files_only: !options.allowRemote,
    dtype: 'fp32',
  }).catch((err: Error) => {
    throw new Error(`transformers engine: cannot load model "${options.model}"${options.modelDir ? ` from ${options.modelDir}` : ''}: ${err.message}`);
  });
  return async (texts) => {
    const output = await extractor(texts, { pooling: options.pooling, normalize: true });
    const data = output.data as Float32Array;
    const width = output.dims[output.dims.length - 1];
    // One buffer per vector: the worker transfers each vector's buffer to the main thread.
    return texts.map((_, i) => data.slice(i * width, (i + 1) * width));
  };
}
