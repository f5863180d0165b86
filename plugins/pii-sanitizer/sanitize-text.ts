import type { Finding, PiiDetector } from './detect';
import type { PiiAction } from './config';
import { applyFindings, type PiiVault } from './vault';

/**
 * Sanitizes a text, read after the `context` before it (a JSON value's key, the answer text just released): the
 * context helps find what the text holds ("password: " before a random value) and is itself left alone; a finding
 * that starts in it is applied from the text's start.
 */
export type Sanitize = (text: string, context?: string) => string;

export function findingsAfter(detector: PiiDetector, text: string, context = ''): Finding[] {
  if (!context) return detector.detect(text);
  return detector
    .detect(context + text)
    .filter((f) => f.end > context.length)
    .map((f) => ({ ...f, start: Math.max(0, f.start - context.length), end: f.end - context.length }));
}

export function textSanitizer(detector: PiiDetector, actionFor: (category: string) => PiiAction, vault: PiiVault): Sanitize {
  return (text, context) => applyFindings(text, findingsAfter(detector, text, context), actionFor, vault);
}
