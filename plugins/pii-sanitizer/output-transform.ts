import type { TextTransform } from '../core/bridge/answer-hooks';
import type { Finding, PiiDetector } from './detect';
import { applyFindings, PiiVault } from './vault';
import type { PiiAction } from './config';

/**
 * Output mode: masks PII the model writes. A stream is scanned in windows: the text
 * held (at least `lookback` characters beyond what is released) is scanned with the
 * last released characters before it as context, and released up to a point that no
 * finding spans, so a value split across chunks ("4111 1" + "111 1111 1111") is seen
 * whole and masked whole, with or without blanks in the text.
 */
export function outputScanTransform(detector: PiiDetector, actionFor: (category: string) => PiiAction, audit: PiiVault, lookback = 96): TextTransform {
  let context = '';
  let pending = '';
  // Blocking an answer already under way is not possible; block findings are masked instead.
  const outputAction = (category: string): PiiAction => (actionFor(category) === 'block' ? 'mask' : actionFor(category) === 'placeholder' ? 'redact' : actionFor(category));

  /** Releases the pending text up to `limit`, or less where a finding crosses it. */
  const release = (limit: number): string => {
    const findings = detector
      .detect(context + pending)
      .map((f) => ({ ...f, start: f.start - context.length, end: f.end - context.length }))
      .filter((f) => f.end > 0);
    let cut = limit;
    for (const f of [...findings].sort((x, y) => y.start - x.start)) if (f.start < cut && cut < f.end) cut = Math.max(0, f.start);
    if (cut <= 0) return '';
    // A value whose start was released before it was recognised is masked from here on.
    const ready: Finding[] = findings.filter((f) => f.end <= cut).map((f) => (f.start < 0 ? { ...f, start: 0 } : f));
    const out = applyFindings(pending.slice(0, cut), ready, outputAction, audit);
    context = (context + pending.slice(0, cut)).slice(-lookback);
    pending = pending.slice(cut);
    return out;
  };

  return {
    push(text) {
      pending += text;
      // Scanned again every few words, not at every token.
      return pending.length >= lookback + 24 ? release(pending.length - lookback) : '';
    },
    flush() {
      const out = pending ? release(pending.length) : '';
      pending = '';
      return out;
    },
  };
}
