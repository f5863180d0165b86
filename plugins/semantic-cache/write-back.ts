import { answeredBy, type AnswerRecord } from '../core/bridge/answer-hooks';
import type { Embedder } from '../core/embeddings';
import { createLogger } from '../core/logger';
import type { CacheStore } from './cache-store';
import type { CacheConfig } from './config';

/**
 * Stores an answer the bridge saw end normally: a complete 200, streamed or
 * not, whose every choice finished with text (cut only where the client asked). Errors, cut streams, tool calls
 * and filtered answers are never stored. A refresh that gets no storable answer
 * drops the entry it was meant to replace.
 */
export interface PendingEntry {
  id: string;
  scope: string;
  prompt: string;
  refresh: boolean;
  vector?: Float32Array;
  /** The cache instance writing it, whose max_entries bounds it. */
  owner: string;
  /** The client set max_tokens (or max_completion_tokens), which is in the scope: an answer it cut is what it asked for. */
  limitAsked: boolean;
}

const log = createLogger('semantic-cache');

type Choice = { finish_reason?: unknown; message?: { content?: unknown; tool_calls?: unknown } };

/**
 * An answer cut at `length` is kept only when the client set the limit: one cut by the gateway's default (a target's
 * max_tokens, Anthropic's 4096) or the model's own limit is no answer to serve again, and would outlive a raised limit.
 */
export function storable(record: AnswerRecord, limitAsked: boolean): boolean {
  if (record.status !== 200 || !record.complete || record.truncated || !record.response) return false;
  const choices = record.response.choices as Choice[] | undefined;
  if (!Array.isArray(choices) || choices.length === 0) return false;
  return choices.every(
    (c) =>
      (c.finish_reason === 'stop' || (c.finish_reason === 'length' && limitAsked)) &&
      typeof c.message?.content === 'string' &&
      c.message.content.length > 0 &&
      !(Array.isArray(c.message.tool_calls) && c.message.tool_calls.length > 0),
  );
}

export async function writeBack(store: CacheStore, embedder: Embedder | undefined, config: CacheConfig, pending: PendingEntry, record: AnswerRecord): Promise<void> {
  if (!storable(record, pending.limitAsked)) {
    if (pending.refresh) await store.remove(pending.id);
    return;
  }
  try {
    const now = Date.now();
    // Who answered, sent again with every hit as a live answer's X-Kong-LLM-Model.
    const by = record.provider && record.model ? answeredBy(record.provider, record.model) : undefined;
    const value = { prompt: pending.prompt, response: record.response!, ...(by ? { answeredBy: by } : {}) };
    const entry = { id: pending.id, ns: pending.scope, group: pending.owner, storedAt: now, expiresAt: now + config.ttl_seconds * 1000, value };
    if (!pending.vector && embedder) {
      // Exact repeats are served at once; the semantic index gets the entry when its vector is ready.
      store.local.put({ ...entry, vector: new Float32Array(0) });
    }
    const vector = pending.vector ?? (embedder ? await embedder.embed(pending.prompt) : new Float32Array(0));
    await store.put({ ...entry, vector });
  } catch (err) {
    log.warn('answer not cached', { error: (err as Error).message });
  }
}
