import { literalStart, topAlternatives, wordAlternation } from './alternation';
import { CAPITAL_START, cuedMatches, cueStarts, lineStartsOf, matches, sticky, stickyMatch } from './context';
import { finding, type Detector, type Finding } from './types';

/**
 * Street addresses: a house number and a street name with a street word, in
 * English and several European styles ("12 Baker Street", "Rua do Arenque 1634",
 * "Brucker Bundesstrasse 31"); post-office and military boxes ("P.O. Box 104",
 * "PSC 0272, Box 1651", "USNS Møller FPO AA 85844"); and, after a phrase that
 * announces an address ("lives at", "ship to", "the corner of"), a number and
 * words without a street word ("971 Kesk 53"). A found street line grows over
 * what follows it in an address (units, city, region, postcode, country) so the
 * whole address is masked, not just its first line.
 */
const STREET_WORDS = String.raw`street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|ln\.?|drive|dr\.?|court|ct\.?|place|pl\.?|square|sq\.?|way|parkway|pkwy|terrace|highway|hwy|parks?|circle|crescent|close|strasse|straße|str\.|gasse|weg|allee|platz|rue|avenida|rua|calle|via|viale|piazza|straat|laan|gata|gatan|gade|vej|katu|tie|utca|ulica|ul\.|corso|vicolo|strada|contrada|piazzale|paseo|travessa|praça|rodovia|trg|aleja|plac|náměstí|gränd|vägen|veien|vei`;
/**
 * A flat's or a floor's word: English, and Spanish "Puerta", "Piso", "Esc." (escalera), "Depto."/"Dpto.", Portuguese
 * "apto", "sala", "bloco", "andar", Norwegian "Leil.", German "Whg.".
 */
const UNIT_WORD = String.raw`apt\.?|apartment|suite|ste\.?|unit|floor|fl\.?|puerta|piso|esc\.|depto\.?|dpto\.?|apto\.?|apartamento|sala|bloco|andar|leil\.|whg\.|interno|zimmer`;
/**
 * The flat's words that follow a house number in an address, capitalised ("Apt. 461", "Puerta 322", "Leil. 664");
 * not "Unit" or "Floor", which count modules and levels, nor Italian "Piano" and "Scala", a floor and a staircase but
 * also an instrument and a programming language. A suite's number has three digits or a letter ("Suite 954", "Suite
 * 4B"; "Mocha 10 Suite 2" is a test's).
 */
const FLAT_WORD = String.raw`Apt\.?|APT\.?|Apartment|Puerta|Piso|Esc\.|Leil\.|Whg\.|Interno|Zimmer|Stan`;
/**
 * Words as written at a sentence's start, inside it, or in capitals, without the \`i\` flag: with
 * Unicode on, a case-insensitive pattern costs V8 about 30 µs per 4 KB, several times the same
 * pattern spelled out.
 */
function anyCase(alternation: string): string {
  return alternation
    .split('|')
    .map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}|${word.toUpperCase()}`)
    .join('|');
}
const STREET = anyCase(STREET_WORDS);
const UNIT_ANY_CASE = anyCase(UNIT_WORD);
const UNIT = String.raw`(?:,?\s+(?:${UNIT_ANY_CASE})\s*#?\s*\w+)?`;
/** A numbered street's name: "5th", "42nd", "1ST". */
const ORDINAL = String.raw`\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)`;
/** "a 1000 square feet space", "the square root": a measure, not a street. */
const MEASURE = String.raw`(?:feet|foot|ft|meters?|metres?|miles?|yards?|inches|kilometers?|kilometres?|km|root)(?![\p{L}])`;
/** "St." keeps its period ("10 Downing St., London"): a word boundary after it would drop the period. */
const STREET_END = String.raw`(?:${STREET})(?![\p{L}\p{N}])(?![ \t]+${MEASURE})`;
/**
 * A street's name holds no verbs or prepositions of a sentence: "the square root of 36", "a park for 5",
 * "3 on the way", "37 in the first place", "reworked the way" are not addresses (the particles of street names,
 * "de", "do", "la", "du", stay allowed, and "The" capitalised: "10 The Green"). In lower case "the" may stand
 * before a British street word ("14 the Avenue", "8 the crescent"), not before "way".
 */
const SENTENCE_WORD = String.raw`(?:(?:of|for|on|to|from|is|are|was|were|be|within|in|at|by|and|or|than|with|into|per|a|und|oder|mit|für|auf|ist)\s|the\s(?!(?:${anyCase('avenue|drive|crescent|terrace|green|mall|grove|parade|close|boulevard|esplanade|circus')})\b))`;
/** A word of the name starts with a letter (or an apostrophe, a period): "pl - 1" has none after "pl". */
const NAME_WORD = String.raw`(?!${SENTENCE_WORD})[\p{L}'’.][\p{L}'’.-]*`;
/**
 * After a house number, "of" and "and" may join two capitalised words of the name ("1200 Lake of the Woods
 * Drive", "14 Salt and Pepper Lane"); a title's "to" or "in" may not ("5 Reasons to Visit the Park", "48 Hours
 * in Hyde Park"). The street word needs a name before it: "3 via email", "5 avenue tests" are not addresses.
 */
const NUMBERED_NAME_WORD = String.raw`(?:${NAME_WORD}|(?<=\p{Lu}[\p{L}'’.-]*\s)(?:of|and)(?=\s+(?:the\s+)?\p{Lu}\p{Ll})|(?<=\s(?:of|and)\s)the(?=\s+\p{Lu}\p{Ll}))`;
/** A year of the last two centuries, as four digits. */
const YEAR = String.raw`(?:19|20)\d\d(?!\d)`;
/** "Copyright (c) 2013 Gary Court": a year after a copyright sign is no house number; "(c) 45 Park Avenue", a list's item, is one. */
const NOT_AFTER_COPYRIGHT = String.raw`(?:(?<!(?:©|\([Cc]\)|[Cc]opyright)[ \t]*)|(?!${YEAR}))`;
/**
 * The other street suffixes of the US Postal Service's list (Publication 28) and British ones, written capitalised as
 * in an address ("7821 Haverford Junction", "417 Elmstead Gardens"). They are everyday words too, so a street named
 * with one needs more: a unit after it, or a place and its postcode ("…, Millbrook, 40215"); or else a number that is
 * a house's (no capitalised word, article or quantity's word before it) with a postcode after it or three digits or
 * more that are no year and count nothing ("350 Acme Mills shares"). Suffixes that name things in technical text are
 * left out ("4096 RSA Key", "1000 Bonus Points", "500 Event Loop").
 */
const SUFFIX_WORDS =
  'Alley|Arcade|Bayou|Bend|Bluffs?|Branch|Brooks?|Burgs?|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Centre|Chase|Circles|Cliffs?|Club|Commons?|Corners?|Course|Courts|Coves?|Creek|Crest|Crossing|Crossroads?|Curve|Dale|Dam|Divide|Drives|Estates?|Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Freeway|Gardens?|Gate|Gateway|Glens?|Greens?|Groves?|Harbou?rs?|Haven|Heights|Hills?|Hollow|Inlet|Islands?|Isle|Junctions?|Knolls?|Lakes?|Landing|Lodge|Mall|Manors?|Mead|Meadows?|Mews|Mills?|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parade|Parkways|Pass|Passage|Pike|Pines?|Plains?|Plaza|Prairie|Quay|Radial|Ranch|Rapids?|Ridges?|Rise|River|Roads|Route|Row|Shoals?|Shores?|Skyway|Spinney|Springs?|Spurs?|Squares|Stravenue|Stream|Streets|Summit|Terraces|Throughway|Trafficway|Trail(?:er)?|Tunnel|Turnpike|Underpass|Valleys?|Viaduct|Views?|Villages?|Ville|Vista|Walks?|Wharf';
/**
 * The suffixes left out above, which technical text uses most ("Event Loop", "Dry Run", "RSA Key"): a street named
 * with one needs a unit, or a place and its postcode, after it ("318 Wendell Loop Apt. 4", "6020 Harlan Run,
 * Eastbrook, 83110"), or a house's number and a postcode.
 */
const TECHNICAL_SUFFIX_WORDS = 'Loop|Run|Wells?|Keys?|Points?|Ports?|Station|Unions?|Track|Trace|Path|Locks?|Lights?|Land|Rest|Bridge|Mission|Ramp|Wall|Woods?|Fold|Croft|Fort|Loaf';
const suffixStreet = (words: string) =>
  new RegExp(
    String.raw`${NOT_AFTER_COPYRIGHT}\b(\d{1,5})[A-Za-z]?[ \t]+(?:(?:\p{Lu}[\p{L}'’.-]*|${ORDINAL}|(?:van|von|de|der|den|la|le|du|di|da|del|ten|ter)(?=[ \t]+\p{Lu}))[ \t]+){1,3}(?:${words}|${words.toUpperCase()})(?![\p{L}\p{N}])`,
    'gu',
  );
const SUFFIX_STREET = suffixStreet(SUFFIX_WORDS);
/** A street's suffix word, capitalised as in an address ("Meadow", "Gateway", "Yard", "Mount", "Street"). */
export const STREET_SUFFIX = new RegExp(`^(?:${SUFFIX_WORDS}|${TECHNICAL_SUFFIX_WORDS}|Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Square|Way|Parkway|Terrace|Highway|Parks?|Circle|Crescent|Close|Yard)$`);
const TECHNICAL_SUFFIX_STREET = suffixStreet(TECHNICAL_SUFFIX_WORDS);
/** Either, right where someone is said to live or be met: "lives alone at 171 Darien Path". */
const ANNOUNCED_SUFFIX_STREET = new RegExp(`${SUFFIX_STREET.source}|${TECHNICAL_SUFFIX_STREET.source}`, 'uy');
/** A house number that may be a year instead ("since 1889 Eiffel Tower Gardens"). */
const YEAR_NUMBER = /^(?:1[89]|20)\d\d$/;
/**
 * Before a number that counts things or names a version or a product, not a house: a capitalised word ("Microsoft 365
 * Compliance Center", "Tier 3 Data Center", "Section 230 Safe Harbor", "Top 100"), an article or a quantity's word
 * ("the 500 Great Lakes", "over 500 Happy Customers").
 */
const NOT_A_HOUSE_NUMBER_BEFORE =
  /(?:(?<![\p{L}])(?!(?:To|TO|At|AT|In|IN|On|ON|From|FROM|Of|OF|For|FOR|By|BY|Near|NEAR)[ \t])\p{Lu}[\p{L}-]*|(?<![\p{L}])(?:[Tt]he|[Aa]n?|[Oo]ur|[Tt]op|[Oo]ver|[Aa]bout|[Aa]ll|[Ss]ome))[ \t]+$/u;
/**
 * Whether a house's number ends right before `at`: a number alone, with no capitalised word, article or quantity's word
 * before it ("358 Kenneth Mount"; not "Ticket 4521 Sarah Hill", "On March 3 Emma Green").
 */
export function houseNumberBefore(text: string, at: number): boolean {
  const m = /(?<![\d.,])\d{1,5}[A-Za-z]?[ \t]+$/.exec(text.slice(Math.max(0, at - 8), at));
  if (!m) return false;
  const number = at - (Math.min(at, 8) - m.index);
  return !NOT_A_HOUSE_NUMBER_BEFORE.test(text.slice(Math.max(0, number - 30), number));
}
/** A lower-case word after the street that a sentence's own words do not explain: a noun the number counts. */
/** Not a verb in the past ("the gate code for 7156 Gemma Trail changed") nor an adverb of time or place. */
const COUNTED_NOUN_AFTER =
  /^[ \t]+(?!(?:in|on|at|and|or|for|is|was|near|by|to|from|with|where|which|that|but|since|until|if|when|after|before|every|each|then|so|as|please|today|tomorrow|tonight|now|soon|instead|yesterday|still|again|already|just|also|too|late|last|here|there|anymore|overnight|recently)(?![\p{L}])|\p{Ll}+ed(?![\p{L}]))\p{Ll}/u;
const NUMBER_FIRST = new RegExp(String.raw`${NOT_AFTER_COPYRIGHT}\b\d{1,5}[A-Za-z]?\s+(?:(?:${NUMBERED_NAME_WORD}|${ORDINAL})\s+){1,4}${STREET_END}${UNIT}`, 'gu');
/**
 * "799 Place d'Assas", "5 Voie des Lombards": French street words that are English words
 * too ("2 Place Settings", "5 Route Planning"), so a French name must follow: an article, "de", "d'" or "Saint" (a
 * street named without one, "9 Passage Adolphe Mille", is missed).
 */
const FRENCH_STREET_WORDS = String.raw`(?:${anyCase('place|passage|voie|cours|route|square|parvis|esplanade|promenade')})(?=[ \t]+(?:(?:de|du|des|la|le|les|saint|sainte|Saint|Sainte)(?![\p{L}])|[dl]['’]))`;
/**
 * French addresses put the number before a street word that comes before the name ("26 rue des Lilas",
 * "12 boulevard Haussmann"), and so do American ones with a capitalised "Avenue", "Via", "Calle" ("1 Avenue of
 * the Americas", "123 Calle Real"): the name's words follow, up to a sentence word, a comma or the line's end.
 * In lower case those are words ("42 via Jenkins"); after "Step" or "Option" a heading's ("Step 3 Via Email").
 */
const LEADING_STREET_WORDS = `${anyCase('rue|avenue|boulevard|bd\\.?|chemin|allée|quai|impasse')}|Via|Calle|Avenida|Rua|Travessa|Rodovia|Praça|Carretera|Paseo|${FRENCH_STREET_WORDS}`;
/** "Step 3 Via Email", "Option 2 Via Docker": a heading's number. */
const HEADING_WORD = String.raw`(?:Option|Step|Method|Chapter|Part|Phase|Stage|Section|Top|Level|Round|Week|Day|Lesson|Module|Tip|Rule|Way|Version|Episode|Season|Figure|Table|Build|Sprint|Test|Tests|Release|Task|Issue|Ticket|Case|Item|Page|Sezione|Capitolo|Livello|Parte|Kapitel|Teil)`;
const NUMBER_THEN_STREET_WORD = new RegExp(String.raw`(?<!${HEADING_WORD}[ \t]+)\b\d{1,5}[A-Za-z]?,?[ \t]+(?:${LEADING_STREET_WORDS})(?:[ \t]+${NUMBERED_NAME_WORD}){1,4}(?![\p{L}\p{N}])`, 'gu');
/**
 * The number is no version's or possessive's: "a friendly way 4.2.0", "in-place 2's" ("Rua Augusta 24.2 Esq" is a floor's);
 * the street word no domain's end ("shop.pl"), and the street on one line ("…place\nVAT No. GB 123").
 */
const NAME_FIRST = new RegExp(String.raw`(?<![.@])\b(?:${STREET})[ \t]+(?:${NAME_WORD}[ \t]+){0,3}\d{1,5}[A-Za-z]?\b(?!\.\d+\.\d|['’]s)${UNIT}`, 'gu');
/**
 * Whether a street word stands before a number at all, looked for back from each digit: `NAME_FIRST` tries its street
 * words at every position, and prose holds far fewer digits than words.
 */
const NAME_FIRST_PRECHECK = new RegExp(String.raw`\d(?<=(?<![.@])\b(?:${STREET})[ \t]+(?:${NAME_WORD}[ \t]+){0,3}\d)`, 'u');
/**
 * Street words that are a surname, a music term or an English word too ("Shortstop Estrada 3 for 4", "Play the Largo 2
 * times", "See Plaza 2"): a name's word must stand between them and the number ("Plaza Mayor 1", "Largo do Machado 5").
 */
const NAMED_NAME_FIRST = new RegExp(String.raw`\b(?:${anyCase('plaza|alameda|largo|estrada')})\s+(?:${NAME_WORD}\s+){1,3}\d{1,5}[A-Za-z]?\b(?!\.\d+\.\d|['’]s)${UNIT}`, 'gu');
/**
 * Spanish, Portuguese and Italian addresses name the street's type, then its name, then a comma and the number, or
 * "s/n" for none ("Calle Mayor, 5", "Carretera Gabriela Durán, 21", "Via Roma, 10", "Plaza Fernando Perea s/n.").
 * The types of Spain's street register (INE) and their Portuguese and Italian kin (Faker's too: "Masía", "Riera",
 * "Incrocio", "Viela"), capitalised as in an address:
 * in lower case most are words ("the camino", "a ronda"). The name's words are capitalised, with the particles of
 * those languages between them.
 */
export const ROMANCE_STREET_TYPES =
  'Calle|C/|Avenida|Avda\\.|Av\\.|Paseo|Plaza|Pza\\.|Carretera|Ctra\\.|Camino|Ronda|Travesía|Rambla|Glorieta|Callejón|Pasaje|Urbanización|Urb\\.|Acceso|Bajada|Subida|Cuesta|Cañada|Senda|Prolongación|Vía|Lugar|Arrabal|Conjunto|Manzana|Rincón|Salida|Terrenos|Rampa|Barranco|Barrio|Bloque|Edificio|Escalinata|Extramuros|Grupo|Municipio|Partida|Poblado|Polígono|Ramal|Sector|Quinta|Rua|Marginal|Praça|Travessa|Largo|Estrada|Alameda|Rodovia|Via|Viale|Piazza|Piazzale|Corso|Vicolo|Contrada|Strada|Arroyo|Masía|Colegio|Ferrocarril|Calleja|Riera|Extrarradio|Jardines|Torrente|Incrocio|Borgo|Rotonda|Viela|Quadra|Setor|Trecho|Vereda|Ladeira';
const ROMANCE_PARTICLE = String.raw`(?:de|del|la|las|los|el|da|do|dos|das|di|della|delle|degli|dei|e|y)[ \t]+`;
const ROMANCE_NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
const ROMANCE_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${ROMANCE_STREET_TYPES})[ \t]+(?:${ROMANCE_PARTICLE}){0,2}${ROMANCE_NAME_WORD}(?:[ \t]+(?:${ROMANCE_PARTICLE}){0,2}${ROMANCE_NAME_WORD}){0,4}(?:[ \t]*,[ \t]*|[ \t]+)(?:(\d{1,5})[A-Za-z]?(?![\p{L}\p{N}]|[.,]\d)|s\/n\.?(?![\p{L}\p{N}]))`,
  'gu',
);
/**
 * Polish addresses put the street's type first, in lower case and often abbreviated, from the national register (TERYT):
 * "ul. Dąbrowskiego 34c", "al. Jerozolimskie 65/79", "os. Konopka 40c m. 754", "skwer Pawlak 2/6". The number may
 * carry a letter and a flat's after "/" or "m.". Not "et al." (or "et. al.") before a name, nor a year ("Al. Gore 2000").
 */
const POLISH_STREET = new RegExp(
  String.raw`(?<![\p{L}\p{N}.])(?<!et\.?[ \t]+)(?:(?:[Uu]l|[Aa]l|pl|[Oo]s|bulw|wyb)\.[ \t]*|(?:ulica|aleja|plac|osiedle|bulwar|rondo|skwer|rynek|szosa|droga|wyspa|ogród)[ \t]+)\p{Lu}\p{Ll}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}[ \t]+(?!${YEAR})\d{1,5}[a-zA-Z]?(?:\/\d{1,4})?(?![\p{L}\p{N}]|[.,]\d)(?:[ \t]+m\.[ \t]*\d{1,4}(?![\p{L}\p{N}]))?`,
  'uy',
);
/** Where a Polish street's type can start: the pattern is tried there only (`cuedMatches`). */
const POLISH_STREET_TYPE = /(?:[Uu]l|[Aa]l|pl|[Oo]s|bulw|wyb)\.|(?:ulica|aleja|plac|osiedle|bulwar|rondo|skwer|rynek|szosa|droga|wyspa|ogród)[ \t]/g;
/** Whether a Polish street's type and name stand before a number at all, looked for back from each digit. */
const POLISH_STREET_PRECHECK = new RegExp(
  String.raw`\d(?<=(?:(?:[Uu]l|[Aa]l|pl|[Oo]s|bulw|wyb)\.[ \t]*|(?:ulica|aleja|plac|osiedle|bulwar|rondo|skwer|rynek|szosa|droga|wyspa|ogród)[ \t]+)\p{Lu}\p{Ll}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,3}[ \t]+\d)`,
  'u',
);
const ENGLISH_STREET_TYPE = /^(?:Via|Sector|Camino|Barrio|Grupo|Conjunto|Acceso|Plaza|Largo|Corso|Salida|Lugar|Partida|Bloque)[ \t]/;
const WORD_AFTER = /^[ \t]+\p{L}/u;
/** "Vía Appia, 5 km", "Camino Real, 3 days later": a number that counts or measures is no house's. */
const MEASURED_AFTER = new RegExp(String.raw`^[ \t]+${MEASURE}`, 'u');
const DURATION_AFTER = /^[ \t]*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)(?![\p{L}])/u;
const COMPOUND_ENDINGS =
  'strasse|straße|str\\.|gasse|weg|allee|platz|damm|ufer|chaussee|vej|stræde|plads|vænge|gata|gatan|gaten|sgate|gade|gränd|gränden|allén|vägen|stigen|backen|leden|torget|veien|vegen|vei|haugen|bakken|åsen|svingen|toppen|kroken|stranda|katu|kuja|polku|väylä|kaari|[a-zäöå]{2}tie|raitti|linja|rinne|mäki|ranta|aukio|straat|laan|plein|gracht|dijk|kade|singel|plantsoen|steeg|dreef|[a-zčćšž]{2}ska|ička';
/** A German street named after a person or a place, the words joined by hyphens: "Walter-Nernst-Str. 60", "Konrad-Adenauer-Allee 1". */
const HYPHENATED_ENDINGS = 'Straße|Strasse|Str\\.|Allee|Platz|Weg|Gasse|Damm|Ufer|Ring|Chaussee|Steig|Markt';
// A stem of four letters at least before "-tie" and "-ska" ("Koulutie", "Vinogradska"; not "Bowtie 2", "Polska 2"), and no
// year for a number ("Alaska 2024"). Bounded by letters, not \b: "\b" is ASCII's, and finds no start before "Ådalsvej". At most three joined words, so a
// run of "Ab-Ab-…" is not read to its end from each of its words.
const COMPOUND = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}]+(?:${COMPOUND_ENDINGS}|(?:-\p{Lu}[\p{Ll}]+){0,3}-(?:${HYPHENATED_ENDINGS}))\s+(?!(?:19|20)\d\d\b)\d{1,5}[A-Za-z]?\b${UNIT}`,
  'gu',
);
/**
 * A text without an ending before a number skips the pattern, which tries the endings from each capital. The endings
 * after a stem of any two letters are their last letters here ("tie", "ska"), looked for back from each digit.
 */
const COMPOUND_PRECHECK = new RegExp(String.raw`\d(?<=(?:${COMPOUND_ENDINGS.replace(/\[[^\]]+\]\{2\}/g, '')}|-(?:${HYPHENATED_ENDINGS}))\s+\d)`);
const BOXES = [
  /\b[Pp]\.?[ \t]?[Oo]\.?[ \t]+(?:Box|BOX|box)[ \t]+\d{1,6}\b/g,
  /\b(?:PSC|CMR|Unit)[ \t]+\d{1,5},?[ \t]+Box[ \t]+\d{1,5}\b/gu,
  /\b(?:USNS|USNV|USS|USCGC|usns|usnv|uss|uscgc)[ \t]+[\p{L}'’-]+(?:[ \t]+[\p{L}'’-]+)?\s+(?:FPO|fpo)\s+(?:A[AEP]|a[aep])[ \t]+\d{5}\b/gu,
];
/** "Address" in the languages prompts come in ("Adresse de facturation :", "la nouvelle adresse est", "indirizzo:"). */
const OTHER_LANGUAGES_ADDRESS_WORDS = 'adresse|adres|direcci[oó]n|indirizzo|endere[cç]o|anschrift|osoite';
const ADDRESS_WORDS = `address(?:es)?|${OTHER_LANGUAGES_ADDRESS_WORDS}`;
/** Whose address, said before it without a verb: "billing address Lundbergs Väg 87", "current address Zeleno polje 98". */
const QUALIFIED_ADDRESS = ['current', 'billing', 'shipping', 'home', 'mailing', 'postal', 'delivery', 'permanent', 'residential', 'registered', 'previous'].map((whose) => `${whose} address`).join('|');
/**
 * The phrases that announce an address, each as its opening words (an alternation, `anyCase`d where any case is taken)
 * and what follows them. The opening words also make the pattern's cue (`ANNOUNCED_START`).
 */
const ANNOUNCING: ReadonlyArray<readonly [opening: string, rest: string]> = [
  [anyCase('lives?|living|resides?|staying'), String.raw`(?:[ \t]+(?:alone|now|currently|still|together))?[ \t]+(?:at|on|in)[ \t]+`],
  [anyCase('drop|stop|come|swing'), String.raw`[ \t]+by[ \t]+`],
  [anyCase('meet'), String.raw`[ \t]+(?:me|us)[ \t]+at[ \t]+`],
  [anyCase('habite|habitons|habitent'), String.raw`[ \t]+(?:au|à|a|en)[ \t]+`],
  [anyCase('domicilio'), String.raw`(?:[ \t]+en)?[ \t,]+`],
  [anyCase('wohnung|wohne|wohnt|wohnen'), String.raw`[ \t]+(?:in|an)(?:[ \t]+der)?[ \t]+`],
  [anyCase('vivo|vive|vivimos|moro|mora|moramos|abito|abita|mieszkam|mieszka|mieszkania|mieszkanie'), String.raw`[ \t]+(?:en|na|no|in|przy)[ \t]+`],
  [anyCase('appartamento|appartement|apartamento|woning'), String.raw`[ \t]+(?:in|en|à|a|op|no|na)[ \t]+`],
  ['on its way|arrive|arrives|will arrive', String.raw`[ \t]+(?:to|at)[ \t]+`],
  [anyCase('pick'), String.raw`[ \t]+(?:me|us)[ \t]+up[ \t]+(?:at|from)[ \t]+`],
  [`${anyCase('located')}|flat|apartment|property|tenancy|house|home|unit`, String.raw`[ \t]+at[ \t]+`],
  [anyCase('ship|shipped|send|sent|deliver|delivered|delivery|forwarded|redirected|mail|mailed|post|posted'), String.raw`(?:[ \t]+(?:it|them|this|the \p{L}+))?[ \t]+to[ \t]+`],
  [
    anyCase(ADDRESS_WORDS),
    String.raw`(?![\p{L}])[^\n\d:]{0,40}?(?:(?<![\p{L}])(?:is|are|with|will be|on file|of record|est|es|ist|è|é|är)[ \t]+|(?:to|,)[ \t]+(?=\d)|[ \t]:[ \t]*(?:\n[ \t]*){0,2}|:[ \t]*(?:\n[ \t]*){0,2})(?:it is[ \t]+)?`,
  ],
  [anyCase(QUALIFIED_ADDRESS), String.raw`[ \t]+(?=\p{Lu}|\d)`],
  [anyCase('corner'), String.raw` of[ \t]+`],
  ['north|south|east|west|other|far|near', String.raw`(?:ern)?[ \t]+(?:side|end)[ \t]+of[ \t]+`],
  ['station|stop|office|shop|store|school|clinic|hospital|hotel|restaurant|bakery|church|library|gym|pharmacy|warehouse|studio|salon|caf[eé]|pub|venue|depot', String.raw`[ \t]+is[ \t]+(?:on|at)[ \t]+`],
  [
    `${anyCase('loss location|street address|address line 1|address line1|mailing address|new address|street')}|street_address|streetAddress|addr|new_addr|address_line_?1|addressLine1|shipping_address|billing_address|home_address|mailing_address|ship_to|shipTo|delivery_address|deliveryAddress|del addr|DEL ADDR`,
    String.raw`["']?[ \t]*[:=][ \t]*["']?`,
  ],
];
/** An XML or HTML element that holds an address: "<street>12 Main St</street>". */
const ADDRESS_ELEMENT = String.raw`<(?:street|address|addr|street_address|address_line1)>[ \t]*`;
/**
 * After a phrase that announces an address: a house number, words and a number ("172 Maneeži 75"), or
 * two or more capitalised words and a number ("Pod Floriánem 1677"; one word and a number is a
 * product, a section or a team: "Python 3", "Team 5").
 */
const ANNOUNCED = new RegExp(
  // One word boundary before every phrase: V8 tests each alternative's start at every position of the text.
  String.raw`\b(?:${ANNOUNCING.map(([opening, rest]) => `(?:${opening})${rest}`).join('|')})|${ADDRESS_ELEMENT}`,
  'gu',
);
/**
 * Where an announcing phrase can start: its opening words' literal starts, in any case, as one tree ("lives?" as "live",
 * "[Cc]orner" as "corner"), and an element's "<". V8 tries each of the pattern's fifty-odd openings at every word's edge;
 * the tree of their starts costs less, and the pattern is tried only where one stands (the address rules read the 4 KB
 * prompt in 58 µs where they took 67).
 */
const ANNOUNCED_START = new RegExp(String.raw`\b(?:${wordAlternation(ANNOUNCING.flatMap(([opening]) => topAlternatives(opening).map(literalStart)))})|<`, 'gi');
const NUMBERED_PLACE = new RegExp(String.raw`\d{1,6}[ \t]+(?:\d{1,5}[ \t]+)?\p{L}[\p{L}'’.-]*(?:[ \t]+${NAME_WORD}){0,3}[ \t]+\d{1,5}[A-Za-z]?\b|\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|(?:de|do|da|del|la|le|na|am|an|der|von|van)(?![\p{L}\p{N}]))){1,3}[ \t]+\d{1,5}[A-Za-z]?\b`, 'uy');
/**
 * After a person's or a shipment's "address is" or "Address:" only, one word and a number are enough: a street named
 * without a street word ("My address is Kristoffersgate 28", "Address: Podbabská 642"). After "lives at" or "ship to"
 * they are as often a product or a team ("ship to Team 5"), after an IP's, a server's or an email's address a setting
 * ("The IP address is Version 6"), and some words are a form's or a system's ("Address: Line 2", "Port 8080").
 */
const NAMED_STREET_NUMBER = new RegExp(String.raw`(\p{Lu}\p{Ll}[\p{L}'’.-]*)[ \t]+(?!${YEAR})\d{1,5}[A-Za-z]?(?![\p{L}\p{N}]|[.,]\d)`, 'uy');
/**
 * What else an address is in the other languages' words: a mail box's, a site's, a machine's ("Indirizzo IP:", "L'adresse
 * e-mail est", "Adres strony:", "la dirección del servidor es"), as English's "IP address:" or "email address is" are none.
 */
const MACHINE_ADDRESS_KINDS = 'e-?mail|mail|courriel|correo|posta|pec|ip|ipv4|ipv6|mac|web|url|uri|site|sito|sitio|strony|internet|serveur|servidor|server|serwera|proxy|dns|wallet|portefeuille|m[ée]moire|memoria|speicher|pami[eę]ci';
/** Things named for an address that hold none, before a colon: "My address bar shows: Chrome 120", "address space layout:". */
const ADDRESS_AS_THING = 'bar|book|books|space|range|pool|block|mask|family|mode|bus|register|offset|format|type|validation|validator|parser|lookup|autocomplete|resolution|translation|sanitizer';
const PERSONAL_ADDRESS = new RegExp(
  String.raw`(?:(?:^|\n)[ \t]*|(?<![\p{L}])(?:my|your|his|her|their|our|the|home|billing|shipping|postal|mailing|delivery|street|new|current|business|office|primary|secondary|old|previous|permanent|temporary|forwarding)[ \t]+)address(?:[ \t]+is|(?![ \t]+(?:${ADDRESS_AS_THING})(?![\p{L}]))[^\n\d:.]{0,30}:|[ \t]+(?:on[ \t]+file|of[ \t]+record|will[ \t]+be))[^\n]*$|(?<![\p{L}])(?:${QUALIFIED_ADDRESS})[ \t]+$|(?<![\p{L}])address[ \t]+(?:on[ \t]+file|of[ \t]+record)[ \t]+$|(?<![\p{L}-])(?:${OTHER_LANGUAGES_ADDRESS_WORDS})(?![^\n\d:]{0,30}?(?<![\p{L}])(?:${MACHINE_ADDRESS_KINDS})(?![\p{L}]))(?:[^\n\d:]{0,30}?(?<![\p{L}])(?:est|es|ist|è|é|is)[ \t]+|[^\n\d:]{0,30}?:[ \t]*)$|(?<![\p{L}])(?:home|billing|shipping|postal|mailing|delivery)[ \t]+address[ \t]+with[ \t]+$|\?[ \t]+it is[ \t]+$`,
  'iu',
);
/**
 * Where someone lives or a delivery goes, or a record's street: "lives at Týnská 750", "delivered to Geiterygglia 4", "flat
 * at Jankovačka 2", "Loss location: Nickpark 3", "new_addr=\"Laudonova 3\"", "<street>Bergstykket 17</street>".
 */
const RESIDENCE =
  /^(?:lives?|living|resides?)[ \t]+at|^(?:deliver(?:ed)?)[ \t]|^(?:shipped|delivery|forwarded|redirected)[ \t]+to|^(?:flat|apartment|property|tenancy|house|home|unit)[ \t]+at|^(?:loss location|street|street address|address line ?1|mailing address|new address)[ \t]*:|^(?:street|street_address|streetAddress|addr|new_addr|address_line_?1|addressLine1|shipping_address|billing_address|home_address|mailing_address)["']?[ \t]*[:=]|^</i;
const SETTING_WORD = /^(?:Unknown|None|Team|Line|Suite|Field|Block|Route|Version|Default|Port|Node|Localhost|Sprint|Admin|Sector|Zone|Region|Room|Building|Item|Row|Page|Slot|Channel|Level|Floor|Unit|Bus|Gate|Pin|Register|Slave|Master|Host|Server|Cluster|Core|Device|Window|Tab|Step|Option|Section|Chapter|Part|Phase|Stage|Round|Week|Day|Lesson|Module|Table|Figure)$/;
function namedStreetNumber(text: string, at: number): RegExpExecArray | null {
  const m = stickyMatch(NAMED_STREET_NUMBER, text, at);
  const end = m ? m.index + m[0].length : 0;
  return m && !SETTING_WORD.test(m[1]!) && !COUNTED_NOUN_AFTER.test(text.slice(end, end + 20)) ? m : null;
}
const VENUE_NUMBER = /(?:Room|Booth|Hall|Stand|Station|Terminal|Platform|Gate|Pier|Track|Level|Floor|Table|Stage|Door)[ \t]+\d{1,5}[A-Za-z]?$/;
/** After "the corner of": two street names joined by "and" ("Main Street and 5th Avenue", "Östbygatan 14 and Sigurmundsson Greens"). */
const STREET_NAME_START = String.raw`(?:\p{Lu}[\p{L}'’.-]*|${ORDINAL}|\d{1,5}\.?)`;
const INTERSECTION = new RegExp(
  String.raw`${STREET_NAME_START}(?:[ \t]+[\p{L}\p{N}'’.-]+){0,3}?[ \t]+(?:and|&)[ \t]+${STREET_NAME_START}(?:[ \t]+(?:${STREET_END}|\p{Lu}[\p{L}'’-]*|${ORDINAL}|\d{1,5}[A-Za-z]?(?![\p{L}\p{N}]|[ \t]+(?:years?|months?|weeks?|days?|hours?|minutes?|times|am|pm)(?![\p{L}])))){0,3}`,
  'uy',
);
/**
 * A number or a street word in one of them ("the corner of Europe and Asia" is no address), and no part
 * that is a numbered piece of a document or a building ("Figure 3 and Figure 4", "Room 101 and 102").
 */
const INTERSECTION_EVIDENCE = new RegExp(String.raw`\d|(?<![\p{L}])${STREET_END}`, 'u');
const NOT_A_STREET = /(?:^|[ \t](?:and|&)[ \t]+)(?:figures?|fig\.|pages?|tables?|charts?|sections?|appendix|rooms?|chapters?|slides?|rows?|columns?|cells?|boxes|box|steps?|items?|parts?|levels?|stages?|phases?|sheets?|floors?|grades?|gates?)[ \t]*\d/i;
/** "the bottom corner of", "the top-left corner of": a corner of a page or a screen. */
const SIDE_BEFORE_CORNER = /(?:top|bottom|left|right|upper|lower|inner|outer)[ \t-]+(?:(?:left|right)[ \t-]+)?$/i;

/** Between the items of a list of addresses. */
const LIST_AND = /[ \t]*(?:,[ \t]*)?(?:and|&|;)[ \t]+/y;

/**
 * A line of its own (maybe behind a form's ">" or "???" marks) holding a house number, a capitalised
 * name and a number ("4923 Parmova 109"): an address when a unit or a place and postcode follow on
 * the next lines, as in a contact card. Without them it is a table row ("2019 Widgets 120").
 */
const CARD_STREET_LINE = /^[ \t]*(?:(?:>|\?\?\?|[-•*])[ \t]*)?(\d{1,6}[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+[\p{L}'’.-]+){0,3}[ \t]+\d{1,5}[A-Za-z]?)[ \t]*$/ymu;
const CARD_TAIL = new RegExp(String.raw`(?:${UNIT_ANY_CASE})(?![\p{L}])|\p{Lu}[\p{L}'’-]+[ \t]+\d{4,6}(?![\p{L}\p{N}])`, 'u');

/** British ("NW1 6XE") and Canadian ("K1A 0B1") postcodes. */
const POSTCODE_UK_CA = String.raw`[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}(?![\p{L}\d])|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d(?![\p{L}\d])`;

/** Between the lines of an address: commas, line breaks, and the ">" or "???" of flattened forms. */
const SEPARATOR = String.raw`[ \t]*(?:[,\n>]|\?\?\?)(?:[ \t\n,>]|\?\?\?){0,6}`;
/** A capitalised word of a place name, whole ("NW1" is a postcode's start, "John.Smith@…" an email's). */
const PLACE_WORD = String.raw`\p{Lu}[\p{L}'’-]*(?![\p{L}\p{N}]|[.@][\p{L}\p{N}])`;
const PARTICLE = String.raw`(?:de|do|da|del|la|le|na|am|an|der|sur|upon)(?![\p{L}\p{N}])`;

/**
 * A street named before its number, with no street word ("Lipová 14", "Heggegropa 50"), is an address when a place,
 * a comma and its postcode follow on the next line or after a comma ("Lipová 14\nTábor, 39001", "Koivukuja 9,
 * Tampere, 33100"); otherwise it is a product, a section or a setting ("Python 3", "Server 2, Port 3000", "Team 5,
 * Score 1500"). The street's words are written in lower case after their capital ("RFC 3986", "HTTP 307" are no
 * streets) and start after no letter, digit, apostrophe, period or hyphen, so a run of "Ab-Ab-…" is not tried from
 * each of its words.
 */
// Four digits that are a year are not a postcode here ("Game 7, Boston, 2024").
const POSTCODE = String.raw`(?:\d{3}[ \t]\d{2}|\d{4}[ \t]?[A-Z]{2}|(?!${YEAR})\d{4,6}(?:-\d{3,4})?)(?![\p{L}\p{N}])`;
const STREET_NAME_WORD = String.raw`\p{Lu}(?:\p{Ll}|['’]\p{Lu})[\p{L}'’.-]{0,40}`;
/** The place and postcode are looked for first (a separator starts them, rarer than a capital), then the street before them. */
const PLACE_AND_POSTCODE = new RegExp(
  String.raw`(?:,|\n)[ \t]*${PLACE_WORD}(?:[ \t]+(?:${PLACE_WORD}|${PARTICLE}|nad|pod|an|am|ob|bei|aan|op|sur)){0,4}[ \t]*,[ \t]*${POSTCODE}`,
  'gu',
);
const STREET_BEFORE_PLACE = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’.-])(?!${HEADING_WORD}[ \t])${STREET_NAME_WORD}(?:[ \t]+(?:${STREET_NAME_WORD}|${PARTICLE})){0,2}[ \t]+\d{1,5}[A-Za-z]?[ \t]*$`,
  'u',
);
const STREET_WINDOW = 160;
/**
 * A street named before its number with a flat's number after it ("Kanovnická 208 Apt. 461", "Mariussgate 5 Leil.
 * 664", "Na Laurové 15 Apt. 736", after a Czech street's preposition), or a Danish floor and side ("Nytorv 12B,
 * 4. th"). Not "Unit" or "Floor", which count modules
 * and levels ("Module 3 Unit 4"), nor a year ("Office 2019 Suite 3").
 */
const NAME_NUMBER_FLAT = new RegExp(
  String.raw`(?<![\p{L}\p{N}'’.-])(?!${HEADING_WORD}[ \t])(?:(?:Na|K|Ke|U|V|Ve|Pod|Nad|Za|Před|Při)[ \t]+)?${STREET_NAME_WORD}(?:[ \t]+${STREET_NAME_WORD}){0,2}[ \t]+(?!${YEAR})\d{1,5}[A-Za-z]?,?[ \t]+(?:(?:${FLAT_WORD})[ \t]*#?[ \t]*\d{1,5}|(?:Suite|SUITE|Ste\.)[ \t]*#?[ \t]*(?:\d{3,5}|\d{1,2}[A-Z])|\d{1,2}\.[ \t]*(?:th|tv|mf))(?![\p{L}\p{N}])`,
  'gu',
);
const FLAT_AFTER_NUMBER = new RegExp(String.raw`\d[A-Za-z]?,?[ \t]+(?:${FLAT_WORD}|Suite|SUITE|Ste\.|\d{1,2}\.[ \t]*(?:th|tv|mf)\b)`);
/** One more piece of an address after what was found: a unit, a place, a region code, a postcode. */
const TAIL_PIECE = new RegExp(
  String.raw`(?:${SEPARATOR}|[ \t]+)(?:(?:${UNIT_ANY_CASE})(?![\p{L}])[ \t]*#?[ \t]*[\p{L}\d]+|#[ \t]*\d{1,3}[A-Za-z]?-\d{1,3}(?![\p{L}\p{N}])|[-–][ \t]+[A-Z]{2}(?![\p{L}\d])|(?:Col\.|Colonia|Bairro|Barrio|Fracc\.)[ \t]+${PLACE_WORD}(?:[ \t]+(?:${PLACE_WORD}|${PARTICLE})){0,4}|\d{4,5}-\d{3}(?![\p{L}\p{N}])|\d{4,6}(?:-\d{4})?(?![\p{L}\p{N}]|[ \t]\d)|\d{2}-\d{3}(?![\p{L}\p{N}])|\d{1,2}[º°ª](?:[ \t]*(?:izq|izda|dcha|der|dr|esq|centro|[A-D])\.?)?|${POSTCODE_UK_CA}|[A-Z]{2}(?![\p{L}\d])|${PLACE_WORD}(?:[ \t]+(?:${PLACE_WORD}|${PARTICLE})){0,5}|\([\p{L} ]{1,24}\))`,
  'uy',
);
const MAX_TAIL_PIECES = 8;

/** In what follows a street: a unit, or a postcode (five digits or more, four after a place, or a British or Canadian one). */
const UNIT_START = String.raw`^(?:[\s,>]|\?\?\?)*(?:${UNIT_ANY_CASE})(?![\p{L}])`;
const UNIT_FIRST = new RegExp(UNIT_START, 'u');
/** "…, Millbrook, 40215", "…, Springfield, IL 62704", "…\nLondon NW1 6XE": a place, then its postcode (after a comma or a state's code). */
const PLACE_THEN_POSTCODE = new RegExp(
  String.raw`^[ \t]*(?:,|\n|>|\?\?\?)[\s,>]*${PLACE_WORD}(?:[ \t]+(?:${PLACE_WORD}|${PARTICLE})){0,4}(?:[ \t]*,[ \t]*(?:[A-Z]{2}[ \t]+)?${POSTCODE}|[ \t]*,?[ \t]*[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?(?!\d)|[ \t]+${POSTCODE_UK_CA})`,
  'u',
);
const UNIT_OR_POSTCODE = new RegExp(String.raw`${UNIT_START}|(?<![\p{L}\p{N}])(?:\d{5,6}|(?<=\p{L},?[ \t]+)\d{4}|${POSTCODE_UK_CA})(?![\p{L}\p{N}])`, 'u');

const UNIT_WORD_FIRST = new RegExp(String.raw`^(?:${UNIT_ANY_CASE})(?![\p{L}])`, 'u');
const SIGN_OFF = /^(?:thanks|thank you|thx|best|regards|kind regards|best regards|warm regards|all the best|cheers|sincerely|yours|love|xoxo|mvh|mfg|cordialement|saludos|grazie|danke)(?![\p{L}\p{N}])/iu;
/** Where an address found at [start, end) really ends: over the units, place names and codes that follow it. */
function extendTail(text: string, end: number): number {
  let at = end;
  for (let pieces = 0; pieces < MAX_TAIL_PIECES; pieces++) {
    const m = stickyMatch(TAIL_PIECE, text, at);
    if (!m) break;
    // A sentence goes on after a space ("12 Baker Street Thanks"): across a bare space only codes and units count.
    const piece = m[0].trimStart();
    const bareSpace = !/^[ \t]*(?:[,\n>]|\?\?\?)/.test(m[0]);
    // Also a Colombian house's "#11-27" and a Brazilian state's " - SP".
    if (bareSpace && !/^(?:\d|[A-Z]{2}$|[A-Z]{1,2}\d|#|[-–][ \t]+[A-Z]{2}$)/.test(piece) && !UNIT_WORD_FIRST.test(piece)) break;
    // A word before a colon is a form's next label, not the town ("12 Main Street\nRecipient: Anna").
    if (/^\p{L}/u.test(piece) && /^[ \t]*:/.test(text.slice(at + m[0].length, at + m[0].length + 3))) break;
    // A blank line ends the address, and so does a sign-off ("…\nLondon NW1 6XE\nThanks, Jane Doe").
    if (/\n[ \t]*\n/.test(m[0]) || SIGN_OFF.test(piece)) break;
    at += m[0].length;
  }
  return at;
}

/** A house number written before a street that names its own number ("86036 Rua do Arenque 1634"). */
function extendHead(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 12), start);
  const m = /\d{1,6}[ \t]+$/.exec(before);
  if (!m) return start;
  const from = start - (before.length - m.index);
  // A whole number standing alone: not the end of a longer one, a phone number or an SSN ("123-45-6789 12 Main Street").
  const previous = text.slice(Math.max(0, from - 2), from);
  return from === 0 || /(?:^|[\s>,])$/.test(previous) && !/\d[ \t]$/.test(previous) ? from : start;
}

/** Where a number starts a word, as the patterns of a house's number first ask (`\b\d`, after a condition of no width). */
const NUMBER_START = /\b\d/g;
/**
 * The patterns that open with a lookbehind, which V8 tries at every position of a text (0.2 to 0.3 ms each on a real 4 KB
 * text), tried where a number or a capital starts, as each of them must; the Polish streets where one of their types does,
 * and the announcing phrases where their opening words do.
 */
const CUED = new Map<RegExp, ['number' | 'capital' | RegExp, RegExp]>([
  [NUMBER_FIRST, ['number', sticky(NUMBER_FIRST)]],
  [NUMBER_THEN_STREET_WORD, ['number', sticky(NUMBER_THEN_STREET_WORD)]],
  [SUFFIX_STREET, ['number', sticky(SUFFIX_STREET)]],
  [TECHNICAL_SUFFIX_STREET, ['number', sticky(TECHNICAL_SUFFIX_STREET)]],
  [COMPOUND, ['capital', sticky(COMPOUND)]],
  [NAME_NUMBER_FLAT, ['capital', sticky(NAME_NUMBER_FLAT)]],
  [POLISH_STREET, [POLISH_STREET_TYPE, POLISH_STREET]],
  [ANNOUNCED, [ANNOUNCED_START, sticky(ANNOUNCED)]],
]);

export const addressDetector: Detector = {
  name: 'address',
  category: 'address',
  priority: 40,
  detect(text) {
    const out: Finding[] = [];
    let numbers: number[] | undefined;
    let capitals: number[] | undefined;
    const found = (pattern: RegExp) => {
      const cued = CUED.get(pattern);
      if (!cued) return matches(text, pattern);
      const [cue, tried] = cued;
      const starts = cue === 'number' ? (numbers ??= cueStarts(text, NUMBER_START)) : cue === 'capital' ? (capitals ??= cueStarts(text, CAPITAL_START)) : cue;
      return cuedMatches(text, starts, tried);
    };
    const add = (start: number, end: number, confidence: number, to = extendTail(text, end)) => {
      const from = extendHead(text, start);
      out.push(finding(this, from, text.slice(from, to), confidence));
      // Should the whole address lose to a more specific finding it touches (a phone number on the next
      // line), the street line itself is still masked.
      if (from !== start || to !== end) out.push(finding(this, start, text.slice(start, end), confidence - 0.01));
    };
    const precise = [NUMBER_FIRST, NUMBER_THEN_STREET_WORD, NAMED_NAME_FIRST, ...BOXES];
    if (POLISH_STREET_PRECHECK.test(text)) precise.splice(3, 0, POLISH_STREET);
    if (NAME_FIRST_PRECHECK.test(text)) precise.splice(2, 0, NAME_FIRST);
    if (COMPOUND_PRECHECK.test(text)) precise.push(COMPOUND);
    if (FLAT_AFTER_NUMBER.test(text)) precise.push(NAME_NUMBER_FLAT);
    for (const pattern of precise) {
      for (const m of found(pattern)) {
        const end = m.index + m[0].length;
        // A number that ends the match and counts time is none of a house ("on Market Street takes 45 minutes").
        if (!DURATION_AFTER.test(text.slice(end, end + 12))) add(m.index, end, 0.75);
      }
    }
    for (const m of matches(text, ROMANCE_STREET)) {
      const end = m.index + m[0].length;
      const to = extendTail(text, end);
      const after = text.slice(end, end + 20);
      const settled = !m[1] || UNIT_FIRST.test(text.slice(end, to)) || PLACE_THEN_POSTCODE.test(text.slice(end, to));
      // Types that are English words too ("Upload Via GitHub, 2 PRs", "Sector Alpha 7 is down") need the number to end
      // the street: no word after it.
      const english = ENGLISH_STREET_TYPE.test(m[0]) && WORD_AFTER.test(after);
      if (settled || (!english && !YEAR_NUMBER.test(m[1]!) && !COUNTED_NOUN_AFTER.test(after) && !MEASURED_AFTER.test(after))) add(m.index, end, 0.7, to);
    }
    for (const m of matches(text, PLACE_AND_POSTCODE)) {
      const window = text.slice(Math.max(0, m.index - STREET_WINDOW), m.index);
      const street = STREET_BEFORE_PLACE.exec(window);
      if (street) add(m.index - window.length + street.index, m.index - window.length + street.index + street[0].trimEnd().length, 0.7);
    }
    for (const [pattern, technical] of [[SUFFIX_STREET, false], [TECHNICAL_SUFFIX_STREET, true]] as const) {
      for (const m of found(pattern)) {
        const end = m.index + m[0].length;
        const to = extendTail(text, end);
        const tail = text.slice(end, to);
        // A unit, or a place and its postcode, after the street settles it ("Storgarden 52 Trajanka Forks, Suite 894");
        // otherwise the number must be a house's, and a number of things is not ("350 Acme Mills shares").
        const settled = UNIT_FIRST.test(tail) || PLACE_THEN_POSTCODE.test(tail);
        const numberOfHouse = () => !NOT_A_HOUSE_NUMBER_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index));
        const house = () => !technical && m[1]!.length >= 3 && !YEAR_NUMBER.test(m[1]!) && !COUNTED_NOUN_AFTER.test(text.slice(end, end + 20));
        if (settled || (numberOfHouse() && (house() || UNIT_OR_POSTCODE.test(tail)))) add(m.index, end, 0.7, to);
      }
    }
    for (const m of cuedMatches(text, lineStartsOf(text), CARD_STREET_LINE)) {
      const start = m.index + m[0].indexOf(m[1]!);
      const end = start + m[1]!.length;
      const to = extendTail(text, end);
      if (CARD_TAIL.test(text.slice(end, to))) add(start, end, 0.7, to);
    }
    for (const m of found(ANNOUNCED)) {
      const at = m.index + m[0].length;
      let intersection: RegExpExecArray | null = null;
      if (/^corner/i.test(m[0])) {
        if (SIDE_BEFORE_CORNER.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
        const corner = stickyMatch(INTERSECTION, text, at);
        if (corner && INTERSECTION_EVIDENCE.test(corner[0]) && !NOT_A_STREET.test(corner[0])) intersection = corner;
      }
      const place = intersection ?? stickyMatch(NUMBERED_PLACE, text, at) ?? stickyMatch(ANNOUNCED_SUFFIX_STREET, text, at) ?? (PERSONAL_ADDRESS.test(text.slice(Math.max(0, m.index - 12), at)) || RESIDENCE.test(m[0]) ? namedStreetNumber(text, at) : null);
      if (!place) continue;
      let end = place.index + place[0].length;
      // A room, a booth or a platform by its number, or a trip's length, is where a meeting is, not an address
      // ("Drop by Conference Room 3", "Meet us at KubeCon Booth 12", "Pick me up at Central Station 2 hours before").
      if (VENUE_NUMBER.test(place[0]) || DURATION_AFTER.test(text.slice(end, end + 12))) continue;
      add(place.index, end, 0.7);
      // "here they are: 03751 Gerrit Achterberghove 137, Colorado Springs, and 7878 Rahu 37 Apt. 405": the list goes on.
      for (let more = 0; more < 4; more++) {
        const and = stickyMatch(LIST_AND, text, extendTail(text, end));
        const next = and ? stickyMatch(NUMBERED_PLACE, text, and.index + and[0].length) : null;
        if (!next) break;
        end = next.index + next[0].length;
        add(next.index, end, 0.7);
      }
    }
    return [...out, ...unions(text, out, this)];
  },
};

/**
 * Addresses found in pieces that overlap are one address: "Serenade Opus 420" (after "address with") and "420
 * Gairbekov Rapids, Apt. 576, …" (by its street suffix). Their union is offered too, as sure as the surest piece,
 * and wins as the longest.
 */
function unions(text: string, found: Finding[], detector: Detector): Finding[] {
  const sorted = [...found].sort((a, b) => a.start - b.start);
  const merged: Finding[] = [];
  for (let i = 0; i < sorted.length; ) {
    let end = sorted[i]!.end;
    let confidence = sorted[i]!.confidence;
    let j = i + 1;
    for (; j < sorted.length && sorted[j]!.start < end; j++) {
      end = Math.max(end, sorted[j]!.end);
      confidence = Math.max(confidence, sorted[j]!.confidence);
    }
    const start = sorted[i]!.start;
    const whole = sorted.slice(i, j).some((f) => f.start === start && f.end === end && f.confidence === confidence);
    if (j - i > 1 && !whole) merged.push(finding(detector, start, text.slice(start, end), confidence));
    i = j;
  }
  return merged;
}
