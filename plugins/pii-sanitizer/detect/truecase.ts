import { byStart, firstFrom, furthestReaching } from './by-position';
import { someHyphenPart } from './context';
import { TITLE_WORDS } from './names-gazetteer';
import { DEFAULT_MIN_CONFIDENCE, type Detector, type Finding } from './types';

/**
 * A text written all in lower case ("follow up with patricia desrosiers in a couple of months", a chat typed on a phone)
 * is read with the capitals a writer would have given it: each sentence's first word, "I", titles, and the words that
 * are no English ones or are given names. The person and address rules, written for capitals, then read it as they
 * read any text; the findings keep the text's own letters. Only the first letter of a word changes, so every offset
 * stays where it was.
 */
const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;
const UPPER = /\p{Lu}/u;
/**
 * Whether a text holds a capital letter. ASCII's capitals are looked for first and the Unicode property only where a
 * character outside ASCII stands: V8 tests the property at every position, some forty µs for 4 KB written in lower case.
 */
export function holdsCapital(text: string): boolean {
  return /[A-Z]/.test(text) || (/[^\x00-\x7F]/.test(text) && UPPER.test(text));
}
const LETTERS = /\p{L}/gu;
/** Enough letters to tell a text written in lower case from a word or two. */
const MIN_LETTERS = 12;
/** A sentence's or a line's start before a word, past a bullet or a quote's marks ("> ", "??? ", "- "). */
const SENTENCE_START_BEFORE = /(?:^|[.!?\n][ \t"'“‘(]*|\n[ \t]*[>?*•·▪–-]+[ \t]*)$/;

export function writtenInLowerCase(text: string): boolean {
  if (holdsCapital(text)) return false;
  LETTERS.lastIndex = 0;
  let letters = 0;
  while (LETTERS.exec(text) && ++letters < MIN_LETTERS);
  return letters >= MIN_LETTERS;
}

function capitalise(word: string): string {
  const first = word[0]!.toUpperCase();
  return first.length === 1 ? first + word.slice(1) : word;
}

const TOKEN_MARKS = new Set('@/\\_#$&=%');
/** Part of an address, a path or an identifier: "jourrapide.com", "a@b", "snake_case", "v1.2". */
function partOfToken(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  if (TOKEN_MARKS.has(before) || TOKEN_MARKS.has(after)) return true;
  return (after === '.' && /\p{L}|\d/u.test(text[end + 1] ?? ' ')) || (before === '.' && /\p{L}|\d/u.test(text[start - 2] ?? ' '));
}

/** Short words that are no English ones are acronyms as often ("cpu", "hpa", "sso"); abbreviations stay as written. */
const SHORTEST_CAPITALISED = 4;
/** A place's first word, capitalised with the name after it ("san francisco" → "San Francisco", not "san Francisco"). */
const PLACE_FIRST_WORDS = new Set(['san', 'santa', 'santo', 'são', 'st', 'saint', 'sainte', 'fort', 'port', 'mount', 'mt', 'cape', 'los', 'las']);
const LINE_START_BEFORE = /(?:^|\n)[ \t>?*•·▪–-]*$/;
const LINE_END_AFTER = /^[ \t.,:;!?"'\]]*(?:\r?\n|$)/;
/** Words written with a period that ends no sentence. */
const SHORTENED = new Set([...TITLE_WORDS, 'st', 'mt', 'vs', 'etc', 'e.g', 'i.e', 'no', 'vol', 'ch', 'fig', 'approx', 'dept', 'inc', 'ltd', 'co', 'jr', 'sr']);
const CONTRACTION = /n['’]t$|['’](?:s|d|ll|re|ve|m)$/i;
const ABBREVIATIONS = new Set(['vs', 'etc', 'eg', 'ie', 'aka', 'approx', 'incl', 'excl', 're', 'ok', 'pls', 'thx', 'lol', 'btw', 'imo', 'fyi', 'asap']);
/**
 * A text is read as English when a fifth of its words or more are English's commonest: a line of names and addresses
 * has few ("eva kleist lives at 255 hersnapvej 18, københavn k" has two), a sentence of another language none ("nowa
 * wersja aplikacji jest już dostępna"). In another language only its sentences' first words, titles and given names
 * are capitalised, since most of its words are no English ones.
 */
const ENGLISH_SHARE = 0.2;
/** Or when few of its words would be capitalised: a line of names, a form. */
const FEW_CAPITALISED = 0.34;
/**
 * The small words of the languages prompts come in besides English (French, Spanish, Italian, Portuguese, German,
 * Dutch, Polish): a text holding more of them than of English's commonest is in another language, however few of its
 * longer words read as unknown ("nous sommes une clinique vétérinaire à nantes").
 */
const OTHER_LANGUAGES_SMALL_WORDS = new Set(
  [
    'le la les des du une un est sont et ou que qui pour avec dans sur pas nous vous je il elle ils ce cette ces mon ma mes sa ses au aux à été être très mais comme déjà',
    'el los las del una por para es está están qué cómo pero muy mi mis tu su sus se lo al y tiene tengo esta este esto',
    'il lo gli della delle dei degli di da che non sono è uno nel nella alla anche questo questa mio mia',
    'o os da dos das não em uma com são você meu minha na nos nas é mas',
    'der das und ist nicht ich du wir sie es ein eine einen mit für von zu auf bei wie auch sich dem des im oder aber',
    'het een de en ik je jij wij niet wel voor ons onze moet heeft hebben zijn wordt met op naar maar ook dit dat deze',
    'w z na się nie jest że jak czy dla po od',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Other languages' greetings, salutations and introductions, after which a name stands ("hola, soy", "beste",
 * "sehr geehrte frau", "je m'appelle"); not their verbs "to be" alone ("ich bin müde").
 */
const NAME_CUES_OF_OTHER_LANGUAGES = new Set(
  `soy sou llamo chiamo appelle heiße heisse heet nazywam chamo hola hallo hoi bonjour bonsoir salut cher chère ciao caro cara olá oi
querido querida estimado estimada lieber liebe geehrte geehrter frau herr señor señora signor signora signore mevrouw meneer pani pan
groeten saludos grüße gruß merci gracias grazie obrigado obrigada danke bedankt dziękuję cześć witam szanowna szanowny`.split(/\s+/),
);

/**
 * What follows a greeting when it names no one: a group ("olá equipa", "hallo zusammen"), the time of day ("hola buenas
 * tardes", "bonjour bonne journée", "ciao buongiorno"), a role ("lieber kunde", "hola doctora").
 */
const GREETED_NOT_BY_NAME = new Set(
  `equipa equipo todos todas tutti tutte zusammen allemaal iedereen tous toutes team collega's colleghi colegas kollegen kolleginnen leute
ragazzi chicos chicas amigos amigas amici gente pessoal pessoas wszystkim wszyscy mundo monde welt mondo wereld familia famiglia família familie
buenas buenos tardes noches días dias buen bom boa tarde noite bonne bonnes journée soirée buongiorno buonasera buonanotte buona giornata serata
guten morgen abend tag goedemorgen goedemiddag goedenavond dzień dobry
kunde kundin kunden cliente clientes client clients klant klanten klient doctora doctor docteur dottore dottoressa doktor dokter médico médica
amigo amiga amico amica chef chefe jefe jefa capo madame monsieur mademoiselle messieurs mesdames damen herren dames heren signori signore
colega collega collègue collègues kollege kollegin vecino vecina voisin voisine nachbar nachbarin professor professora profesor profesora professeur professore`.split(/\s+/),
);

/** What the word lists say of a word in a text written in lower case. */
export interface CasingFacts {
  /** A word a writer would capitalise (a given name, a word that is no English one). */
  capitalised(word: string): boolean;
  /** A given name that is no English word ("marie"; not "will"). */
  givenName(word: string): boolean;
  /** One of English's commonest words. */
  common(word: string): boolean;
  /** A given name or a surname of the lists written for people ("kristian", "olsen"). */
  name(word: string): boolean;
}

/** A Latin word's ending: the second word of a species, an illness or a phrase ("candida albicans", "keratosis pilaris"). */
const LATIN_ENDING = /(?:us|um|ae|ii|ans|ens|ica|alis|aris|itis|osis|ium|ensis|oides)$/;

/** Whether `text` holds blanks or tabs alone, one at least, from `start` to `end`. */
function onlyBlanks(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) if (text[i] !== ' ' && text[i] !== '\t') return false;
  return true;
}

/** `text` with the capitals `capitalised` says its words take, each sentence's first word and "I". */
export function truecased(text: string, facts: CasingFacts): string {
  const words: Array<{ word: string; start: number; named: boolean }> = [];
  let unknown = 0;
  let common = 0;
  let foreign = 0;
  // A part of a word is capitalised when it is no English word and long enough, a short one only as a given name ("Li",
  // "Ana"): the given names are asked only of a short part.
  const capitalisedPart = (part: string) => (part.length >= SHORTEST_CAPITALISED || (part.length >= SHORTEST_CAPITALISED - 2 && facts.givenName(part))) && facts.capitalised(part);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const word = m[0];
    if (partOfToken(text, m.index, m.index + word.length)) continue;
    // A contraction is judged by its word ("she'd", "won't", "couldn't").
    const base = word.includes("'") || word.includes('’') ? word.replace(CONTRACTION, '') : word;
    const named = !ABBREVIATIONS.has(base) && someHyphenPart(base, capitalisedPart);
    if (named) unknown++;
    else if (OTHER_LANGUAGES_SMALL_WORDS.has(base)) foreign++;
    else if (facts.common(base)) common++;
    words.push({ word, start: m.index, named });
  }
  const english = (common >= words.length * ENGLISH_SHARE || unknown <= words.length * FEW_CAPITALISED) && foreign <= common;
  const before = (start: number) => text.slice(Math.max(0, start - 12), start);
  /** Whether the words at `i` and `i + 1` stand side by side, blanks alone between them. */
  const sideBySide = (i: number) => i >= 0 && i + 1 < words.length && onlyBlanks(text, words[i]!.start + words[i]!.word.length, words[i + 1]!.start);
  const up = words.map(({ word, start, named }, i) => {
    const pronoun = word === 'i' || (word[0] === 'i' && (word[1] === "'" || word[1] === '’'));
    // Not after an abbreviation's period ("see the prof. notes"), nor a word alone on its line (a list of words, a
    // card's "nurse"), which no sentence starts.
    const sentenceStart =
      SENTENCE_START_BEFORE.test(before(start)) &&
      !(i > 0 && text[start - 1] !== '\n' && SHORTENED.has(words[i - 1]!.word)) &&
      !(LINE_START_BEFORE.test(before(start)) && LINE_END_AFTER.test(text.slice(start + word.length, start + word.length + 8)));
    return pronoun || TITLE_WORDS.has(word) || sentenceStart || (named && (english || facts.givenName(word)));
  });
  // In another language the words a greeting, a letter's salutation or an introduction names are a person's ("hola,
  // soy kyllikki mattila", "beste inja vlašić,"), and so is a given name's neighbour that is no English word.
  const cued = new Set<number>();
  if (!english) {
    words.forEach(({ word, start, named }, i) => {
      if (named && !GREETED_NOT_BY_NAME.has(word) && !NAME_CUES_OF_OTHER_LANGUAGES.has(word) && i > 0 && NAME_CUES_OF_OTHER_LANGUAGES.has(words[i - 1]!.word) && /^[ \t]*,?[ \t]+$/.test(text.slice(words[i - 1]!.start + words[i - 1]!.word.length, start))) {
        up[i] = true;
        cued.add(i);
      }
      if (up[i] && (cued.has(i) || facts.givenName(word)) && sideBySide(i) && words[i + 1]!.named) up[i + 1] = true;
    });
  }
  // Two words capitalised only for being no English ones, the second ending as Latin words do and neither a name the
  // written lists know, are a species' or an illness' name ("candida albicans", "keratosis pilaris", "homo erectus"),
  // not a person's.
  words.forEach(({ word, start, named }, i) => {
    const next = words[i + 1];
    if (!next || !sideBySide(i) || !named || !next.named || !up[i + 1] || cued.has(i)) return;
    if (!LATIN_ENDING.test(next.word) || facts.name(word) || facts.name(next.word)) return;
    up[i + 1] = false;
    if (!SENTENCE_START_BEFORE.test(before(start))) up[i] = false;
  });
  // A middle initial between two capitalised words ("benjamin k seiler"; not a vowel, which is a word: "anna e marco"),
  // and a place's first word before one.
  words.forEach(({ word }, i) => {
    if (!sideBySide(i) || !up[i + 1]) return;
    if (PLACE_FIRST_WORDS.has(word) || (word.length === 1 && !/[aeiouyå]/.test(word) && up[i - 1] && sideBySide(i - 1))) up[i] = true;
  });
  let out = '';
  let last = 0;
  for (const [i, { word, start }] of words.entries()) {
    if (!up[i]) continue;
    // Each part of a double name ("jean-pierre" → "Jean-Pierre"), or the first of a word with a hyphen.
    const cased = word.includes('-') && word.split('-').every((part) => part.length > 1 && facts.capitalised(part)) ? word.split('-').map(capitalise).join('-') : capitalise(word);
    out += text.slice(last, start) + cased;
    last = start + word.length;
  }
  return out + text.slice(last);
}

/**
 * The two readings' findings: where one holds the other ("benjamin k seiler" and "Benjamin"), the wider stays, as sure
 * as the surer of the two, so the rest of a name is not left in clear.
 */
function merged(asWritten: Finding[], asCased: Finding[]): Finding[] {
  // Only findings that count: a detector's weak guesses are no name to widen. Searched by position: a 200 KB text can
  // hold 30,000 findings.
  const counts = (f: Finding) => f.confidence >= DEFAULT_MIN_CONFIDENCE;
  const written = byStart(asWritten.filter(counts));
  const reach = furthestReaching(written);
  const dropped = new Set<Finding>();
  const added: Finding[] = [];
  for (const f of asCased) {
    if (!counts(f)) {
      added.push(f);
      continue;
    }
    const at = firstFrom(written, f.start, true);
    const holder = at > 0 && reach[at - 1]!.end >= f.end ? reach[at - 1]! : undefined;
    if (holder && !dropped.has(holder)) {
      holder.confidence = Math.max(holder.confidence, f.confidence);
      continue;
    }
    let confidence = f.confidence;
    for (let i = firstFrom(written, f.start); i < written.length && written[i]!.start < f.end; i++) {
      if (written[i]!.end > f.end) continue;
      confidence = Math.max(confidence, written[i]!.confidence);
      dropped.add(written[i]!);
    }
    added.push({ ...f, confidence });
  }
  return [...asWritten.filter((f) => !dropped.has(f)), ...added];
}

/**
 * The person and the address rules read the same text one after the other: it is cased once for both (the last text
 * and the facts it was cased with are kept; a string compared with itself is not read). The text is a prompt's, personal
 * data and all: whoever reads with these detectors forgets it when the reading is done (`forgetCasedText`), so that it
 * does not outlive its request in this module.
 */
let lastCased: { text: string; facts: CasingFacts; cased: string } | undefined;
function casedOnce(text: string, facts: CasingFacts): string {
  if (lastCased?.text !== text || lastCased.facts !== facts) lastCased = { text, facts, cased: truecased(text, facts) };
  return lastCased.cased;
}

/** Drops the text kept for `casedOnce`. */
export function forgetCasedText(): void {
  lastCased = undefined;
}

/** Whether a text is kept for `casedOnce` (for tests). */
export function holdsCasedText(): boolean {
  return lastCased !== undefined;
}

/** A detector that reads a text written in lower case with its capitals restored (`truecased`). */
export function readingLowerCaseAsCased(detector: Detector, facts: CasingFacts): Detector {
  return {
    ...detector,
    detect(text) {
      if (!writtenInLowerCase(text)) return detector.detect(text);
      // The rules written for names typed in lower case ("with mark stevens", "a nombre de savanah nikolaus") read it as
      // it is; the rest read it cased. Where both find a name, the overlap is resolved as any other.
      const cased = casedOnce(text, facts);
      return merged(detector.detect(text), detector.detect(cased).map((f) => ({ ...f, value: text.slice(f.start, f.end) })));
    },
  };
}
