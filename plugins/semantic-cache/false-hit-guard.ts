import { withoutLineEndBlanks } from './cache-key';
import { misspelt, unlisted } from './unlisted-words';
import { describing, opposed, sameSense } from './word-families';
/**
 * The check a semantic candidate must pass before it is served. Embeddings
 * place "turn on the heater" next to "turn off the heater" and "flights to
 * Paris" next to "flights to Rome"; serving those is worse than a miss. The
 * candidate is refused when the two prompts differ in numbers (signs too), in
 * negation, by an antonym, in names or operators, in what goes from where to
 * where, in too many content words, or by a swap of words that is a large part
 * of what they ask ("chicken soup" / "beef soup").
 */
export type Refusal = 'layout' | 'numbers' | 'negation' | 'antonym' | 'entity' | 'order' | 'words';

const NEGATIONS = new Set([
  'not', 'no', 'never', 'none', 'nothing', 'nobody', 'neither', 'nor', 'nowhere', 'without', 'cannot', 'cant', 'dont', 'doesnt', 'didnt',
  'isnt', 'arent', 'wasnt', 'werent', 'wont', 'wouldnt', 'shouldnt', 'couldnt', 'havent', 'hasnt', 'hadnt', 'mustnt', 'neednt', 'aint',
  'nicht', 'kein', 'keine', 'nie', 'ne', 'pas', 'jamais', 'nunca', 'nada',
]);

const ANTONYM_PAIRS: Array<[string, string]> = [
  ['on', 'off'], ['open', 'close'], ['opened', 'closed'], ['enable', 'disable'], ['enabled', 'disabled'], ['increase', 'decrease'],
  ['start', 'stop'], ['begin', 'end'], ['buy', 'sell'], ['before', 'after'], ['up', 'down'], ['max', 'min'], ['maximum', 'minimum'],
  ['add', 'remove'], ['include', 'exclude'], ['allow', 'deny'], ['accept', 'reject'], ['lock', 'unlock'], ['hot', 'cold'],
  ['cheap', 'expensive'], ['best', 'worst'], ['better', 'worse'], ['more', 'less'], ['most', 'least'], ['first', 'last'],
  ['true', 'false'], ['win', 'lose'], ['import', 'export'], ['upload', 'download'], ['encrypt', 'decrypt'], ['connect', 'disconnect'],
  ['install', 'uninstall'], ['male', 'female'], ['men', 'women'], ['man', 'woman'], ['boy', 'girl'], ['big', 'small'], ['large', 'small'],
  ['high', 'low'], ['higher', 'lower'], ['long', 'short'], ['old', 'new'], ['older', 'newer'], ['young', 'old'], ['fast', 'slow'],
  ['faster', 'slower'], ['early', 'late'], ['positive', 'negative'], ['rise', 'fall'], ['push', 'pull'], ['left', 'right'],
  ['north', 'south'], ['east', 'west'], ['above', 'below'], ['inside', 'outside'], ['love', 'hate'], ['friend', 'enemy'],
  ['easy', 'hard'], ['easy', 'difficult'], ['pros', 'cons'], ['advantages', 'disadvantages'], ['legal', 'illegal'],
  ['possible', 'impossible'], ['safe', 'unsafe'], ['safe', 'dangerous'], ['healthy', 'unhealthy'], ['rich', 'poor'],
  ['strong', 'weak'], ['heavy', 'light'], ['dark', 'light'], ['wet', 'dry'], ['full', 'empty'], ['good', 'bad'], ['happy', 'sad'],
  ['success', 'failure'], ['succeed', 'fail'], ['pass', 'fail'], ['profit', 'loss'], ['gain', 'lose'], ['import', 'export'],
  ['input', 'output'], ['inbound', 'outbound'], ['incoming', 'outgoing'], ['send', 'receive'], ['give', 'take'], ['lend', 'borrow'],
  ['join', 'leave'], ['arrive', 'depart'], ['arrival', 'departure'], ['enter', 'exit'], ['show', 'hide'], ['visible', 'hidden'],
  ['public', 'private'], ['internal', 'external'], ['ascending', 'descending'], ['asc', 'desc'], ['yes', 'no'], ['always', 'never'],
  ['everyone', 'nobody'], ['all', 'none'], ['same', 'different'], ['similar', 'different'], ['agree', 'disagree'], ['like', 'dislike'],
  ['mount', 'unmount'], ['subscribe', 'unsubscribe'], ['follow', 'unfollow'], ['block', 'unblock'], ['activate', 'deactivate'],
  ['increment', 'decrement'], ['upgrade', 'downgrade'], ['upper', 'lower'], ['uppercase', 'lowercase'], ['sum', 'difference'],
  ['multiply', 'divide'], ['plus', 'minus'], ['today', 'tomorrow'], ['today', 'yesterday'], ['morning', 'evening'], ['day', 'night'],
  ['summer', 'winter'], ['spring', 'autumn'], ['front', 'back'], ['top', 'bottom'], ['win', 'loss'], ['with', 'without'],
  ['raise', 'lower'], ['raise', 'reduce'], ['soft', 'hard'], ['allow', 'block'], ['allow', 'forbid'], ['permit', 'forbid'],
  ['tight', 'loose'], ['wide', 'narrow'], ['thick', 'thin'], ['deep', 'shallow'], ['clean', 'dirty'], ['sweet', 'sour'],
  ['present', 'absent'], ['maximize', 'minimize'], ['maximise', 'minimise'], ['attack', 'defend'], ['offline', 'online'],
  ['soft', 'firm'], ['firm', 'runny'], ['raw', 'cooked'], ['warm', 'cool'], ['light', 'heavy'],
  // Comparatives: a prompt asks which is heavier or which is lighter.
  ['heavier', 'lighter'], ['darker', 'lighter'], ['bigger', 'smaller'], ['larger', 'smaller'], ['longer', 'shorter'],
  ['taller', 'shorter'], ['older', 'younger'], ['hotter', 'colder'], ['warmer', 'colder'], ['warmer', 'cooler'],
  ['stronger', 'weaker'], ['richer', 'poorer'], ['easier', 'harder'], ['softer', 'harder'], ['wider', 'narrower'],
  ['thicker', 'thinner'], ['deeper', 'shallower'], ['earlier', 'later'], ['cheaper', 'pricier'], ['safer', 'riskier'],
  ['closer', 'farther'], ['closer', 'further'], ['louder', 'quieter'], ['brighter', 'dimmer'], ['greater', 'smaller'],
  ['greater', 'less'], ['biggest', 'smallest'], ['largest', 'smallest'], ['longest', 'shortest'], ['highest', 'lowest'],
  ['oldest', 'youngest'], ['oldest', 'newest'], ['fastest', 'slowest'], ['cheapest', 'priciest'], ['heaviest', 'lightest'],
];

const ANTONYMS = new Map<string, Set<string>>();
for (const [a, b] of ANTONYM_PAIRS) {
  (ANTONYMS.get(a) ?? ANTONYMS.set(a, new Set()).get(a)!).add(b);
  (ANTONYMS.get(b) ?? ANTONYMS.set(b, new Set()).get(b)!).add(a);
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18',
  nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', thousand: '1000', million: '1000000',
  billion: '1000000000', half: '0.5', twice: '2', single: '1', double: '2', triple: '3', first: '1st', second: '2nd', third: '3rd',
};

const STOPWORDS = new Set(
  ('a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being am do does did ' +
    'have has had having i me my mine we us our you your he him his she her it its they them their what which who whom whose when where why ' +
    'how this that these those there here can could should would will shall may might must please tell explain give show know want need ' +
    'get got make let so than too very just also any some such only own other same both each few many much most more lot lots way ways ' +
    'thing things something anything someone anyone one ones best good really actually ever even still well whats hows whys wheres ' +
    'im ive id youre thats its whos isnt dont does doesnt use using used via vs versus per etc like about over under again out up down ' +
    'through during within across toward towards upon among')
    .split(/\s+/),
);

/** Scripts written without spaces between words: each character counts as a word. */
const UNSPACED = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}])/gu;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(UNSPACED, ' $1 ')
    .split(/[^\p{L}\p{N}.+#]+/u)
    .map((w) => w.replace(/^[.+#]+|\.+$/g, ''))
    .filter(Boolean);
}

/**
 * Symbols that carry meaning on their own in short questions: "what does ~ mean", "% vs $", an operator between
 * numbers or blanks ("10 - 3" and "10 / 3"), and emoji ("what does 🍕 mean").
 */
function symbols(text: string): string {
  return (text.match(/(?<![\p{L}\p{N}])[~%$€£^&*=<>|\\@]|[+#](?=\s|$)|(?<=[\s\d])[-−/×÷*+](?=[\s\d])|\p{Extended_Pictographic}/gu) ?? []).sort().join('');
}

function numbers(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (/^\d+(?:\.\d+)*(?:st|nd|rd|th|s|k|m|gb|mb|kb|%)?$/.test(w)) out.push(w.replace(/^0+(?=\d)/, ''));
    else if (NUMBER_WORDS[w]) out.push(NUMBER_WORDS[w]!);
  }
  // A minus sign written on a number ("-40 degrees"), which the words above lose.
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.])[-−](\d+(?:\.\d+)*)/gu)) out.push(`-${m[1]!.replace(/^0+(?=\d)/, '')}`);
  return out.sort();
}

/** Prepositions whose object says which way a request goes: "from the airport to downtown", "EUR to USD". */
const DIRECTIONS = ['from', 'to', 'into', 'than'];

interface Direction {
  word: string;
  before: Set<string>;
  after: Set<string>;
  /** The first content word after it: the direction's object. */
  next?: string;
}

/** Each direction word with the content words before and after it ("cat bigger than dog": cat bigger, than, dog). */
function directions(text: string): Direction[] {
  const ws = words(text);
  const content = (w: string) => !STOPWORDS.has(w) && !DIRECTIONS.includes(w) && !NEGATIONS.has(w);
  const out: Direction[] = [];
  ws.forEach((w, i) => {
    if (!DIRECTIONS.includes(w)) return;
    const before = ws.slice(0, i).filter(content).map(stem);
    const after = ws.slice(i + 1).filter(content).map(stem);
    out.push({ word: w, before: new Set(before), after: new Set(after), next: after[0] });
  });
  return out;
}

/**
 * The same words, which go the other way: "EUR to USD" and "USD to EUR", "is a cat bigger than a dog" and "is a dog
 * bigger than a cat" (words crossed a direction word both ways), "to the airport from downtown" and "from the airport to
 * downtown" (two direction words' objects exchanged). "From the airport to downtown" and "to downtown from the airport"
 * move words one way only: the same trip.
 */
function directionSwapped(query: string, candidate: string): boolean {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => w === b[i]);
  if (!same(contentList(query).sort(), contentList(candidate).sort())) return false;
  const q = directions(query);
  const c = directions(candidate);
  const crossed = (from: Set<string>, to: Set<string>, stayed: Set<string>) => [...from].some((w) => to.has(w) && !stayed.has(w));
  const crossedBothWays = q.some((x) =>
    c.some((y) => y.word === x.word && crossed(x.before, y.after, y.before) && crossed(x.after, y.before, y.after)),
  );
  const exchanged = q.some((x) =>
    q.some((x2) => x2.word !== x.word && x.next && x2.next && x.next !== x2.next && c.some((y) => y.word === x.word && y.next === x2.next) && c.some((y) => y.word === x2.word && y.next === x.next)),
  );
  return crossedBothWays || exchanged;
}

function negations(text: string): number {
  return words(text).filter((w) => NEGATIONS.has(w)).length;
}

/** Light stemming: enough to match "prices" with "price" and "running" with "run". */
function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ies)$/, 'y').replace(/(?:ing|ed|es|s)$/, '').replace(/(.)\1$/, '$1');
}

function contentList(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w) && !NEGATIONS.has(w) && !/^\d/.test(w) && (w.length > 1 || nonLatin(w))).map(stem);
}

/** A word with a letter of another script than Latin (a single Chinese character is a word). */
function nonLatin(word: string): boolean {
  return /(?!\p{Script=Latin})\p{L}/u.test(word);
}

/**
 * Words of other scripts than Latin that one prompt has and the other lacks. The word lists above were made for
 * English; an embedding model made for English reads these words poorly or not at all (USE-lite reads every Chinese,
 * Arabic or Cyrillic word as one unknown token), so nothing else tells "我饿了" from "我累了".
 */
function nonLatinDiffers(q: Set<string>, c: Set<string>): boolean {
  for (const w of q) if (nonLatin(w) && !c.has(w)) return true;
  for (const w of c) if (nonLatin(w) && !q.has(w)) return true;
  return false;
}

/** Names and codes: capitalised words not at a sentence start, acronyms, and tokens mixing letters and digits. */
function entities(text: string): Set<string> {
  const out = new Set<string>();
  const tokens = text.split(/\s+/);
  tokens.forEach((raw, i) => {
    const token = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}+#]+$/gu, '');
    if (!token || token === 'I') return;
    const sentenceStart = i === 0 || /[.!?:]["')\]]*$/.test(tokens[i - 1]!);
    const capitalised = /^\p{Lu}/u.test(token);
    const acronym = /^\p{Lu}{2,}\d*$/u.test(token);
    const code = /\p{L}/u.test(token) && /\d/.test(token);
    if (acronym || code || (capitalised && !sentenceStart)) out.add(token.toLowerCase());
  });
  return out;
}

function antonymConflict(a: Set<string>, b: Set<string>): boolean {
  for (const w of a) {
    const opposite = ANTONYMS.get(w);
    if (!opposite) continue;
    for (const o of opposite) if (b.has(o) && !a.has(o) && !b.has(w)) return true;
  }
  const onlyB = [...b].filter((w) => !a.has(w));
  return [...a].some((w) => !b.has(w) && onlyB.some((o) => opposed(w, o)));
}

/** Prompts of this many content words or fewer are all subject: a swap of any one word changes what they ask. */
const FEW_WORDS = 4;
/** The share of a prompt's content words that, swapped for others, makes another question. */
const SWAPPED_SHARE = 1 / 3;

/**
 * Whether the prompts swap words: each has content words the other lacks, which are no forms or synonyms of the
 * other's, and they are many of a prompt's words ("recipe for chicken soup" / "recipe for beef soup", "reset my
 * password" / "change my password"). A word added or left out ("the capital (city) of France") is no swap.
 */
function swapped(q: Set<string>, c: Set<string>, qAll: Set<string>, cAll: Set<string>): boolean {
  const same = (w: string, o: string) => sameSense(w, o) || ((unlisted(w) || unlisted(o)) && misspelt(w, o));
  // A word may stand for a common one of the other prompt ("earn money" / "make money").
  const only = (from: Set<string>, fromAll: Set<string>, toAll: Set<string>) => [...from].filter((w) => !toAll.has(w) && ![...toAll].some((o) => !fromAll.has(o) && same(w, o)));
  const qOnly = only(q, qAll, cAll);
  const cOnly = only(c, cAll, qAll);
  if (qOnly.length === 0 || cOnly.length === 0) return false;
  // A name swapped for another word, whatever its case ("docker on ubuntu" / "docker on windows").
  if ([...qOnly, ...cOnly].some(unlisted)) return true;
  if ((qOnly.every(describing) || cOnly.every(describing))) return false;
  if (Math.min(q.size, c.size) <= FEW_WORDS) return true;
  return Math.max(qOnly.length / q.size, cOnly.length / c.size) >= SWAPPED_SHARE;
}

function coverage(from: Set<string>, to: Set<string>): number {
  if (from.size === 0) return 1;
  let found = 0;
  for (const w of from) if (to.has(w)) found++;
  return found / from.size;
}

/**
 * Two prompts whose characters are the same but for their layout or the case of what they quote: code indented
 * otherwise ("print(i)" inside the loop or after it), "encode 'Secret'" and "encode 'SECRET'". Plain prose that differs
 * only in case or spacing ("what is the capital of france?") is a repeat.
 */
function layoutOrQuotedCaseDiffers(query: string, candidate: string): boolean {
  const q = withoutLineEndBlanks(query);
  const c = withoutLineEndBlanks(candidate);
  if (q === c) return false;
  const indented = (text: string) => /\n[ \t]+\S/.test(text);
  if ((indented(q) || indented(c)) && q.replace(/\s+/g, '') === c.replace(/\s+/g, '')) return true;
  // A quote opens after no letter and closes before none: "don't … it's" quotes nothing.
  const quoted = (text: string) => [...text.matchAll(/(?<![\p{L}\p{N}])(["'`])([^\n]{1,200}?)\1(?![\p{L}\p{N}])/gu)].map((m) => m[2]).join('\u0000');
  const qq = quoted(q);
  const cq = quoted(c);
  return qq !== cq && qq.toLowerCase() === cq.toLowerCase();
}

export function falseHitReason(query: string, candidate: string, minWordOverlap: number): Refusal | undefined {
  if (layoutOrQuotedCaseDiffers(query, candidate)) return 'layout';
  const qn = numbers(query);
  const cn = numbers(candidate);
  if (qn.join(' ') !== cn.join(' ')) return 'numbers';
  if (negations(query) % 2 !== negations(candidate) % 2) return 'negation';
  const qWords = new Set(words(query));
  const cWords = new Set(words(candidate));
  if (antonymConflict(qWords, cWords)) return 'antonym';
  const qe = entities(query);
  const ce = entities(candidate);
  // An entity is present when every word it is made of is ("X-rays", "Apple's", "IAS/IPS").
  const present = (entity: string, in_: Set<string>) => words(entity).every((w) => in_.has(w));
  for (const e of qe) if (!present(e, cWords)) return 'entity';
  for (const e of ce) if (!present(e, qWords)) return 'entity';
  if (symbols(query) !== symbols(candidate)) return 'entity';
  if (nonLatinDiffers(qWords, cWords)) return 'words';
  if (directionSwapped(query, candidate)) return 'order';
  const qc = new Set(contentList(query));
  const cc = new Set(contentList(candidate));
  if (Math.min(coverage(qc, cc), coverage(cc, qc)) < minWordOverlap) return 'words';
  if (swapped(qc, cc, new Set([...qWords].map(stem)), new Set([...cWords].map(stem)))) return 'words';
  // Prompts that open with the same long context are judged by what follows it: an embedding reads a prompt's start,
  // and a shared context outweighs two different questions after it in the words counted above.
  const shared = sharedStart(query.toLowerCase(), candidate.toLowerCase());
  if (shared >= SHARED_CONTEXT) {
    // Courtesies ask for nothing ("… Summarise it." and "… Summarise it, thanks!"); any other word asks for more.
    const remainder = (text: string) => new Set(contentList(text.slice(shared)).filter((w) => !COURTESIES.has(w)));
    const qr = remainder(query);
    const cr = remainder(candidate);
    if (Math.min(coverage(qr, cr), coverage(cr, qr)) < minWordOverlap) return 'words';
  }
  return undefined;
}

/** Words that only make a request polite, stemmed as `contentList` stems the prompts' words. */
const COURTESIES = new Set(['thank', 'thanks', 'please', 'pls', 'plz', 'cheers', 'kindly', 'ty', 'ta', 'thx', 'much', 'advance', 'appreciated'].map(stem));

/** A start long enough to be a context rather than a question's first words. */
const SHARED_CONTEXT = 200;

/** How many characters two texts share from their start, back to a word's beginning. */
function sharedStart(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  while (i > 0 && /\p{L}/u.test(a[i - 1] ?? '')) i--;
  return i;
}
