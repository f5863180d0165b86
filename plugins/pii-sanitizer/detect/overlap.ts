import type { Finding } from './types';

/**
 * One finding per stretch of text: where findings overlap, the more specific
 * detector wins (priority), then the more confident, then the longer. The kept
 * findings never overlap, so they stay sorted by start and one binary search
 * tells whether a candidate overlaps any of them (a prompt full of candidates
 * costs n log n, not n²).
 */
export function resolveOverlaps(findings: Array<Finding & { priority: number }>): Finding[] {
  const ranked = [...findings].sort(
    (a, b) => b.priority - a.priority || b.confidence - a.confidence || b.end - b.start - (a.end - a.start),
  );
  const kept: Finding[] = [];
  for (const f of ranked) {
    // The first kept finding that ends after f starts is the only one that can overlap it.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < kept.length && kept[lo]!.start < f.end) continue;
    const { priority: _priority, ...plain } = f;
    kept.splice(lo, 0, plain);
  }
  return kept;
}
