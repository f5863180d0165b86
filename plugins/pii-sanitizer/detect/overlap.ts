import type { Finding } from './types';

/**
 * One finding per stretch of text: where findings overlap, the more specific
 * detector wins (priority), then the more confident, then the longer. The kept
 * findings never overlap, so they stay sorted by start and one binary search
 * tells whether a candidate overlaps any of them (a prompt full of candidates
 * costs n log n, not n²).
 */
export function resolveOverlaps(findings: Finding[], priorities: number[]): Finding[] {
  // Sorting positions rather than copies that carry their priority: a prompt can hold 100,000 candidates.
  const order = findings.map((_, i) => i);
  order.sort((i, j) => {
    const a = findings[i]!;
    const b = findings[j]!;
    return priorities[j]! - priorities[i]! || b.confidence - a.confidence || b.end - b.start - (a.end - a.start);
  });
  const kept: Finding[] = [];
  for (const i of order) {
    const f = findings[i]!;
    // The first kept finding that ends after f starts is the only one that can overlap it.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid]!.end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < kept.length && kept[lo]!.start < f.end) continue;
    kept.splice(lo, 0, f);
  }
  return kept;
}
