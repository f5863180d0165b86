import { alternativesTree } from './alternation';
import { cuedMatches, digitsOf, matches } from './context';
import { COUNTRIES_IN_ANY_LANGUAGE, ENGLISH_WORDS, PLACES_AND_EPONYMS } from './listed-given-names';
import { DOCUMENT_LABELS, NATIONAL_ID_FORMATS, type NationalIdFormat } from './national-id-formats';
import { isOneCharacter } from './secret-values';
import { cellsUnder, mayHoldTable } from './table-lines';
import { finding, type Detector, type Finding } from './types';

/** How far before a value its name may stand ("Burgerservicenummer (BSN) van de klant: …"); after it, 20 characters. */
const NAME_WINDOW = 80;
/** The scripts written without blanks between words, where a number runs on into the sentence. */
const WITHOUT_BLANKS = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]`;
/** What a word or a number may not touch: a letter or a digit, but not one of those ("私のマイナンバーは123456789018です"). */
const LETTER_OR_DIGIT = new RegExp(String.raw`\p{N}|(?!${WITHOUT_BLANKS})\p{L}`, 'u');
const GROUP_SEPARATOR = /[ .\/-]/;

/**
 * Not inside a longer run of letters and digits, nor a group of a longer number ("4111 1111 1111 1111" holds no
 * Aadhaar). Tested here rather than in the patterns: a pattern that opens with a lookbehind is tried at every position.
 */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (LETTER_OR_DIGIT.test(before) || LETTER_OR_DIGIT.test(after)) return false;
  // A group of a longer number only where the value's own edge is a digit: "12345678Z 28 años" ends at its letter.
  const groupBefore = /\d/.test(text[start] ?? '') && GROUP_SEPARATOR.test(before) && /\d/.test(text[start - 2] ?? '');
  const groupAfter = /\d/.test(text[end - 1] ?? '') && GROUP_SEPARATOR.test(after) && /\d/.test(text[end + 1] ?? '');
  return !groupBefore && !groupAfter;
}

/** One digit over and over ("111.111.111-11", "000.000.000-00"): a form's filler, whatever its check says. */
const oneDigitRepeated = (value: string) => isOneCharacter(digitsOf(value));

/** Whether a text holds an identifier's name; `lower` is the text in lower case, when the caller has it already. */
type Names = (text: string, lower?: string) => boolean;

/** A word of those scripts ends where a digit starts ("身份证号码11010519…"). */
const IN_WITHOUT_BLANKS = new RegExp(WITHOUT_BLANKS, 'u');
const touches = (edge: string, neighbour: string) => LETTER_OR_DIGIT.test(neighbour) && !(/\d/.test(neighbour) && IN_WITHOUT_BLANKS.test(edge));

/** Whether `pattern` matches a whole word of `text` (words are matched in the text written in lower case). */
function holdsWord(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const end = m.index + m[0].length;
    if (!touches(m[0][0]!, text[m.index - 1] ?? '') && !touches(m[0][m[0].length - 1]!, text[end] ?? '')) return true;
    pattern.lastIndex = m.index + 1;
  }
  return false;
}

/** Its words in any case, its acronyms in capitals. */
function names(words: string, acronyms: string | undefined): Names {
  const inLowerCase = new RegExp(alternativesTree(words.toLowerCase()), 'g');
  const inCapitals = acronyms ? new RegExp(alternativesTree(acronyms), 'g') : undefined;
  return (text, lower = text.toLowerCase()) => holdsWord(inLowerCase, lower) || (inCapitals !== undefined && holdsWord(inCapitals, text));
}

function nameNear(text: string, start: number, end: number, named: Names): boolean {
  return named(text.slice(Math.max(0, start - NAME_WINDOW), start)) || named(text.slice(end, end + 20));
}

interface CompiledFormat {
  format: NationalIdFormat;
  pattern: RegExp;
  /** The pattern matching a whole cell. */
  whole: RegExp;
  named: Names;
  /** A header that is its acronym alone, in any case ("bsn", "Nhs_No"): a column's title is no word of a sentence. */
  acronymHeader?: RegExp;
}

/**
 * The acronyms a column's title may hold in any case: letters alone, and no English word ("bsn", "pesel"; not "sin",
 * "pan", whose columns hold other things).
 */
function headerAcronyms(format: NationalIdFormat): string | undefined {
  const plain = (format.acronyms ?? '').split('|').filter((a) => /^[A-Za-z]+$/.test(a) && !ENGLISH_WORDS.has(a.toLowerCase()));
  return plain.length > 0 ? plain.join('|') : undefined;
}
/** A column's title may add a number's word to an acronym ("NHS_NO", "SIN #"). */
const ACRONYM_SUFFIX = String.raw`(?:[ _-]?(?:no|nr|number|num|#))?`;

const FORMATS: CompiledFormat[] = NATIONAL_ID_FORMATS.map((format) => {
  const acronyms = headerAcronyms(format);
  return {
    format,
    pattern: new RegExp(format.pattern, format.anyCase ? 'gi' : 'g'),
    whole: new RegExp(`^(?:${format.pattern})$`, format.anyCase ? 'i' : ''),
    named: names(format.words, format.acronyms),
    acronymHeader: acronyms ? new RegExp(String.raw`^(?:${acronyms})${ACRONYM_SUFFIX}$`, 'i') : undefined,
  };
});
/** Every format's name at once: a text naming none is read for the shapes found alone only. */
const ANY_NAME = names(NATIONAL_ID_FORMATS.map((f) => f.words).join('|'), NATIONAL_ID_FORMATS.flatMap((f) => (f.acronyms ? [f.acronyms] : [])).join('|'));
/** Formats found alone, for a text that names none. */
const ALONE = FORMATS.filter((f) => f.format.alone);
/** A table's separators: a text without them, or without lines, has no column to read. */
const TABLE = /[|\t;,]/;
/**
 * A cell that is an identifier's acronym alone, in any case ("bsn", "Nhs_No"): with the identifiers' names as the
 * text writes them, what a table with such a column holds ("run" in a sentence is no header).
 */
const ACRONYM_CELL = new RegExp(
  String.raw`(?:^|[|\t;,])[ \t]*["'*_\x60]*(?:${NATIONAL_ID_FORMATS.flatMap((f) => headerAcronyms(f) ?? []).join('|')})${ACRONYM_SUFFIX}["'*_\x60:]*[ \t]*(?=[|\t;,\r]|$)`,
  'im',
);
/** The formats a column's title names (a title is short): their words or acronyms in it, or an acronym alone in any case. */
function formatsNamedBy(title: string): CompiledFormat[] {
  if (title.length > 40) return [];
  return FORMATS.filter((f) => f.named(title) || f.acronymHeader?.test(title) === true);
}

/**
 * A table's column named for an identifier ("BSN", "NHS_NO", "Personnummer"): its cells are that identifier's however
 * far below the header they stand, when its check holds.
 */
function inColumns(text: string): Array<{ start: number; value: string }> {
  const byTitle = new Map<string, CompiledFormat[]>();
  const formatsOf = (title: string) => byTitle.get(title) ?? byTitle.set(title, formatsNamedBy(title)).get(title)!;
  return cellsUnder(text, { test: (title) => formatsOf(title).length > 0 }).filter((cell) =>
    formatsOf(cell.title).some(({ whole, format }) => whole.test(cell.value) && format.valid(cell.value)),
  );
}

/** How many distinct numbers are looked for again: each is a scan of the text. */
const MAX_REPEATED = 50;
const NUMBER_WORD = String.raw`(?:no\.?|nr\.?|number|num(?:ber|[ée]ro|ero)?|nummer|n[úu]mero|#|n[°º])`;
/**
 * A document's number after its label ("Passport No.: X1234567", "my driver's license number is D123-4567", "a driver's
 * license (50F8CZ82)"): one token of five letters and digits or more (dashes may part it), a digit at least, or for
 * a licence six to twelve capitals that spell no English word ("License: MUNZGMAZ"; not "EXPIRED", "PENDING").
 */
const DOCUMENT = new RegExp(
  String.raw`(?:(?<passport>${DOCUMENT_LABELS.passport})|${DOCUMENT_LABELS.driving_licence})(?:[ _-]*${NUMBER_WORD})?(?![\p{L}\p{N}])\.?(?:[ \t]+(?:is|was|ist|est|es|é|è))?(?:[ \t]*[:#=(|*"'\x60-]){0,4}[ \t]*(?<value>(?=[A-Za-z-]*\d)(?=[A-Za-z0-9-]{5})[A-Za-z0-9]{1,20}(?:-[A-Za-z0-9]{1,10}){0,3}|[A-Z]{6,12})(?![\p{L}\p{N}-])`,
  'diuy',
);
/**
 * Capitals alone that read as no word: none of the dictionary's, no place's, and as few vowels as letters drawn at
 * random have (a fifth): "MUNZGMAZ", not "CALIFORNIA", "REDACTED", "SUSPENDU" or "PENDIENTE".
 */
function lettersSpellNoWord(value: string): boolean {
  if (!/^[A-Z]+$/.test(value)) return false;
  const lower = value.toLowerCase();
  const vowels = value.replace(/[^AEIOU]/g, '').length;
  return vowels / value.length < 0.35 && !ENGLISH_WORDS.has(lower) && !PLACES_AND_EPONYMS.has(lower) && !COUNTRIES_IN_ANY_LANGUAGE.has(lower);
}
const hasDigit = (value: string) => /\d/.test(value);
/** A software licence's name after "license" ("my license is GPL-3.0", "MIT-0", "GPLv2"): no one's document. */
const SOFTWARE_LICENCE = /^(?:A?GPL|LGPL|MPL|EPL|MIT|BSD|CC|CDDL|EUPL|OSL|AFL|APL|ISC|ZPL|CECILL|APACHE)(?![A-Z])/i;
/**
 * A document's number as printed, or typed in lower case in a chat ("d1234567"): not in both cases ("OAuth2" after
 * "Laravel Passport" is a library's word), nor a software licence's name.
 */
const documentNumber = (value: string, passport: boolean) =>
  !(/[a-z]/.test(value) && /[A-Z]/.test(value)) &&
  !SOFTWARE_LICENCE.test(value) &&
  // A passport's number is mostly digits, four at least ("passport jwt2fa" is a library's name).
  (passport ? digitsOf(value).length >= 4 : hasDigit(value) || lettersSpellNoWord(value));
/**
 * Where a document's label can start: its first words. Ignoring case under `u`, the label's pattern tried at every
 * position of a 4 KB text took 1.5 ms; tried only where one of these stands, some 20 µs.
 */
const DOCUMENT_START = new RegExp(alternativesTree('pas|reisepass|driv|licen|my|his|her|their|your|dl|führerschein|permis|carn|patente|rijbewijs|carteira', true), 'giu');
/** What a text holding a label holds ("DL" with no letter before it: the label is a word's start, "handle" holds none). */
const DOCUMENT_CUE = /pas(?:s(?:port|eport|aporte|aporto|nummer|-?nr)|aporte|aporto|poort|zport)|reisepass|licen[cs](?:e|ia)|führerschein|permis de|carn[eé]?t? de|patente di|rijbewijs|carteira de|(?<![a-z])dl/i;

/**
 * National identity, tax and social security numbers of some forty countries, each checked as its issuer checks it
 * (`national-id-formats.ts`), and a passport's or a driving licence's number after its label. US SSNs are `ssn`.
 */
export const nationalIdDetector: Detector = {
  name: 'national-id',
  category: 'national_id',
  priority: 88,
  detect(text) {
    const labelled = DOCUMENT_CUE.test(text);
    // Every identifier holds a digit, but a driving licence's number after its label ("License: MUNZGMAZ").
    if (!labelled && !/\d/.test(text)) return [];
    // The whole text in lower case once, for every format's words.
    const lower = text.toLowerCase();
    const named = ANY_NAME(text, lower);
    const out: Finding[] = [];
    const taken = new Set<string>();
    const add = (start: number, value: string, confidence: number) => {
      const key = `${start}:${value.length}`;
      if (taken.has(key)) return;
      taken.add(key);
      out.push(finding(this, start, value, confidence));
    };
    for (const { format, pattern, named: name } of named ? FORMATS : ALONE) {
      if ((named && !format.alone && !name(text, lower)) || (format.requires && !format.requires.test(text))) continue;
      for (const m of matches(text, pattern)) {
        const value = m[0];
        if (!standsAlone(text, m.index, m.index + value.length) || taken.has(`${m.index}:${value.length}`) || oneDigitRepeated(value) || !format.valid(value)) continue;
        const near = named && nameNear(text, m.index, m.index + value.length, name);
        if (near || format.alone?.(value)) add(m.index, value, near ? 0.95 : 0.85);
      }
    }
    if (mayHoldTable(text) && TABLE.test(text) && (named || ACRONYM_CELL.test(text))) {
      for (const cell of inColumns(text)) add(cell.start, cell.value, 0.95);
    }
    if (labelled) {
      for (const m of cuedMatches(text, DOCUMENT_START, DOCUMENT)) {
        const value = m.groups!.value!;
        if (LETTER_OR_DIGIT.test(text[m.index - 1] ?? '') || !documentNumber(value, m.groups!.passport !== undefined)) continue;
        add(m.indices!.groups!.value![0], value, 0.9);
      }
    }
    // A number found is that number wherever else the text repeats it ("…license (4CPRJ9NH)… verify that 4CPRJ9NH"):
    // one with a digit and six characters at least, so no word and no amount ("Passport No. 100000 … Salary: 100000").
    const repeated = [...new Set(out.map((f) => f.value))].filter((v) => v.length >= 6 && hasDigit(v) && (/[A-Za-z]/.test(v) || v.length >= 9));
    for (const value of repeated.slice(0, MAX_REPEATED)) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
        if (standsAlone(text, at, at + value.length)) add(at, value, 0.9);
      }
    }
    return out;
  },
};
