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
  /** What the model reads of a text, for engines that can tell (USE-lite); absent for the others. */
  read?(text: string): Reading;
}

/**
 * What a model reads of a text, in the text's NFKC form: a vector says nothing of the rest. Two texts that differ
 * only in what their model does not read get the same vector, however different they are.
 */
export interface Reading {
  /** The text, NFKC-normalised (the offsets below count in it). */
  text: string;
  /** Where the model's window ends: it reads nothing after this offset. */
  windowEnd: number;
  /** The runs of characters inside the window that the model reads as one unknown token, in order. */
  unknown: string[];
  /** The share of the window's characters (blanks aside) that the model reads as unknown. */
  unknownShare: number;
}

/**
 * What a local engine does inside a worker thread: texts in, normalised vectors out.
 * `runtime` names what runs the model, when an engine has a choice (it goes in the log).
 */
export type EmbedBatch = ((texts: string[]) => Promise<Float32Array[]>) & { runtime?: string };
