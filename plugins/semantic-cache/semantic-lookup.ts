import { withDeadline } from '../core/deadline';
import { mostlyUnknown, type Reading } from '../core/embeddings';
import type { CacheConfig } from './config';
import type { CacheEntry, CacheStore } from './cache-store';
import { falseHitReason, type Refusal } from './false-hit-guard';
import { differsUnread } from './unread-text';

/**
 * The semantic path: embed the prompt (bounded wait), take the nearest entries
 * of the scope above the threshold, and serve the first that passes the
 * false-hit guard. The vector is returned either way, for the write-back.
 * Where the engine tells what its model reads, a prompt it mostly cannot read
 * gets exact hits only ('out_of_vocabulary': its vector is the unknown token's,
 * near any other such prompt), and a candidate that differs from the prompt
 * where the model reads nothing is refused ('unread').
 */
export interface SemanticResult {
  hit?: { entry: CacheEntry; score: number; kind: 'semantic' };
  vector?: Float32Array;
  refused?: Refusal | 'unread' | 'out_of_vocabulary';
}

const CANDIDATES = 3;

export async function findSemantic(
  store: CacheStore,
  vectorPending: Promise<Float32Array>,
  config: CacheConfig,
  scope: string,
  prompt: string,
  oldest: number,
  read?: (text: string) => Reading,
): Promise<SemanticResult> {
  let vector: Float32Array;
  try {
    vector = await withDeadline(vectorPending, config.embed_timeout_ms, 'the embedding');
  } catch {
    return {};
  }
  const reading = read?.(prompt);
  if (mostlyUnknown(reading)) return { vector, refused: 'out_of_vocabulary' };
  let refused: SemanticResult['refused'];
  for (const candidate of store.nearest(scope, vector, CANDIDATES)) {
    if (candidate.score < config.threshold) break;
    if (candidate.entry.storedAt < oldest) continue;
    // An entry learnt from the stream gets its prompt with its response, from the record that expires with it.
    const entry = await store.withResponse(candidate.entry);
    if (!entry) continue;
    const stored = entry.value?.prompt ?? '';
    const reason = reading && differsUnread(reading, read!(stored)) ? 'unread' : config.verify ? falseHitReason(prompt, stored, config.min_word_overlap) : undefined;
    if (reason) {
      refused ??= reason;
      continue;
    }
    return { hit: { entry, score: candidate.score, kind: 'semantic' }, vector };
  }
  return { vector, refused };
}
