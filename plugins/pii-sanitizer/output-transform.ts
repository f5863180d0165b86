import type { TextTransform } from '../core/bridge/answer-hooks';
import type { Finding, PiiDetector } from './detect';
import type { PiiAction } from './config';
import { sanitizeJsonText } from './sanitize-json-text';
import { findingsAfter, textSanitizer } from './sanitize-text';
import { ScanContext } from './table-context';
import { applyFindings, type PiiVault } from './vault';

/** Blocking an answer already under way is not possible: block findings are masked, placeholders redacted (none is restored). */
function outputActions(actionFor: (category: string) => PiiAction): (category: string) => PiiAction {
  return (category) => (actionFor(category) === 'block' ? 'mask' : actionFor(category) === 'placeholder' ? 'redact' : actionFor(category));
}

/** A private key's armour begun and not yet ended: its body is held until its whole end line shows the whole key. */
const ARMOUR_BEGIN = '-----BEGIN';
const ARMOUR_END = /-----END[^\n-]*-----/;
/**
 * A token still growing (a JWT, a URL with a password, a key: letters, digits and the marks they are written with)
 * is held whole until a blank or other text ends it, so no secret's start goes out before the secret is recognised.
 * Text of scripts written without blanks is no such run and streams as it comes.
 */
const TOKEN_CHAR = /[A-Za-z0-9_\-.~+/=:@%?&#!$*]/;
/** What is held for a key's armour or a token is bounded: beyond it, text goes out as the window allows. */
const MAX_HELD = 16_384;

function isToken(text: string): boolean {
  for (const c of text) if (!TOKEN_CHAR.test(c)) return false;
  return true;
}

/** Why nothing of the pending text can go out yet. */
type Hold = 'armour' | 'token' | undefined;

/**
 * Where the pending text may be cut at most, before any scan: not inside an open armour nor inside a growing token
 * (beyond the bound only the token still counts, and not a token that fills the whole text).
 */
function holdPoint(pending: string, limit: number): { cut: number; hold: Hold } {
  const bounded = pending.length > MAX_HELD;
  let cut = limit;
  const armour = bounded ? -1 : pending.lastIndexOf(ARMOUR_BEGIN, cut);
  if (armour >= 0 && !ARMOUR_END.test(pending.slice(armour))) cut = armour;
  if (cut === 0) return { cut, hold: 'armour' };
  while (cut > 0 && TOKEN_CHAR.test(pending[cut - 1]!) && TOKEN_CHAR.test(pending[cut]!)) cut--;
  if (cut > 0) return { cut, hold: undefined };
  return bounded ? { cut: limit, hold: undefined } : { cut, hold: 'token' };
}

/** Whether what was just added can end a hold: a character that ends a token, or a key's end line. */
function mayEndHold(hold: Hold, pending: string, added: string): boolean {
  if (pending.length > MAX_HELD) return true;
  if (hold === 'token') return [...added].some((c) => !TOKEN_CHAR.test(c));
  return ARMOUR_END.test(pending.slice(Math.max(0, pending.length - added.length - 40)));
}

/**
 * Output mode: masks PII the model writes. A stream is scanned in windows: the text
 * held (at least `lookback` characters beyond what is released) is scanned with the
 * last released characters before it as context, and released only up to a point that no
 * finding spans, so a value split across chunks ("4111 1" + "111 1111 1111") is seen
 * whole and masked whole, with or without blanks in the text. Inside a table, the context also holds the table's
 * header (see `ScanContext`). A whole answer (not streamed) is scanned in one pass.
 */
export function outputScanTransform(detector: PiiDetector, actionFor: (category: string) => PiiAction, audit: PiiVault, lookback = 96): TextTransform {
  const context = new ScanContext(lookback);
  let pending = '';
  // While nothing can go out, what arrives is only checked for what could end the hold: a held key's armour or a
  // long token is not walked or scanned again at every token.
  let hold: Hold;
  /** A value found across the cut of a held text past its bound: the rest of its token is the same value, dropped. */
  let swallowing = false;
  const action = outputActions(actionFor);

  /** Releases the pending text up to `limit`, or less where a finding crosses it, a key's armour is open or a token grows. */
  const release = (limit: number, final: boolean): string => {
    const point = final ? { cut: limit, hold: undefined } : holdPoint(pending, limit);
    let cut = point.cut;
    hold = point.hold;
    if (cut <= 0) return '';
    const bounded = !final && pending.length > MAX_HELD;
    const findings = findingsAfter(detector, pending, context.text);
    let crossing: Finding | undefined;
    for (const f of [...findings].sort((x, y) => y.start - x.start)) {
      if (!(f.start < cut && cut < f.end)) continue;
      // Past the bound, a token that runs to the end of what is held (a key tens of KB long) is not waited for (its
      // scan would start over at each token): what is held of it is masked now, and the rest of it dropped as it
      // comes. Any other value waits whole, as within the bound.
      if (bounded && f.end >= pending.length && isToken(pending.slice(f.start))) crossing = { ...f, end: cut, value: pending.slice(f.start, cut) };
      else cut = f.start;
    }
    if (cut <= 0) return '';
    const ready: Finding[] = findings.filter((f) => f.end <= cut);
    if (crossing) {
      ready.push(crossing);
      swallowing = true;
    }
    const out = applyFindings(pending.slice(0, cut), ready, action, audit);
    context.add(pending.slice(0, cut));
    pending = pending.slice(cut);
    return out;
  };

  /** Drops the start of the pending text that continues a value masked past the bound. */
  const swallow = (): void => {
    let end = 0;
    while (end < pending.length && TOKEN_CHAR.test(pending[end]!)) end++;
    if (end < pending.length) swallowing = false;
    pending = pending.slice(end);
  };

  return {
    whole: (text) => applyFindings(text, detector.detect(text), action, audit),
    push(text) {
      pending += text;
      if (swallowing) swallow();
      if (hold && !mayEndHold(hold, pending, text)) return '';
      // Scanned again every few words, not at every token.
      return pending.length >= lookback + 24 ? release(pending.length - lookback, false) : '';
    },
    flush() {
      if (swallowing) swallow();
      const out = pending ? release(pending.length, true) : '';
      pending = '';
      hold = undefined;
      swallowing = false;
      return out;
    },
  };
}

/**
 * Output mode for JSON the model writes, a tool call's arguments or a JSON answer (response_format): scanned whole when
 * it ends (a value masked inside its string, as the request's arguments are), so what the client gets stays valid JSON.
 */
export function outputScanJsonTransform(detector: PiiDetector, actionFor: (category: string) => PiiAction, audit: PiiVault): TextTransform {
  let held = '';
  const sanitize = textSanitizer(detector, outputActions(actionFor), audit);
  return {
    push(text) {
      held += text;
      return '';
    },
    flush() {
      const out = held ? sanitizeJsonText(held, sanitize) : '';
      held = '';
      return out;
    },
  };
}
