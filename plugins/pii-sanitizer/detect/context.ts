import { groupEnd } from '../../core/word-edges';
import { topAlternatives } from './alternation';

/** Whether any of the words appears within `window` characters before (or after) a span. */
export function nearWords(text: string, start: number, end: number, words: RegExp, window = 40): boolean {
  const before = text.slice(Math.max(0, start - window), start);
  const after = text.slice(end, end + Math.min(window, 20));
  return words.test(before) || words.test(after);
}

export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** A date written in numbers alone ("2024-01-15", "15.01.2024", "15/1/24", "15 01 2024"): no phone, whatever its digits. */
export const DATE_SHAPE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2} \d{1,2} (?:19|20)\d\d$/;

/** Runs a global regex and yields [index, match]. */
export function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    yield m;
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

/**
 * The matches `matches(text, pattern)` gives, found by trying the pattern only where `cue` matches. V8 tries a
 * pattern that opens with a lookbehind, or ignores case under `u`, at every position of the text, at several
 * times the cost of a plain scan for the words it starts with. `cue` must match wherever a match of `pattern`
 * starts (its opening words, in the same case), or be those positions (`cueStarts`); `pattern` must be sticky (`y`, no
 * `g`).
 */
export function* cuedMatches(text: string, cue: RegExp | readonly number[], pattern: RegExp): Generator<RegExpExecArray> {
  if (Array.isArray(cue)) {
    yield* matchesAt(text, cue, pattern);
    return;
  }
  const scan = cue as RegExp;
  scan.lastIndex = 0;
  for (let c = scan.exec(text); c; c = scan.exec(text)) {
    pattern.lastIndex = c.index;
    const m = pattern.exec(text);
    // Every position the cue matches at is tried in turn, as the global pattern would, and none inside a match.
    scan.lastIndex = m ? m.index + Math.max(1, m[0].length) : c.index + 1;
    if (m) yield m;
  }
}

/**
 * Where a capital can stand, for the patterns that start with one: an ASCII capital or any other character (a
 * scan for \p{Lu} itself costs as much as the patterns).
 */
export const CAPITAL_START = /[A-Z\u0080-\uffff]/g;

/** Where a cue matches in `text`, every position, for several patterns to be tried at (`cuedMatches` with the list). */
export function cueStarts(text: string, cue: RegExp): number[] {
  const starts: number[] = [];
  cue.lastIndex = 0;
  for (let c = cue.exec(text); c; c = cue.exec(text)) {
    starts.push(c.index);
    cue.lastIndex = c.index + 1;
  }
  return starts;
}

/** English letters from the most frequent in text to the least; a blank is more frequent still, anything else rarer. */
const LETTERS_BY_FREQUENCY = 'etaoinshrdlcumwfgypbvkjxqz';
export const frequency = (ch: string) => (ch === ' ' || ch === '\t' ? 27 : 26 - (LETTERS_BY_FREQUENCY.indexOf(ch.toLowerCase()) + 1 || 27));

/**
 * Whether `text` holds `literal` (as `includes`). V8 searches from a literal's first character, and every occurrence of
 * it is a start to check: from a blank or an "e", nearly every word ("this is " took 2.6 µs of a 4 KB prompt, " from "
 * 4.8). The literal is searched from its rarest character, and the characters before it checked where that is found.
 */
export function holds(text: string, literal: string): boolean {
  let from = 0;
  for (let i = 1; i < literal.length; i++) if (frequency(literal[i]!) < frequency(literal[from]!)) from = i;
  if (from === 0) return text.includes(literal);
  const rest = literal.slice(from);
  const lead = literal.slice(0, from);
  for (let at = text.indexOf(rest, from); at >= 0; at = text.indexOf(rest, at + 1)) {
    if (text.startsWith(lead, at - from)) return true;
  }
  return false;
}

/**
 * Where a line starts as `^` under the `m` flag has it: the text's start and after each line terminator. The patterns
 * that open with `^` are tried there (`cuedMatches`): V8 tries a multiline pattern at every position of the text, and
 * a scan of its own for the starts (`/^/gm`) costs as much as the pattern. (`table-lines`' `lineStarts` gives where the
 * lines split at "\n" alone start.)
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (text.includes('\r') || text.includes('\u2028') || text.includes('\u2029')) {
    for (const m of text.matchAll(/[\n\r\u2028\u2029]/g)) starts.push(m.index + 1);
    return starts;
  }
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function* matchesAt(text: string, starts: readonly number[], pattern: RegExp): Generator<RegExpExecArray> {
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) continue;
    from = m.index + Math.max(1, m[0].length);
    yield m;
  }
}

export { notAfter } from '../../core/word-edges';

/**
 * A character beyond Latin-1. A text without one is stored one byte per character, where V8 scans Unicode properties
 * fast; with one (a curly quote, a dash from a word processor), two bytes per character, where they take up to a hundred
 * times as long and a few plain ranges such as this one stay as fast.
 */
export const BEYOND_LATIN1 = /[^\x00-\xFF]/g;

/** Whether `text` holds a character beyond Latin-1 (`BEYOND_LATIN1`). */
export function holdsBeyondLatin1(text: string): boolean {
  BEYOND_LATIN1.lastIndex = 0;
  return BEYOND_LATIN1.test(text);
}

/** A sticky copy of a global pattern: tried at one position only (`cuedMatches`, or a format tried on a value). */
export function sticky(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, `${pattern.flags.replace('g', '')}y`);
}

/**
 * A one-argument predicate remembered by its argument: the person rules ask the same words' kind many times per text and
 * across texts. The memory is dropped whole when it holds `max` words, so a stream of new words cannot grow it.
 */
export function remembered(predicate: (word: string) => boolean, max = 50_000): (word: string) => boolean {
  let memory = new Map<string, boolean>();
  return (word) => {
    let answer = memory.get(word);
    if (answer === undefined) {
      if (memory.size >= max) memory = new Map();
      answer = predicate(word);
      memory.set(word, answer);
    }
    return answer;
  };
}

/**
 * Whether any part of a word between its hyphens passes `test` ("Kowalczyk-Nowak", "Pre-Training"): the word itself where
 * it has no hyphen, as nearly every word, without a list of one part made for each.
 */
export function someHyphenPart(word: string, test: (part: string) => boolean): boolean {
  return word.includes('-') ? word.split('-').some(test) : test(word);
}

/** Runs a sticky regex at `at` only. */
export function stickyMatch(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * The literal text each top-level alternative of a case-sensitive pattern starts with (after
 * `\b` and lookbehinds), or undefined when one has none. A leading group of alternatives counts
 * as one prefix each ("\b(?:AKIA|ASIA)…", "\b(?:sk|rk)_live_" gives "sk_live_" and "rk_live_").
 * A text that contains none of them cannot match, and `includes` is far cheaper than running the pattern.
 */
export function literalPrefixes(pattern: RegExp): string[] | undefined {
  if (pattern.flags.includes('i')) return undefined;
  const prefixes: string[] = [];
  for (const alternative of topAlternatives(pattern.source)) {
    const found = alternativePrefixes(alternative.replace(/^(?:\\b|\(\?<[=!](?:\\.|[^)])*\))+/, ''));
    if (!found) return undefined;
    prefixes.push(...found);
  }
  return prefixes;
}

/** The literal an alternative starts with, and whether it is the whole alternative. */
function leadingLiteral(body: string): { literal: string; whole: boolean } {
  let literal = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    const next = body[i + 1];
    if (ch === '\\' && next !== undefined && /[./$\-:~+]/.test(next)) {
      literal += next;
      i++;
    } else if (/[A-Za-z0-9_:~\-/ ]/.test(ch)) literal += ch;
    else return { literal, whole: false };
    // A quantifier on the last literal character makes it optional or repeated: drop it.
    if (/[?*{]/.test(body[i + 1] ?? '')) return { literal: literal.slice(0, -1), whole: false };
  }
  return { literal, whole: true };
}

function alternativePrefixes(body: string): string[] | undefined {
  if (body.startsWith('(?:')) {
    const end = groupEnd(body, 0);
    // An optional or repeated group, or one without literals, gives no prefix.
    if (end < 0 || /^[?*{]/.test(body.slice(end + 1))) return undefined;
    const inner = topAlternatives(body.slice(3, end)).map(leadingLiteral);
    if (inner.some((i) => i.literal.length < 2)) return undefined;
    // After a group of whole literals, the text that follows it is part of each prefix.
    const after = inner.every((i) => i.whole) ? leadingLiteral(body.slice(end + 1)).literal : '';
    return inner.map((i) => i.literal + (i.whole ? after : ''));
  }
  const { literal } = leadingLiteral(body);
  return literal.length < 2 ? undefined : [literal];
}
