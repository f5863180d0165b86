import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { embeddingConfigSchema, getEmbedder, type Embedder } from '../plugins/core/embeddings';
import { writeTinyBertModel } from '../test/support/tiny-bert';
import { quantile, round } from './stats';

/**
 * Embedding engines through getEmbedder (worker pool, micro-batcher, memo):
 * single-text latency and batched throughput. Every text is distinct, so the
 * memo never answers.
 */
const SUBJECTS = ['my order', 'the invoice', 'your password', 'the weather', 'this recipe', 'the server', 'our database', 'the payment'];
const VERBS = ['needs a check', 'is late again', 'will change soon', 'has an error', 'looks good today', 'was sent twice'];
const TAILS = ['please help', 'before the end of the week', 'for the whole family', 'in the north', 'after school', 'on the island'];

/** The n-th of an endless list of distinct, sentence-like texts (10-20 tokens). */
function text(n: number, tag: string): string {
  return `${tag} ${SUBJECTS[n % SUBJECTS.length]} ${VERBS[(n >> 3) % VERBS.length]} ${TAILS[(n >> 5) % TAILS.length]} ${n}`;
}

async function measure(embedder: Embedder, key: string, singles = 300, batched = 1024): Promise<Record<string, number>> {
  await embedder.ready();
  for (let i = 0; i < 20; i++) await embedder.embed(text(i, 'warm'));
  const samples: number[] = [];
  for (let i = 0; i < singles; i++) {
    const t = text(i, 'single');
    const start = performance.now();
    await embedder.embed(t);
    samples.push(performance.now() - start);
  }
  // Long prompts: 2 KB of distinct text (the model reads the first 128 tokens; the tokenizer reads it all).
  const long: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = Array.from({ length: 40 }, (_, j) => text(i * 40 + j, 'long')).join('. ').slice(0, 2048);
    const start = performance.now();
    await embedder.embed(t);
    long.push(performance.now() - start);
  }
  const texts = Array.from({ length: batched }, (_, i) => text(i, 'batch'));
  const start = performance.now();
  await embedder.embedMany(texts);
  const seconds = (performance.now() - start) / 1000;
  return {
    [`embed_ms_p50_${key}`]: round(quantile(samples, 0.5)),
    [`embed_ms_p99_${key}`]: round(quantile(samples, 0.99)),
    [`embed_ms_p50_2kb_${key}`]: round(quantile(long, 0.5)),
    [`embed_per_s_batched_${key}`]: round(batched / seconds, 1),
  };
}

/** The transformers engine on the generated tiny BERT (hidden size 32): the engine's overhead, not a real model's cost. */
export async function benchTransformersEngine(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tiny-bert-'));
  try {
    const modelDir = writeTinyBertModel(dir);
    const config = embeddingConfigSchema.parse({ engine: 'transformers', model: 'tiny-bert', model_dir: modelDir, allow_remote_models: false, pooling: 'mean' });
    return await measure(getEmbedder(config), 'transformers_tiny');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The default engine: USE-lite (512 dimensions) on TensorFlow.js' WASM backend. */
export function benchUseLite(): Promise<Record<string, number>> {
  return measure(getEmbedder(), 'use_lite');
}
