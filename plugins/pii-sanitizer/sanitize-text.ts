import type { Finding, PiiDetector } from './detect';
import type { PiiAction } from './config';
import { applyFindings, type PiiVault } from './vault';

/**
 * Sanitizes a text, read between a `context` before it (a JSON value's key, the answer text just released) and a
 * `suffix` after it (a JSON string's closing quote): they help find what the text holds ('"password": "' before a
 * random value) and are themselves left alone; a finding that reaches into them is applied to the text's part of it.
 */
export type Sanitize = (text: string, context?: string, suffix?: string) => string;

export function findingsAfter(detector: PiiDetector, text: string, context = '', suffix = ''): Finding[] {
  if (!context && !suffix) return detector.detect(text);
  return detector
    .detect(context + text + suffix)
    .filter((f) => f.end > context.length && f.start < context.length + text.length)
    .map((f) => ({ ...f, start: Math.max(0, f.start - context.length), end: Math.min(text.length, f.end - context.length) }));
}

export function textSanitizer(detector: PiiDetector, actionFor: (category: string) => PiiAction, vault: PiiVault): Sanitize {
  return (text, context, suffix) => applyFindings(text, findingsAfter(detector, text, context, suffix), actionFor, vault);
}
