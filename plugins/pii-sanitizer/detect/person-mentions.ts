import { matches } from './context';
import { DETERMINERS, NOT_NAMES, WORDLIKE_NAMES } from './names-gazetteer';
import type { Finding } from './types';

/**
 * A found name is a seed for its other mentions when it was found with strong evidence: a full name (a known given
 * name and a surname, a middle initial, a phrase such as "my name is"), or one word after a title ("Mr. Turner").
 */
const SEED_CONFIDENCE = 0.8;
const SINGLE_SEED_CONFIDENCE = 0.9;
/** Bounds on the work one text can cause: distinct seed names, and mentions added. */
const MAX_SEEDS = 100;
const MAX_MENTIONS = 500;
const ESCAPE = /[.*+?^${}()|[\]\\/]/g;
/**
 * Before and after a mention: no letter, digit, apostrophe or hyphen ("Turner" is not in "Turner-Smith"). The
 * character before is checked apart: a pattern that starts with a lookbehind is tried at every position, one that
 * starts with its words is searched for quickly.
 */
const BOUNDED = (alternation: string) => String.raw`(?:${alternation})(?![\p{L}\p{N}'’-])`;
const WORD_CHARACTER = /[\p{L}\p{N}'’-]/u;

/**
 * A word of a name that names the person on its own: capitalised, three letters or more, not an initial, a
 * particle or a word that is also an everyday one ("Will", "Mark", "The").
 */
function mentionWord(word: string): boolean {
  const lower = word.toLowerCase();
  return word.length >= 3 && /^\p{Lu}\p{Ll}/u.test(word) && !NOT_NAMES.has(lower) && !WORDLIKE_NAMES.has(lower) && !DETERMINERS.has(lower);
}

/** Whether [start, end) overlaps one of the findings: a binary search over their starts, with the furthest end so far. */
function coverage(findings: Finding[]): (start: number, end: number) => boolean {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  const furthest: number[] = [];
  for (const f of sorted) furthest.push(Math.max(f.end, furthest[furthest.length - 1] ?? 0));
  return (start, end) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && furthest[lo - 1]! > start;
  };
}

/**
 * Once a person is named, the text's other mentions of them are names too: "directed by Maciej Borkowski and
 * starring Borkowski", "Leah Turner of Acme … including Turner", and the whole name again in another case
 * (">Alexandrine Z. Remy … >alexandrine remy"). Masking the name but not its repetitions would leak the
 * surname the placeholder hides. A word repeats in the case it was found in; a whole name in any case.
 */
export function addMentions(text: string, found: Finding[], add: (start: number, value: string) => boolean): void {
  const seeds = found.filter((f) => f.confidence >= (/\s/.test(f.value) ? SEED_CONFIDENCE : SINGLE_SEED_CONFIDENCE));
  if (seeds.length === 0) return;
  const words = new Set<string>();
  const names = new Set<string>();
  for (const seed of seeds) {
    const parts = seed.value.split(/[ \t]+/);
    // With and without a middle initial: "Alexandrine Z. Remy" is "alexandrine remy" too.
    const withoutInitials = parts.filter((p) => !/^\p{L}\.?$/u.test(p));
    for (const name of [parts, withoutInitials]) if (name.length > 1 && name.join(' ').length >= 5) names.add(name.join(' ').toLowerCase());
    for (const part of parts) if (mentionWord(part)) words.add(part);
    if (names.size + words.size >= MAX_SEEDS) break;
  }
  const covered = coverage(found.filter((f) => f.confidence >= 0.5));
  const alternation = (values: Set<string>) =>
    [...values]
      .sort((a, b) => b.length - a.length)
      .map((v) => v.replace(ESCAPE, '\\$&').replace(/[ \t]+/g, '[ \\t]+'))
      .join('|');
  // Whole names in any case are searched for in the lower-cased text, when lower-casing keeps every offset.
  const searches: Array<[RegExp, string]> = [];
  if (names.size > 0) {
    const lower = text.toLowerCase();
    const sameOffsets = lower.length === text.length;
    searches.push([new RegExp(BOUNDED(alternation(names)), sameOffsets ? 'gu' : 'giu'), sameOffsets ? lower : text]);
  }
  if (words.size > 0) searches.push([new RegExp(BOUNDED(alternation(words)), 'gu'), text]);
  let added = 0;
  for (const [pattern, searched] of searches) {
    for (const m of matches(searched, pattern)) {
      if (added >= MAX_MENTIONS) return;
      const end = m.index + m[0].length;
      if (WORD_CHARACTER.test(text[m.index - 1] ?? '') || covered(m.index, end)) continue;
      if (add(m.index, text.slice(m.index, end))) added++;
    }
  }
}
