import type { TextTransform } from '../core/bridge/answer-hooks';
import type { PiiDetector } from './detect';
import { applyFindings, PiiVault } from './vault';
import type { PiiAction } from './config';

/**
 * Output mode: masks PII the model writes. A stream is scanned in windows: text
 * is released up to the last whitespace more than `lookback` characters before
 * the end, so a value split across chunks is still seen whole.
 */
export function outputScanTransform(detector: PiiDetector, actionFor: (category: string) => PiiAction, audit: PiiVault, lookback = 96): TextTransform {
  let pending = '';
  // Blocking an answer already under way is not possible; block findings are masked instead.
  const outputAction = (category: string): PiiAction => (actionFor(category) === 'block' ? 'mask' : actionFor(category) === 'placeholder' ? 'redact' : actionFor(category));
  const scan = (text: string) => applyFindings(text, detector.detect(text), outputAction, audit);
  return {
    push(text) {
      pending += text;
      const limit = pending.length - lookback;
      if (limit <= 0) return '';
      const cut = pending.lastIndexOf(' ', limit);
      if (cut <= 0) return '';
      const ready = pending.slice(0, cut);
      pending = pending.slice(cut);
      return scan(ready);
    },
    flush() {
      const rest = scan(pending);
      pending = '';
      return rest;
    },
  };
}
