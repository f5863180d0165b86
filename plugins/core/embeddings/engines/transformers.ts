import type { EmbedBatch } from '../types';

/** A local ONNX sentence model run by @huggingface/transformers (inside a worker thread). */
export interface TransformersOptions {
  /** Model name, resolved under modelDir (or on the hub when remote loading is allowed). */
  model: string;
  modelDir?: string;
  allowRemote: boolean;
  pooling: 'mean' | 'cls';
}

export async function loadTransformers(_options: TransformersOptions): Promise<EmbedBatch> {
  throw new Error('transformers engine: not built yet');
}
