import type { Finding } from './types';

/**
 * One finding per stretch of text: where findings overlap, the more specific
 * detector wins (priority), then the more confident, then the longer.
 */
export function resolveOverlaps(findings: Array<Finding & { priority: number }>): Finding[] {
  const ranked = [...findings].sort(
    (a, b) => b.priority - a.priority || b.confidence - a.confidence || b.end - b.start - (a.end - a.start),
  );
  const kept: Finding[] = [];
  for (const f of ranked) {
    if (kept.some((k) => f.start < k.end && k.start < f.end)) continue;
    const { priority: _priority, ...plain } = f;
    kept.push(plain);
  }
  return kept.sort((a, b) => a.start - b.start);
}
