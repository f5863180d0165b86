/**
 * Findings searched by position rather than scanned: a 200 KB prompt can hold tens of thousands of them, and a scan of
 * all of them for each one is quadratic.
 */
interface Span {
  start: number;
  end: number;
}

/** Sorted by start, the longest first where starts are equal. */
export function byStart<T extends Span>(spans: T[]): T[] {
  return [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
}

/** In spans sorted by start: the index of the first that starts at `start` or after it (`after`: strictly after it). */
export function firstFrom(sorted: readonly Span[], start: number, after = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!.start;
    if (at < start || (after && at === start)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** In spans sorted by start: for each, the span that reaches furthest among those up to it. */
export function furthestReaching<T extends Span>(sorted: readonly T[]): T[] {
  const reach: T[] = [];
  for (const span of sorted) reach.push(reach.length > 0 && reach[reach.length - 1]!.end >= span.end ? reach[reach.length - 1]! : span);
  return reach;
}
