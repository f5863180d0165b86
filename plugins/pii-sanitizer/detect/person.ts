import { matches } from './context';
import { GIVEN_NAMES, NOT_NAMES } from './names-gazetteer';
import { finding, type Detector, type Finding } from './types';

/**
 * Person names offline, by rules: a title (Dr., Mrs.) or a phrase ("my name is",
 * "Dear", "Regards,") before capitalised words; a known given name followed by a
 * capitalised word; and capitalised word pairs that are not common words. Names
 * from many locales (diacritics, particles such as "van" or "da") are covered by
 * Unicode letter classes rather than by lists.
 */
const WORD = String.raw`\p{Lu}[\p{Ll}'’\-]*\p{Ll}|\p{Lu}\.`;
const NAME = String.raw`(?:${WORD})(?:\s+(?:(?:van|von|de|da|del|der|di|du|la|le|bin|al)\s+)?(?:${WORD})){0,3}`;
const TITLE = new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Madam|Mme|Herr|Frau|Sr|Sra)\.?\s+(${NAME})`, 'gu');
const TRIGGERS = ['my name is', 'name is', 'i am', "i'm", 'called', 'named', 'name:', 'last name?', 'first name?', 'surname:', 'dear', 'hi', 'hello', 'hey', 'signed', 'regards,', 'sincerely,', 'thanks,', 'cheers,', 'from', 'by', 'with', 'to', 'for', 'ask', 'tell', 'contact', 'meet', 'met', 'and'];
/** Triggers match in either case at their first letter; the name itself must be capitalised (no `i` flag). */
const caseless = (t: string) => `[${t[0].toUpperCase()}${t[0]}]${t.slice(1).replace(/[?]/g, '\\?')}`;
const PHRASE = new RegExp(String.raw`(?:\b(?:${TRIGGERS.map(caseless).join('|')})\s+)(${NAME})`, 'gu');
const SINGLE = new RegExp(String.raw`(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}])`, 'gu');
const PAIR = new RegExp(String.raw`(?<![\p{L}\p{N}])(${WORD})(\s+(?:${WORD})){1,2}(?![\p{L}\p{N}])`, 'gu');
const LOWER_PAIR = /\b([a-z\u00e0-\u00ff]{2,})\s+([a-z\u00e0-\u00ff]{3,})\b/g;

function clean(text: string): string {
  return text.replace(/['’]s$/, '').replace(/[.,]$/, '');
}

function isNameish(candidate: string): boolean {
  const words = candidate.split(/\s+/);
  return words.every((w) => !NOT_NAMES.has(w.toLowerCase()));
}

export const personDetector: Detector = {
  name: 'person',
  category: 'person',
  priority: 30,
  detect(text) {
    const out: Finding[] = [];
    const add = (start: number, raw: string, confidence: number) => {
      const value = clean(raw);
      if (value.length >= 2 && isNameish(value)) out.push(finding(this, start, value, confidence));
    };
    for (const m of matches(text, TITLE)) add(m.index + m[0].lastIndexOf(m[1]), m[1], 0.9);
    for (const m of matches(text, PHRASE)) {
      const trigger = m[0].slice(0, m[0].length - m[1].length).trim().toLowerCase();
      const strong = !/^(from|by|with|to|for|ask|tell|contact|meet|met|and)$/.test(trigger);
      const words = m[1].split(/\s+/);
      const known = GIVEN_NAMES.has(words[0].toLowerCase());
      if (strong || known || words.length >= 2) add(m.index + m[0].length - m[1].length, m[1], strong ? 0.85 : 0.7);
    }
    for (const m of matches(text, PAIR)) {
      const first = m[1].toLowerCase();
      const atSentenceStart = /(^|[.!?]\s+|\n)$/.test(text.slice(Math.max(0, m.index - 3), m.index));
      if (GIVEN_NAMES.has(first)) add(m.index, m[0], 0.85);
      else if (!atSentenceStart && isNameish(m[0])) add(m.index, m[0], 0.55);
      else if (atSentenceStart && isNameish(m[0]) && m[0].split(/\s+/).length === 2) add(m.index, m[0], 0.5);
    }
    for (const m of matches(text, SINGLE)) {
      if (GIVEN_NAMES.has(m[1].toLowerCase())) add(m.index, m[1], 0.7);
    }
    for (const m of matches(text, LOWER_PAIR)) {
      if (GIVEN_NAMES.has(m[1]) && !NOT_NAMES.has(m[2])) add(m.index, m[0], 0.6);
    }
    return out;
  },
};
