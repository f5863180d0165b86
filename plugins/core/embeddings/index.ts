import path from 'node:path';
import { onShutdown } from '../lifecycle';
import type { EmbeddingConfig } from './config';
import { DEFAULT_EMBEDDING } from './config';
import type { LocalEngineSpec } from './engines/local-engines';
import { openAIEmbeddings } from './engines/openai';
import { VectorMemo } from './memo';
import { MicroBatcher } from './micro-batcher';
import type { EmbedBatch, Embedder, EngineName, Reading } from './types';
import { useLiteReading } from './engines/use-lite-reading';
import { defaultPoolSize, WorkerPool } from './worker-pool';

export type { Embedder, Reading } from './types';
export { embeddingConfigSchema, type EmbeddingConfig, DEFAULT_EMBEDDING } from './config';
export { cosine, normalize, centroid, topKMean } from './vector-math';

/**
 * The process's embedders, one per distinct engine setting: every plugin
 * instance that asks for the same engine shares its workers and its memo.
 */
const MAX_BATCH = 32;
/** Longest text embedded, in characters: the start of a prompt says most about it, and models clip anyway. */
export const MAX_TEXT_CHARS = 4000;
const MEMO_ENTRIES = Number(process.env.AI_SUITE_EMBED_MEMO) || 20_000;
const embedders = new Map<string, Embedder>();

class BatchedEmbedder implements Embedder {
  private readonly memo = new VectorMemo(MEMO_ENTRIES);
  private readonly batcher: MicroBatcher;

  constructor(
    readonly engine: EngineName,
    readonly id: string,
    run: EmbedBatch,
    concurrency: number,
    private readonly readyFn: () => Promise<void>,
    reader?: (text: string, maxChars: number) => Reading,
  ) {
    this.batcher = new MicroBatcher(run, concurrency, MAX_BATCH);
    if (reader) this.read = (text) => reader(text, MAX_TEXT_CHARS);
  }

  readonly read?: (text: string) => Reading;

  ready(): Promise<void> {
    return this.readyFn();
  }

  embed(text: string): Promise<Float32Array> {
    // Every plugin embeds the same prefix of a long prompt, so they share one vector through the memo.
    return this.memo.get(text.slice(0, MAX_TEXT_CHARS), (t) => this.batcher.submit(t));
  }

  embedMany(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.all(texts.map((t) => this.embed(t)));
  }
}

function localSpec(config: EmbeddingConfig): LocalEngineSpec {
  if (config.engine === 'use-lite') return { engine: 'use-lite' };
  if (!config.model) throw new Error('the transformers engine needs `model` (a model name under model_dir)');
  const modelDir = config.model_dir ?? process.env.AI_SUITE_MODEL_DIR;
  return {
    engine: 'transformers',
    transformers: {
      model: config.model,
      modelDir: modelDir ? path.resolve(modelDir) : undefined,
      allowRemote: config.allow_remote_models,
      pooling: config.pooling,
    },
  };
}

function create(config: EmbeddingConfig): Embedder {
  if (config.engine === 'openai') {
    const model = config.model ?? 'text-embedding-3-small';
    const url = config.url ?? 'https://api.openai.com/v1';
    const run = openAIEmbeddings({ url, apiKey: config.api_key ?? process.env.OPENAI_API_KEY, model, timeoutMs: config.timeout_ms });
    return new BatchedEmbedder('openai', `openai:${url}:${model}`, run, 4, () => Promise.resolve());
  }
  const spec = localSpec(config);
  const pool = new WorkerPool(spec, defaultPoolSize());
  onShutdown(`embeddings:${embedders.size}:${spec.engine}`, () => pool.close());
  const id = spec.engine === 'use-lite' ? 'use-lite' : `transformers:${spec.transformers!.model}:${spec.transformers!.pooling}`;
  const reader = spec.engine === 'use-lite' ? useLiteReading : undefined;
  // The tokenizer loads (a fraction of a second) with the model, not on the first request that needs it.
  const ready = () => pool.ready().then(() => void reader?.('', 0));
  return new BatchedEmbedder(spec.engine, id, (texts) => pool.run(texts), pool.size, ready, reader);
}

/** Above this share of unknown characters, a vector says more about the model's vocabulary than about the text. */
const MOSTLY_UNKNOWN = 0.5;

/** Whether the model reads the text mostly as unknown tokens (its vector is then near any other such text's). */
export function mostlyUnknown(reading: Reading | undefined): boolean {
  return reading !== undefined && reading.unknownShare > MOSTLY_UNKNOWN;
}

/** The shared embedder for these settings, started (model loading) on first use. */
export function getEmbedder(config: EmbeddingConfig = DEFAULT_EMBEDDING): Embedder {
  const key = JSON.stringify([config.engine, config.model, config.model_dir, config.allow_remote_models, config.pooling, config.url, config.api_key]);
  let embedder = embedders.get(key);
  if (!embedder) {
    embedder = create(config);
    embedders.set(key, embedder);
  }
  return embedder;
}

/** Starts loading the default engine when the process starts, so the first request does not wait. */
export function warmDefaultEmbedder(): void {
  if (process.env.AI_SUITE_EMBED_WARM === '0') return;
  getEmbedder().ready().catch(() => undefined);
}
