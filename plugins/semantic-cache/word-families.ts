/**
 * Words that stand for one another, and words that exclude one another. Each family is a list of classes: the words
 * of a class say the same ("kid", "child"), the classes of a family exclude each other ("adult", "child", "infant").
 * So one table tells the guard both which swapped words are a paraphrase and which are another question.
 */
const FAMILIES: string[][][] = [
  // Who a question is about.
  [['adult', 'grownup'], ['child', 'kid', 'children', 'kids', 'toddler'], ['infant', 'baby', 'babies', 'newborn'], ['teen', 'teenager', 'adolescent'], ['senior', 'elderly']],
  [['male', 'man', 'men', 'boy', 'husband', 'father', 'son'], ['female', 'woman', 'women', 'girl', 'wife', 'mother', 'daughter']],
  [['pregnant', 'pregnancy']],
  // What a request does to something.
  [['accept', 'approve', 'agree'], ['decline', 'reject', 'refuse', 'deny']],
  [['include', 'inclusive', 'contain', 'comprise'], ['exclude', 'exclusive']],
  [['start', 'begin', 'launch', 'found', 'create'], ['close', 'stop', 'end', 'finish', 'shut', 'quit']],
  [['reset', 'recover', 'restore'], ['change', 'update', 'modify', 'edit']],
  // What a query does to data: one that finds rows is no answer to one that deletes them.
  [['find', 'search', 'select', 'fetch', 'retrieve', 'lookup', 'list', 'get'], ['delete', 'remove', 'drop', 'erase', 'purge', 'truncate'], ['insert', 'add', 'append'], ['update', 'modify', 'edit', 'alter']],
  [['encode', 'encoding'], ['decode', 'decoding']],
  [['compress', 'zip'], ['decompress', 'unzip', 'extract']],
  [['serialize', 'serialise'], ['deserialize', 'deserialise']],
  [['read'], ['write']],
  [['hire', 'recruit'], ['fire', 'dismiss']],
  [['marry', 'marriage', 'wedding'], ['divorce']],
  [['win'], ['lose', 'loss']],
  // Before, with, how much.
  [['before', 'prior'], ['after', 'following']],
  [['with'], ['without']],
  [['minimum', 'min', 'minimal', 'lowest', 'least'], ['maximum', 'max', 'maximal', 'highest']],
  // Which case of an algorithm or a plan.
  [['best'], ['worst'], ['average']],
  [['hot', 'warm', 'heat'], ['cold', 'cool', 'chill', 'freeze', 'frozen']],
  [['past', 'history'], ['future']],
  [['yesterday'], ['today', 'tonight'], ['tomorrow']],
  [['daily', 'day'], ['weekly', 'week'], ['monthly', 'month'], ['yearly', 'annual', 'annually', 'year']],
  // How the answer is to be written.
  [['simple', 'simply', 'brief', 'briefly', 'short', 'summary', 'summarize', 'summarise', 'eli5', 'basic', 'basically'], ['detail', 'detailed', 'depth', 'thorough', 'thoroughly', 'comprehensive', 'advanced', 'expert']],
  [['beginner', 'novice', 'introductory', 'newbie'], ['advanced', 'expert', 'professional']],
  [['formal', 'professional'], ['informal', 'casual', 'friendly']],
  [['polite'], ['rude', 'angry']],
  // Measures: another unit is another number.
  [['fahrenheit'], ['celsius', 'centigrade'], ['kelvin']],
  [['metric'], ['imperial']],
  [['kilogram', 'kilo', 'kg'], ['pound', 'lb', 'lbs'], ['gram', 'grams'], ['ounce', 'oz']],
  [['kilometer', 'kilometre', 'km'], ['mile', 'miles'], ['meter', 'metre'], ['foot', 'feet'], ['inch', 'inches']],
  [['liter', 'litre'], ['gallon'], ['cup'], ['milliliter', 'millilitre', 'ml']],
  // What a diet leaves out.
  [['vegetarian'], ['vegan'], ['pescatarian'], ['keto', 'ketogenic'], ['paleo']],
  // Software's sides.
  [['client', 'frontend'], ['server', 'backend']],
  [['sync', 'synchronous', 'synchronously'], ['async', 'asynchronous', 'asynchronously']],
  [['horizontal', 'horizontally'], ['vertical', 'vertically']],
  [['odd'], ['even']],
  [['singular'], ['plural']],
  [['mutable'], ['immutable']],
  [['static'], ['dynamic']],
  [['local', 'locally'], ['remote', 'remotely', 'global', 'globally']],
];

/**
 * Words that say the same in a question, written from general usage (the paraphrases people write of one request):
 * a swap of one for another is no other question.
 */
const SYNONYMS: string[][] = [
  ['quick', 'quickly', 'fast', 'rapid', 'rapidly', 'speedy'],
  ['big', 'large', 'huge'],
  ['small', 'little', 'tiny'],
  ['buy', 'purchase'],
  ['get', 'obtain', 'acquire', 'gain'],
  ['make', 'create', 'build'],
  ['learn', 'study'],
  ['improve', 'better', 'enhance', 'boost'],
  ['method', 'way', 'technique', 'approach', 'tip', 'tips'],
  ['job', 'work', 'career'],
  ['earn', 'make'],
  ['money', 'cash', 'income'],
  ['book', 'novel'],
  ['movie', 'film'],
  ['phone', 'mobile', 'smartphone', 'cellphone'],
  ['email', 'mail', 'e-mail'],
  ['car', 'vehicle', 'automobile'],
  ['reason', 'cause'],
  ['meaning', 'definition', 'mean', 'define'],
  ['difference', 'differ', 'distinguish'],
  ['happen', 'occur'],
  ['choose', 'pick', 'select'],
  ['use', 'utilize', 'utilise'],
  ['help', 'assist', 'aid'],
  ['stop', 'quit', 'avoid', 'prevent'],
  ['lose', 'reduce', 'cut'],
  ['weight', 'fat'],
  ['country', 'nation'],
  ['people', 'person', 'human', 'humans'],
  ['important', 'significant', 'crucial'],
  ['possible', 'feasible'],
  ['correct', 'right', 'proper'],
  ['wrong', 'incorrect'],
  ['famous', 'popular', 'known', 'well-known'],
  ['hard', 'difficult', 'tough'],
  ['easy', 'simple'],
  ['recommend', 'suggest', 'advise'],
  ['affect', 'impact', 'influence'],
  ['fix', 'repair', 'solve', 'resolve'],
  ['error', 'bug', 'issue', 'problem'],
];

/** For each word, the classes (by number) it belongs to, and for each class its family. */
const classesOf = new Map<string, number[]>();
const familyOf: number[] = [];
let classes = 0;
FAMILIES.forEach((family, f) => {
  for (const members of family) {
    for (const w of members) (classesOf.get(w) ?? classesOf.set(w, []).get(w)!).push(classes);
    familyOf[classes++] = f;
  }
});
for (const members of SYNONYMS) {
  for (const w of members) (classesOf.get(w) ?? classesOf.set(w, []).get(w)!).push(classes);
  familyOf[classes++] = -1;
}

/** Irregular plurals, which a suffix cannot undo. */
const IRREGULAR: Record<string, string> = {
  children: 'child', men: 'man', women: 'woman', people: 'person', feet: 'foot', teeth: 'tooth', mice: 'mouse', geese: 'goose',
  wives: 'wife', knives: 'knife', lives: 'life', leaves: 'leaf', babies: 'baby', analyses: 'analysis', criteria: 'criterion',
};

/**
 * A word's forms as a table may list them: itself, its singular, and its stem without inflection ("declining" gives
 * "declin" and "decline" through `root`).
 */
function forms(word: string): string[] {
  const out = [word, IRREGULAR[word] ?? word, word.replace(/(?:ies)$/, 'y'), word.replace(/(?:es|s|ing|ed|ly|d)$/, ''), root(word)];
  return [...new Set(out.flatMap((w) => [w, `${w}e`]))];
}

function classesOfWord(word: string): number[] {
  return [...new Set(forms(word).flatMap((w) => classesOf.get(w) ?? []))];
}

/** The part of a word inflection and spelling do not change: "declining", "declined", "decline" share "declin". */
export function root(word: string): string {
  const w = (IRREGULAR[word] ?? word).replace(/our(?=s?$|ite)/, 'or').replace(/is(?=e|ing|ed|ation)/, 'iz');
  if (w.length <= 4) return w.replace(/s$/, '');
  return w.replace(/(?:ies|y)$/, 'i').replace(/(?:ing|ed|es|er|ly|s|e)$/, '').replace(/(.)\1$/, '$1');
}

/** How many letters two words share from their start. */
function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Words that describe rather than name ("incredible", "weirdest", "completely"): one swapped for another is a
 * paraphrase more often than another question, unless a family opposes them.
 */
export function describing(word: string): boolean {
  return word.length > 5 && /(?:ly|est|ible|able|ous|ful|ive)$/.test(word);
}

/** Whether two different words say the same: forms of one word, or words of one class. */
export function sameSense(a: string, b: string): boolean {
  const ra = root(a);
  const rb = root(b);
  if (ra === rb) return true;
  const [short, long] = ra.length <= rb.length ? [ra, rb] : [rb, ra];
  // One word inside another ("comput"/"computer", "mail"/"email"): a derived form more often than another word.
  if (short.length >= 4 && long.length - short.length <= 3 && (long.startsWith(short) || long.endsWith(short))) return true;
  // A long start in common ("intelligent"/"intelligence", "recognized"/"recognition").
  const shared = sharedPrefix(ra, rb);
  if (shared >= 6 && shared >= 0.8 * short.length) return true;
  const ca = classesOfWord(a);
  return classesOfWord(b).some((c) => ca.includes(c));
}

/** Whether two words exclude each other: classes of one family, and no class in common. */
export function opposed(a: string, b: string): boolean {
  const ca = classesOfWord(a);
  const cb = classesOfWord(b);
  if (ca.some((c) => cb.includes(c))) return false;
  return ca.some((x) => cb.some((y) => familyOf[x]! >= 0 && familyOf[x] === familyOf[y]));
}
