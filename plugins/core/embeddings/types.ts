/**
 * One interface for every embedding engine. Vectors are L2-normalised, so the
 * dot product of two vectors is their cosine similarity.
 */
export type EngineName = 'use-lite' | 'transformers' | 'openai';

export interface Embedder {
  readonly engine: EngineName;
  /** Identifies the model; vectors from embedders with different ids are not comparable. */
  readonly id: string;
  /** Resolves when the model is loaded and warmed; rejects when it cannot load. */
  ready(): Promise<void>;
  embed(text: string): Promise<Float32Array>;
  embedMany(texts: readonly string[]): Promise<Float32Array[]>;
}

/**
 * What a local engine does inside a worker thread: texts in, normalised vectors out.
 * `runtime` names what runs the model, when an engine has a choice (it goes in the log).
 */
export type EmbedBatch = ((texts: string[]) => Promise<Float32Array[]>) & { runtime?: string };
