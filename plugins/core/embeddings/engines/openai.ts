import { request } from 'undici';
import type { EmbedBatch } from '../types';
import { normalize } from '../vector-math';
import { readUpTo } from '../../bounded-body';

/** A batch's vectors as JSON: tens of MB for the largest batches of the largest models. */
const ANSWER_LIMIT = 64 * 1024 * 1024;

/**
 * A remote OpenAI-compatible /v1/embeddings. Runs on the main thread (it only
 * waits on the network); the key never appears in an error message.
 */
export interface OpenAIEmbeddingOptions {
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
}

export function openAIEmbeddings(options: OpenAIEmbeddingOptions): EmbedBatch {
  const endpoint = `${options.url.replace(/\/+$/, '')}/embeddings`;
  return async (texts) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    const res = await request(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: options.model, input: texts }),
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const { text, complete } = await readUpTo(res.body, ANSWER_LIMIT);
    if (res.statusCode !== 200) throw new Error(`embeddings endpoint answered ${res.statusCode}`);
    if (!complete) throw new Error(`embeddings endpoint answered more than ${ANSWER_LIMIT} bytes`);
    const parsed = JSON.parse(text) as { data?: Array<{ index?: number; embedding?: number[] }> };
    const rows = parsed.data ?? [];
    if (rows.length !== texts.length) throw new Error('embeddings endpoint returned the wrong number of vectors');
    const ordered = [...rows].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return ordered.map((row) => {
      if (!Array.isArray(row.embedding)) throw new Error('embeddings endpoint returned a row without an embedding');
      return normalize(row.embedding);
    });
  };
}
