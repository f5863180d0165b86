import { withDeadline } from '../core/deadline';
import type { CacheConfig } from './config';
import type { CacheEntry, CacheStore } from './cache-store';
import { falseHitReason, type Refusal } from './false-hit-guard';

/**
 * The semantic path: embed the prompt (bounded wait), take the nearest entries
 * of the scope above the threshold, and serve the first that passes the
 * false-hit guard. The vector is returned either way, for the write-back.
 */
export interface SemanticResult {
  hit?: { entry: CacheEntry; score: number; kind: 'semantic' };
  vector?: Float32Array;
  refused?: Refusal;
}

const CANDIDATES = 3;

export async function findSemantic(
  store: CacheStore,
  vectorPending: Promise<Float32Array>,
  config: CacheConfig,
  scope: string,
  prompt: string,
  oldest: number,
): Promise<SemanticResult> {
  let vector: Float32Array;
  try {
    vector = await withDeadline(vectorPending, config.embed_timeout_ms, 'the embedding');
  } catch {
    return {};
  }
  let refused: Refusal | undefined;
  for (const candidate of store.nearest(scope, vector, CANDIDATES)) {
    if (candidate.score < config.threshold) break;
    if (candidate.entry.storedAt < oldest) continue;
    const reason = config.verify ? falseHitReason(prompt, candidate.entry.value?.prompt ?? '', config.min_word_overlap) : undefined;
    if (reason) {
      refused ??= reason;
      continue;
    }
    const entry = await store.withResponse(candidate.entry);
    if (entry) return { hit: { entry, score: candidate.score, kind: 'semantic' }, vector };
  }
  return { vector, refused };
}
