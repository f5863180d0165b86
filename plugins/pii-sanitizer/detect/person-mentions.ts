import { matches } from './context';
import { DETERMINERS, NOT_NAMES, WORDLIKE_NAMES } from './names-gazetteer';
import type { Finding } from './types';

/**
 * Bounds on the work one text can cause: distinct seed names (and words judged), a name's length (a 30,000-letter
 * "name" would build a pattern too large to compile), and mentions added.
 */
const MAX_SEEDS = 100;
const MAX_NAME_LENGTH = 60;
const MAX_MENTIONS = 500;
const ESCAPE = /[.*+?^${}()|[\]\\/]/g;
/**
 * After a mention: no letter, digit, apostrophe or hyphen ("Turner" is not in "Turner-Smith"). The character before
 * is checked apart, so that the pattern starts with its words, not with a lookbehind tried at every position.
 */
const BOUNDED = (alternation: string) => String.raw`(?:${alternation})(?![\p{L}\p{N}'’-])`;
const WORD_CHARACTER = /[\p{L}\p{N}'’-]/u;

/**
 * A word of a name that names the person on its own: capitalised, three letters or more, not an initial, a
 * particle or a word that is also an everyday one ("Will", "Mark", "The"), and not written in lower case elsewhere
 * in the text, which makes it a word there too ("Thanks to James Long … a long value", "John Rust … the rust crate").
 */
function mentionWord(word: string, text: string): boolean {
  const lower = word.toLowerCase();
  if (word.length < 3 || !/^\p{Lu}\p{Ll}/u.test(word) || NOT_NAMES.has(lower) || WORDLIKE_NAMES.has(lower) || DETERMINERS.has(lower)) return false;
  return !writtenInLowerCase(text, lower);
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/**
 * Whether the text holds `lower` as a whole word in lower case (no letter or digit on either side): a search for the
 * string, with no pattern compiled per word.
 */
export function writtenInLowerCase(text: string, lower: string): boolean {
  for (let at = text.indexOf(lower); at >= 0; at = text.indexOf(lower, at + 1)) {
    const end = at + lower.length;
    if ((at === 0 || !LETTER_OR_DIGIT.test(text[at - 1]!)) && (end === text.length || !LETTER_OR_DIGIT.test(text[end]!))) return true;
  }
  return false;
}

/** Whether [start, end) overlaps one of the findings: a binary search over their starts, with the furthest end so far. */
export function coverage(findings: Finding[]): (start: number, end: number) => boolean {
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
 * Once a person is named with strong evidence (`seeds`: a title, a greeting, a phrase such as "my name is" but not
 * "called" or "named", a known given name with a surname, a middle initial), the text's other mentions of them are
 * names too: "directed by Maciej Borkowski and starring Borkowski", "Leah Turner of Acme … including Turner", and the whole name again in another case
 * (">Alexandrine Z. Remy … >alexandrine remy"). Masking the name but not its repetitions would leak the surname the
 * placeholder hides. A word repeats in the case it was found in, and `add` judges where it stands; a whole name
 * repeats in any case. `found`: every finding so far, which mentions must not overlap.
 */
export function addMentions(
  text: string,
  seeds: Finding[],
  found: Finding[],
  add: (start: number, value: string, alone: boolean) => boolean,
): void {
  const words = new Set<string>();
  const names = new Set<string>();
  // A name repeated a thousand times is one seed: each word is judged once (its check reads the whole text).
  const seenNames = new Set<string>();
  const seenWords = new Set<string>();
  for (const seed of seeds) {
    if (seed.value.length > MAX_NAME_LENGTH || seenNames.has(seed.value)) continue;
    seenNames.add(seed.value);
    const parts = seed.value.split(/[ \t]+/);
    // With and without a middle initial: "Alexandrine Z. Remy" is "alexandrine remy" too.
    const withoutInitials = parts.filter((p) => !/^\p{L}\.?$/u.test(p));
    for (const name of [parts, withoutInitials]) if (name.length > 1 && name.join(' ').length >= 5) names.add(name.join(' ').toLowerCase());
    for (const part of parts) {
      if (!seenWords.has(part) && mentionWord(part, text)) words.add(part);
      seenWords.add(part);
    }
    if (names.size + words.size >= MAX_SEEDS || seenWords.size >= 2 * MAX_SEEDS) break;
  }
  const covered = coverage(found.filter((f) => f.confidence >= 0.5));
  const alternation = (values: Set<string>) =>
    [...values]
      .sort((a, b) => b.length - a.length)
      .map((v) => v.replace(ESCAPE, '\\$&').replace(/[ \t]+/g, '[ \\t]+'))
      .join('|');
  const searches: Array<[RegExp, string, boolean]> = [];
  if (names.size > 0) {
    // Whole names in any case are searched for in the lower-cased text, when lower-casing keeps every offset.
    const lower = text.toLowerCase();
    const sameOffsets = lower.length === text.length;
    searches.push([new RegExp(BOUNDED(alternation(names)), sameOffsets ? 'gu' : 'giu'), sameOffsets ? lower : text, false]);
  }
  if (words.size > 0) searches.push([new RegExp(BOUNDED(alternation(words)), 'gu'), text, true]);
  let added = 0;
  for (const [pattern, searched, alone] of searches) {
    for (const m of matches(searched, pattern)) {
      if (added >= MAX_MENTIONS) return;
      const end = m.index + m[0].length;
      if (WORD_CHARACTER.test(text[m.index - 1] ?? '') || covered(m.index, end)) continue;
      if (add(m.index, text.slice(m.index, end), alone)) added++;
    }
  }
}
