import { houseNumberBefore, ROMANCE_STREET_TYPES, STREET_SUFFIX } from './address';
import { alternativesTree, literalAlternatives, wordAlternation } from './alternation';
import { byStart, firstFrom, furthestReaching } from './by-position';
import { CAPITAL_START, cuedMatches, cueStarts, holds, lineStartsOf, matches, notAfter, remembered, sticky, stickyMatch } from './context';
import { DETERMINERS, FOLLOWING_WORDS, GIVEN_NAMES, LINKING_WORDS, NOT_NAMES, SURNAMES, SURNAMES_FIRST, TITLE_WORDS, WORDLIKE_NAMES } from './names-gazetteer';
import { COMMON_ENGLISH_WORDS, COUNTRIES, COUNTRIES_IN_ANY_LANGUAGE, ENGLISH_WORDS, LISTED_GIVEN_NAMES, NOT_PEOPLE, PLACES_AND_EPONYMS } from './listed-given-names';
import { COMMON_WORD_SURNAMES, GIVEN_NAME_SURNAMES, LISTED_SURNAMES, surnameByEnding, TIME_ZONE_CITIES } from './listed-surnames';
import { namesInColumns } from './name-columns';
import { namesInFields } from './name-fields';
import { candidateWords, contextFeatures, personProbability, type Token, type WordFacts } from './person-context';
import { addMentions, coverage, writtenInLowerCase } from './person-mentions';
import { OTHER_NUMBER_BEFORE } from './phone';
import { holdsCapital, type CasingFacts } from './truecase';
import { DEFAULT_MIN_CONFIDENCE, finding, type Detector, type Finding } from './types';

/**
 * Person names offline, by rules: a title (Dr., Mrs.) or a phrase ("my name is",
 * "Dear", "Regards,") before capitalised words; a known given name followed by a
 * capitalised word; and capitalised word pairs that are not common words. Names
 * from many locales (diacritics, particles such as "van" or "da") are covered by
 * Unicode letter classes rather than by lists.
 */
/**
 * A capitalised word, "McDonald", "MacLeod", "DeLuca", "LaToya", "O'Reilly", "D'Angelo" included (other inner capitals
 * are products: "JavaScript"), and two joined by a hyphen ("Jean-Pierre", "Zeta-Jones").
 */
const WORD = String.raw`(?:Mc|Mac|De|Di|Da|Du|Le|La|O['’]|D['’])\p{Lu}\p{Ll}+|\p{Lu}[\p{Ll}'’\-]*\p{Ll}(?:-\p{Lu}[\p{Ll}'’]*\p{Ll})?|\p{Lu}\.`;
/** A surname's particles between capitalised words, one or two: "van Gogh", "ten Pas", "van den Berg", "de la Cruz". */
const PARTICLE = String.raw`(?:van|von|de|da|del|der|den|di|du|dos|das|la|le|ten|ter|zu|af|av|bin|ibn|al|el)`;
const PARTICLES = String.raw`${PARTICLE}[ \t]+(?:${PARTICLE}[ \t]+)?`;
/** Romance particles, which place names and forms' labels hold too ("Rio de Janeiro", "Fecha de Nacimiento"). */
const ROMANCE_PARTICLE = /[ \t](?:de|da|del|di|du|dos|das|la|le|al|el)[ \t]/;
/** A surname's particles at its start, as a surname alone is written: "van de Veen", "von Trapp", "ter Horst", "de Vries", "de la Cruz". */
const LEADING_PARTICLES = String.raw`(?:van|von|ten|ter|de)(?:[ \t]+(?:der|den|de|het|la))?[ \t]+`;
/** A form's next label after a name on one line: "Name: Anna Berg Phone: …". */
const TRAILING_LABEL = /[ \t]+(?:Phone|Tel|Mobile|Email|E-mail|Address|Date|Website|Company|Title|Role)$/;
/** Whole words only: "GmbH" is not the name "Gmb". */
const NAME = String.raw`(?:${LEADING_PARTICLES})?(?:${WORD})(?:[ \t]+(?:${PARTICLES})?(?:${WORD})){0,3}(?![\p{L}\p{N}])`;
/** "mr. elliott flew…": typed all in lower case, a title needs its period, and the name one or two words. */
const LOWER_TITLE = /\b(?:[Mm]r|[Mm]rs|[Mm]s|[Dd]r|[Pp]rof)\.\s+([a-z\u00e0-\u024f]{2,}(?:\s+[a-z\u00e0-\u024f]{2,})?)(?![\w\u00e0-\u024f])/g;
/** Brands named with a title, which a title's name would otherwise be: "the Dr. Martens store", "Dr Pepper or Mr. Pibb". */
const TITLED_BRAND = /^(?:Dr\.?[ \t]+(?:Martens|Pepper|Oetker)|Mr\.?[ \t]+(?:Pibb|Clean|Muscle))(?![\p{L}]|[ \t]+\p{Lu})/u;
/**
 * What only a doctor does after a brand's words, not a drink or a cleaner ("Dr. Martens will see you", "Dr. Pepper said";
 * not "Dr. Pepper is my favourite", "Mr. Clean works on everything", "Dr. Martens has a sale").
 */
const TITLED_BRAND_PERSON_VERB =
  /^[ \t]*(?:(?:will|would|can|could|may|is going to)[ \t]+(?:see|call|examine|phone|ring|meet|treat|operate|be with)|(?:just|also|then)?[ \t]*(?:said|says|told|asked|wrote|writes|replied|explained|explains|prescribed|recommended|advised|examined|diagnosed|thinks|believes|is on call|was on call))(?![\p{L}])/u;
/**
 * A house's number and a street's name before "Dr.", which is then the street's drive ("9145 Hamish Estate Dr."); not a
 * date's month ("On 14 March Dr. Evans") nor a street that already has its suffix ("5 Main Street Dr. Brown").
 */
const HOUSE_THEN_STREET_BEFORE =
  /(?<![\p{L}\p{N}])\d{1,6}[A-Za-z]?(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,2}[ \t]+(?!(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|Terrace|Close|Crescent)[ \t]+$)\p{Lu}[\p{L}'’-]*[ \t]+$/u;
/**
 * Titles, stacked too ("Herrn Dr. Klein", "Frau Prof. Weber"); three at most, or "dr. " over and over is read from each
 * start to the end. Not a host's or an address's last label ("mailhr.hr. Se non sei stato tu": Croatia's domain, not
 * Danish "hr."). A lower-case title's check of the capitalised word before it follows its letters: before them it was
 * tried at every blank the stacked titles' blanks gave back, each time reading back over all of them ("Dr." and 200 KB
 * of blanks took 228 s once V8 had compiled the pattern).
 */
const HONORIFICS = String.raw`Mr|Mrs|Ms|Miss|Mx|Dr|Dra|Prof|Sir|Madam|Madame|Monsieur|Mademoiselle|Mme|Mlle|Herr|Herrn|Frau|Sr|Sra|Srta|Señor|Señora|Señorita|Signor|Signora|Signore|Signorina|Sig(?=\.)|Dott(?:\.ssa)?|(?:dr|fr|hr)(?<!\p{Lu}\p{Ll}*[ \t]+[dfh]r)(?=\.)|Fr(?=\.)|Hr(?=\.)|Fru|Ir(?=\.)|Ing(?=\.)|Avv(?=\.)|Dona|Senhor|Senhora|Mevrouw|Mevr|Meneer|Dhr|Herra|Rouva|Neiti|Frøken|MUDr|MVDr|JUDr|PhDr|RNDr|Drs(?=\.)|Pani(?![ \t]+[Pp]uri)|Gđa|Gđica`;
/** Romance honorifics in lower case, as a sentence writes them after an article: "il signor", "la señora" (not "Nossa Senhora"). */
const LOWER_HONORIFICS = 'signor|signora|signorina|señor|señora|señorita|senhor|senhora';
const ARTICLE_BEFORE_HONORIFIC = String.raw`(?<=(?<![\p{L}])(?:[Ii]l|[Ll][ao]|[Ee]l|[Aa]l|[Dd]el|[Dd]al|[Dd]ell[ao]|[Aa]lla|[Oo]|[Aa]|[Dd][oa]|[Aa]o|[Àà])[ \t]{1,3})`;
const TITLE = new RegExp(String.raw`(?<![.@/])\b(?:(?:${HONORIFICS}|${ARTICLE_BEFORE_HONORIFIC}(?:${LOWER_HONORIFICS}))\.?[ \t]+){1,3}(${NAME})`, 'uy');
/**
 * Where a title can start: its words at a word's start, as the pattern's `\b` asks, without the conditions it puts on
 * some (the pattern is tried there only; the `\b` halves the scan).
 */
const TITLE_START = new RegExp(String.raw`\b(?:${alternativesTree(HONORIFICS.replace(/\(\?<?[=!][^()]*\)/g, ''))})`, 'g');
/** Where the lower-case ones start, looked for only in a text that holds one (a cue of "s" tries nearly every word). */
const LOWER_TITLE_START = new RegExp(String.raw`\b(?:${LOWER_HONORIFICS})`, 'g');
const holdsLowerHonorific = (text: string) => text.includes('signor') || text.includes('señor') || text.includes('senhor');
const TRIGGERS = ['my name is', 'name is', "my name's", 'my name’s', "his name's", 'his name’s', "her name's", 'her name’s', 'i am', "i'm", 'called', 'named', 'name:', 'last name?', 'first name?', 'surname:', 'full name', 'dear', 'hi', 'hello', 'hey', 'signed', 'regards,', 'sincerely,', 'thanks,', 'cheers,', 'from', 'by', 'with', 'to', 'for', 'ask', 'tell', 'contact', 'meet', 'met', 'and', 'said', 'starring', 'call me', 'under the name', 'named him', 'named her', 'my kid', 'my son', 'my daughter', 'my wife', 'my husband', 'partner', 'maiden name was', 'maiden name is', "'s name", '’s name', "'s name,", '’s name,',
  // The same in the languages prompts most often come in besides English (not German "ich bin" or "liebe": German
  // capitalises its nouns, "Ich bin Student", "Liebe Kolleginnen").
  'mein Name ist', 'ich heiße', 'ich heisse', "je m'appelle", 'je m’appelle', 'mon nom est', 'me llamo', 'mi nombre es',
  'mi chiamo', 'il mio nome è', 'meu nome é', 'chamo-me', 'mijn naam is', 'ik heet', 'jag heter', 'jeg heter', 'jeg hedder',
  'nazywam się', 'grüße', 'grüßen', 'cordialement,', 'saludos,', 'atentamente,',
  // Sign-offs.
  'all the best,', 'best wishes,', 'xoxo,',
  // Greetings of the day, and other languages' dearest and hello ("Carissimo Nordby,", "Cześć Deneval Batista,"); the dead
  // ("the estate of the late Honor Zíková"); a French declaration's signer ("Je soussigné Solberg"); an Italian account's
  // holder ("intestato a Jacobson-Leannon").
  'good morning', 'good afternoon', 'good evening', 'carissimo', 'carissima', 'cześć', 'witaj', 'the late', 'soussigné', 'soussignée', 'intestato a',
  // Someone to follow up or check in with ("Follow up with Ambrosiano in a couple of months").
  'follow up with', 'following up with', 'check in with',
  // Someone else's name in the Romance languages ("Lui si chiama Ansgary", "Chama-se Telmo", "Se llama Iker", "Elle s'appelle Inès").
  'si chiama', 'chama-se', 'se chama', 'se llama', "s'appelle", 's’appelle',
  // "I am" where nouns and nationalities are written in lower case ("soy ingeniera", "sono italiano"); people married or
  // engaged to someone; family members in those languages.
  'sou', 'eu sou', 'soy', 'yo soy', 'sono', 'io sono', 'je suis', 'ik ben', 'married to', 'engaged to',
  'mi hermana', 'mi hermano', 'mi madre', 'mi padre', 'mi esposa', 'mi esposo', 'mi marido', 'mi hija', 'mi hijo',
  'mia sorella', 'mio fratello', 'mia madre', 'mio padre', 'mia moglie', 'mio marito', 'mia figlia', 'mio figlio',
  'ma sœur', 'mon frère', 'ma mère', 'mon père', 'ma femme', 'mon mari', 'ma fille', 'mon fils',
  'minha irmã', 'meu irmão', 'minha mãe', 'meu pai', 'minha esposa', 'meu marido', 'minha filha', 'meu filho',
  'mijn zus', 'mijn broer', 'mijn moeder', 'mijn vader', 'mijn vrouw', 'mijn man', 'mijn dochter', 'mijn zoon',
  'il mio collega', 'la mia collega', 'mio cugino', 'mia cugina', 'il mio vicino', 'la mia vicina', 'mi compañero', 'mi compañera', 'mi primo', 'mi prima', 'mi vecino', 'mi vecina', 'mon collègue', 'ma collègue', 'mon cousin', 'ma cousine', 'mon voisin', 'ma voisine', 'o meu primo', 'a minha prima', 'meu primo', 'minha prima', 'o meu vizinho', 'a minha vizinha', 'mijn collega', 'mijn buurman', 'mijn buurvrouw', 'mijn neef', 'mijn nicht', 'mein Kollege', 'meine Kollegin', 'mein Nachbar', 'meine Nachbarin', 'mein Cousin', 'meine Cousine', 'jeg mødte', 'jeg møtte', 'jag träffade', 'ik ontmoette',
  'meine Schwester', 'mein Bruder', 'meine Mutter', 'mein Vater', 'meine Frau', 'mein Mann', 'meine Tochter', 'mein Sohn'];
/** People whose name a possessive gives: "my partner's name", "her father's name". */
const RELATIVES = 'partner|wife|husband|spouse|son|daughter|child|kid|mother|father|mom|mum|dad|brother|sister|friend|boss|colleague|manager|boyfriend|girlfriend|fiancée?|grandmother|grandfather|aunt|uncle|cousin|nephew|niece|landlord|doctor|lawyer';
const RELATIVE_BEFORE = new RegExp(String.raw`(?<![\p{L}])(?:${RELATIVES})$`, 'iu');
/**
 * A family member named before a name: "my grandmother Tellervo Räsänen", "her son Tomasz". Not roles ("My Manager
 * Dashboard", "Our intern Program", "our client Walmart"): products and companies stand there as often.
 */
const FAMILY = 'wife|husband|spouse|partner|son|daughter|child|kid|mother|father|mom|mum|dad|brother|sister|boyfriend|girlfriend|fiancé|fiancée|grandmother|grandfather|grandma|grandpa|grandson|granddaughter|aunt|uncle|cousin|nephew|niece|stepson|stepdaughter';
const FAMILY_BEFORE_NAME = new RegExp(
  String.raw`(?<![\p{L}])(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?:(?:late|dear|little|older|younger|elder|elderly|eldest|youngest|oldest|best|beloved|baby|big|twin|step)[ \t]+)?(?:${FAMILY})[ \t]*(?:[,(][ \t]*)?(${NAME})`,
  'uy',
);
/** Where a family member's owner can stand, for `FAMILY_BEFORE_NAME`. */
const FAMILY_OWNER = new RegExp(String.raw`${notAfter('A-Za-z', '[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir')}[ \t]`, 'g');
/** Roles only people hold. */
const PEOPLE_ROLES = 'travel agent|commenter|commentator|booking agent|cashier|tour guide|guide|chef|boss|colleague|coworker|co-worker|teacher|tutor|advisor|adviser|doctor|dentist|nurse|therapist|lawyer|attorney|landlord|landlady|neighbour|neighbor|roommate|flatmate|waiter|waitress|passenger|applicant|witness|patient|realtor|listing agent|nanny|babysitter|plumber|electrician|receptionist|teammate|classmate|cousin|grandma|grandpa|new hire|loan officer|technician|mentor|mentee|borrower|co-borrower|pediatrician|paediatrician|physician|surgeon|psychiatrist|psychologist|counselor|counsellor|caregiver|accountant|adjuster|loss adjuster|hairdresser|physio|physiotherapist|CEO|CTO|CFO|COO|CIO|CISO|founder|co-founder|cofounder';
/**
 * A form's fields that hold a person's name, as labels in any case: "Insured: Nielsen", "Account Holder: Deneval
 * Batista", "NEXT OF KIN:". Parties, assignees and reporters are bots, teams and companies as often ("Reporter:
 * Dependabot", "Assignee: Oncall", "Petitioner: Samsung"), so after a label (a role's too: "Listing agent:") one word
 * counts only when it is a name of the lists, and nothing found there names the person's other mentions.
 */
const PERSON_FIELDS = 'insured|policyholder|cardholder|card holder|account holder|beneficiary|claimant|plaintiff|defendant|petitioner|respondent|guarantor|co-signer|cosigner|next of kin|spouse|traveller|traveler|signed for by|deceased|assignee|reporter|recipient|addressee|account owner|candidate|applicant|adjuster|adjuster assigned|complainant|executor|executrix|guardian|emergency contact|contact person|employee|student|pupil|owner|attn|attention|interviewee|caller name|patient name|registered owner|insured party|tenant|landlord|landlady|lessee|lessor|bill to|sold to|lead passenger|contact|contact for queries|contact for questions|contact for enquiries|point of contact|buddy|kontakt|osoba kontaktowa|ansprechpartner|ansprechpartnerin|persona de contacto|persona di contatto|referente';
/** The fields of those forms that only a person fills: "The account holder is Trnka", "the recipient is Morrison". */
const PEOPLE_FIELDS = 'account holder|account owner|cardholder|card holder|policyholder|beneficiary|recipient|addressee|claimant|guarantor|next of kin|deceased|complainant|executor|executrix|applicant|candidate';
/** Roles that software holds too: a package manager, a process supervisor, a function's caller, a SaaS tenant. */
const OWNED_ROLES = 'manager|supervisor|coach|intern|recruiter|interviewer|tenant|caller';
/** Labels before people's names in minutes, reviews and tickets ("Attendees: Heikkinen, …", "Reviewer: Anna Berg"). */
const PEOPLE_LABELS =
  'attendees|participants|present|panelists|presenter|presenters|moderator|reviewer|reviewers|author|authors|assignee|chaired by|minutes taken by|prepared by|approved by|reviewed by|checked by|signed by|authorised by|authorized by|requested by|witness|witnessed by';
/** Those as a label's word: a caller's line shows a firm as often ("Caller: Verizon Wireless"), and Coach is a brand. */
const LABELLED_OWNED_ROLES = 'manager|supervisor|intern|recruiter|interviewer|tenant';
const ROLE_ADJECTIVE = String.raw`(?:(?:new|old|former|current|late)[ \t]+)?(?:(?:head|assistant|chief|lead)[ \t]+)?`;
const OWNER = String.raw`(?<![\p{L}])(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Yy]our)[ \t]+${ROLE_ADJECTIVE}`;
/** A role's or a person's field's word, anywhere in a word. */
const ROLE_WORD = new RegExp(alternativesTree(`${PEOPLE_ROLES}|${OWNED_ROLES}|${PERSON_FIELDS}|${PEOPLE_LABELS}`, true), 'i');
/** A word that is one of those whole ("accountant" in "my accountant fournier (…)"). */
const WHOLE_ROLE_WORD = new RegExp(`^(?:${ROLE_WORD.source})$`, 'i');
/**
 * Whether a text holds one at a word's start, as the patterns that read one after an owner or as a label need: they,
 * tried from every position, are worth running only then (the `\b` halves the scan).
 */
const ROLE_WORD_IN_TEXT = new RegExp(String.raw`\b(?:${ROLE_WORD.source})`, 'i');
/**
 * A role only people hold before their name: "my daughter's teacher, Imani Hyatt,", "the waiter, Perrot", "our new hire
 * Nowiński". A role software holds too counts only owned by a person's determiner, right before it ("My manager is
 * Sobotka", "my coach Lindqvist"; not "Package manager: Homebrew", "The supervisor is Systemd"). The role is in lower
 * case ("My Manager Dashboard" is a product).
 */
const ROLE_BEFORE_NAME = new RegExp(
  String.raw`(?:(?:${OWNER}|(?<![\p{L}])(?:[Tt]he|[Aa])[ \t]+${ROLE_ADJECTIVE}|['’]s[ \t]+${ROLE_ADJECTIVE})(?:${PEOPLE_ROLES}|${PEOPLE_FIELDS})(?:[ \t]*[,:][ \t]*|[ \t]+(?:is|was)[ \t]+)|${OWNER}(?:${PEOPLE_ROLES}|${OWNED_ROLES})(?:[ \t]*[,:][ \t]*|[ \t]+(?:is|was)[ \t]+|[ \t]+))(${NAME})`,
  'duy',
);
/** Where a role's owner or article can stand, for `ROLE_BEFORE_NAME`. */
const ROLE_OWNER = new RegExp(String.raw`${notAfter('A-Za-z', '[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Yy]our|[Tt]he|[Aa]')}[ \t]|['’]s[ \t]`, 'g');
/**
 * A party or a role that only people are, standing before the name as a title does, as records and news write it:
 * "Patient Bakken, 55-year-old", "for passenger Sydnee, flight", "Plaintiff Tracey alleges", "the host Almine was".
 * Products bear such words too ("Patient Portal", "Host Header", "Employee Self-Service"): the name must be no word of
 * a sentence, and one word a name of the lists, closed by a comma or a bracket, or followed by a person's verb.
 */
const PARTY_TITLES = 'beneficiary|payee|passenger|patient|plaintiff|defendant|claimant|complainant|petitioner|respondent|co-signer|cosigner|employee|applicant|tenant|host|witness|suspect|victim|inmate|borrower|guarantor|policyholder|cardholder|insured|agent';
const PARTY_BEFORE_NAME = new RegExp(String.raw`(?<![\p{L}-])(?:${PARTY_TITLES.split('|').map((t) => `[${t[0]!.toUpperCase()}${t[0]}]${t.slice(1)}`).join('|')})[ \t]+(${NAME})`, 'dgu');
const PARTY_WORD = new RegExp(`(?:${alternativesTree(PARTY_TITLES, true)}) \\p{Lu}`, 'iu');
/**
 * Where the pattern can start: its titles, without the look back that opens it, which V8 tries at every position (77
 * against 14 µs of 4 KB stored two bytes per character, as any text with a curly quote is).
 */
const PARTY_START = new RegExp(`(?:${wordAlternation(PARTY_TITLES.split('|'), true)})`, 'g');
const PARTY_BEFORE_NAME_AT = sticky(PARTY_BEFORE_NAME);
/** Every letter in either case: a form writes its labels in title case or capitals too ("Account Holder:", "INSURED:"). */
const anyCase = (label: string) => label.replace(/\p{L}/gu, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
/** A role's or a person's field as a label where a line, a quote, a bullet, a bracket or a sentence starts ("- **Passenger:** …"). */
const PERSON_LABEL = new RegExp(
  String.raw`(?:^|\n|[.!?,;(]|[ \t][-–—|]|[ \t]{2}(?![ \t]))[ \t]*(?:>[ \t]*)?(?:[-*•]+[ \t]*)?(?:\*\*)?(?:${`${PEOPLE_ROLES}|${LABELLED_OWNED_ROLES}|${PERSON_FIELDS}|${PEOPLE_LABELS}`.split('|').map(anyCase).join('|')})(?:\(s\))?(?:[ \t]+[Nn]ame)?(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*(?:(?:${FAMILY})[ \t]+)?(${NAME})`,
  'dgu',
);
/**
 * An age after a name, as news, notices and reports give one: "Ravn, 78, of Klarup, passed away", "MISSING: Sinesio
 * Finocchiaro, 78, last seen", "The homeowner, Emidio Ruzzante (72), declined". Versions and counts are written so too
 * ("Redis, 7, was forked", "Postgres (16) and MySQL (8)"): one word counts only when it is a written name, before a
 * place it is of ("Ravn, 78, of Klarup"), before what only people do ("Erkki, 33, last seen"; processes die too), or given
 * an age by the word ("Braga, age 23", "Oksana (aged 40)", "Spataro, a 44-year-old", "Patient Lie, 81 y/o").
 */
const AGE_AFTER_NAME = new RegExp(
  String.raw`(?:,[ \t]+(\d{1,3}),[ \t]+(?:(of|from)[ \t]+\p{Lu}|(who|was|died|said|last seen|last|has|had|is survived|passed away|and (?:his|her)|presents|presented|reports|reported|complains|complained|denies|denied|underwent|announced|won|retired|became|married|graduated|pleaded|testified|scored|finished|claimed|lives|lived|works|worked|told|says|spoke)(?![\p{L}]))|(?<![ \t])[ \t]+\((\d{1,3})\)[ \t,]+(?:was|is|who|has|had|died|said|declined|became|told|refused|admitted|denied|lives|lived)(?![\p{L}])|(?:,|(?<![ \t,])(?=[ \t]))[ \t]*\(?aged?[ \t]+(\d{1,3})(?![\d]|[ \t]*(?:years?|yrs?|months?|weeks?|days?|hours?)(?![\p{L}])))|,[ \t]+an?[ \t]+(\d{1,3})[ -]year[ -]old(?![\p{L}])|,[ \t]+(\d{1,3})[ \t]*(?:y\/o|y\.o\.|yo|years?[ \t]+old|yrs?[ \t]+old)(?![\p{L}])`,
  'gu',
);
/** An age in one of those shapes: the pattern, tried at every blank, is worth running only when the text holds one. */
const AGE_SHAPE = /,[ \t]+\d{1,3}(?:,|[ \t]*y(?:\/|\.|o|ea|r))|[ \t]\(\d{1,3}\)|aged?[ \t]+\d|\d[ -]year[ -]old/;
/**
 * An office or a rank before a name, written out: "Senator Pintér", "Coach Bergström", "Professor Svensson", "Detective
 * Hale". Brands and works stand so too ("Coach Outlet", "Captain America", "Cardinal Health"): the name is no word of a
 * sentence nor a place (`personLike`).
 */
const OFFICE_TITLE_WORDS = String.raw`Prime Minister|Minister|Chief Justice|Olympic champion|World champion|Professor|Senator|Sen\.|Congressman|Congresswoman|Rep\.|Governor|Gov\.|Mayor|President|Chancellor|Ambassador|Judge|Justice|Coach|Detective|Det\.|Officer|Sergeant|Sgt\.|Lieutenant|Lt\.|Captain|Capt\.|Inspector|Sheriff|Deputy|Constable|Commissioner|Councillor|Councilman|Councilwoman|Reverend|Rev\.|Pastor|Rabbi|Imam|Bishop|Nurse`;
// No title ends another, so the check for a letter before one reads back the very title matched.
const OFFICE_TITLE = new RegExp(
  String.raw`(?:${OFFICE_TITLE_WORDS})(?<![\p{L}](?:${OFFICE_TITLE_WORDS}))[ \t]+(${NAME})`,
  'dgu',
);
/** "Mathew (born 12 May 1950)", "Anna Berg (née Holm)": a birth's date or name in brackets is a person's. */
const BORN_AFTER = /\((?:born|b\.|née|nee)[ \t]/g;
/** A caller naming themselves: "Hi, this is Fredrik calling about the dishwasher", "this is Eggenmueller speaking". */
const CALLER = new RegExp(String.raw`(?<![\p{L}])[Tt]his is[ \t]+(${NAME})[ \t]+(?:calling|speaking|here)(?![\p{L}])`, 'dgu');
/** A caller greeting and saying where they are from: "Hi there, this is Stroman from North Brandoboro." */
const GREETING_CALLER = new RegExp(
  String.raw`(?:^|[.!?\n][ \t]*)(?:[Hh]i|[Hh]ello|[Hh]ey|[Gg]ood (?:morning|afternoon|evening))(?:[ \t]+there)?[,!]?[ \t]+[Tt]his is[ \t]+(${NAME})[ \t]+from[ \t]+\p{Lu}`,
  'dgu',
);
/** A greeting, then who it is: "Hey, it's Lundström.", "hey its Altenwerth from the climbing gym", "Hi — it's Madita here". */
const GREETING_ITS = new RegExp(
  String.raw`(?:^|[.!?\n"“„][ \t]*)(?:[Hh]i|[Hh]ello|[Hh]ey|[Hh]iya)(?:[ \t]+there)?[,!]?[ \t]*(?:[—–-][ \t]*)?(?:it['’]?s|its)[ \t]+(${NAME})(?=[ \t]*[,.!—–-]|[ \t]+(?:from|here)(?![\p{L}]))`,
  'dgu',
);
/** The line before a name (and an address): "Billing address:", "Ship to:", "Beneficiary:". */
const LABEL_LINE_BEFORE_NAME = /^[ \t>]*(?:(?:billing|shipping|mailing|delivery|postal|return|home|invoice)[ \t]+address|(?:ship|deliver|bill|send|mail|sold)[ \t]+to|(?:beneficiary|payee|recipient|addressee|account[ \t]+holder|card[ \t]?holder|policy[ \t]?holder|insured|patient|applicant|full[ \t]+name|name)[ \t]*:)[ \t]*:?[ \t]*$/i;
/** A mail header's person: "To: Almine", "Cc: Almine Masson", "From: Anna Berg <…>" (not "To: Engineering"). */
const MAIL_HEADER = new RegExp(String.raw`:(?<=^[ \t>]*(?:From|To|Cc|CC|Bcc|BCC|Reply-To|Von|An|À|Para):)[ \t]*(${NAME})[ \t]*(?:<|[,;]|\r?$)`, 'dgmu');
/** A reply's attribution: "Sempronio Scala wrote:", "On Tue, 3 Mar 2025 at 10:02, Mennone wrote:", "Anna Berg schrieb:". */
const WROTE_VERBS = 'wrote|schrieb|a écrit|escribió|scrisse|escreveu|schreef|skrev|kirjoitti|napisał|napsal';
const WROTE = new RegExp(String.raw`(?:^|\n)[ \t>]*(?:On[ \t][^\n]{4,80}?[ \t])?(${NAME})[ \t]+(?:${WROTE_VERBS})[ \t]*:`, 'dgu');
const WROTE_WORD = new RegExp(alternativesTree(WROTE_VERBS));
/** A time's or a date's words before the name in "On Mon, Jan 5, 2025 at 9:00 AM Iris Mulder wrote:". */
const DATE_WORDS_FIRST = /^(?:(?:AM|PM|A\.M\.|P\.M\.|UTC|GMT|CET|CEST)[ \t]+)+/;
/** Assistants, bots and CI servers people address or quote by name as they would a person ("Claude, can you…", "Jenkins wrote:"). */
const ASSISTANT_NAMES =
  /^(?:claude|gemini|grok|cortana|siri|alexa|jenkins|chatgpt|gpt|copilot|bard|llama|mistral|jarvis|bixby|google|computer|assistant|dependabot|renovate|github|gitlab|codex|perplexity|deepseek|qwen|kimi|cursor|devin|admin|administrator|system|guest|user|root|anonymous|moderator|support|grafana|sentry|datadog|pagerduty|slackbot|mergify|snyk|codecov|\S+[ \t]+bot|\S+\[bot\]|\S+-bot)$/i;
/** What people say before a request as they would a name ("Hmm, can you try again?", "Btw, could you…"). */
const INTERJECTION = /^(?:h+m+|u+h*m+|u+h+|e+r+m*|btw|gotcha|lol|omg|ok+|okay|yep|yup|nah|yo|ugh|a+h+|o+h+|wow|pls|plz|thx)$/i;
/** A person addressed before a request, where a sentence starts: "Reinger, could you send me the slides?", "Anna, please check". */
const ADDRESSED = new RegExp(String.raw`(?:^|[.!?\n][ \t]*)(${NAME}),[ \t]+(?:(?:could|can|would|will|do|did|are|have)[ \t]+you|please)(?![\p{L}])`, 'dgmu');
/** A person's role, then their name in brackets: "the plumber (Camilla) will come", "opposing counsel (Ceylin Cleve)". */
const ROLES_BEFORE_BRACKET = `${PEOPLE_ROLES}|${PEOPLE_FIELDS}|counsel|GP|agent|driver|courier|technician|plumber|electrician|contractor|manager|supervisor`.split('|');
const ROLE_THEN_NAME_IN_BRACKETS = new RegExp(
  String.raw`\((?<=(?<![\p{L}])(?:${wordAlternation(ROLES_BEFORE_BRACKET, true)})[ \t]*\()(${NAME})\)`,
  'dgu',
);
/** A person's relation in brackets after their name: "Emergency contact: Sydnee (mother)", "Parker (spouse)". */
const RELATION_AFTER = new RegExp(String.raw`\((?:${FAMILY}|friend|neighbou?r|landlord|landlady|boss|colleague|roommate|flatmate|guardian|caregiver)\)`, 'g');
/** A group chat's notice of who added whom: "Armstrong added Crystal to the group \"Lisbon Trip 2024\"". */
const ADDED_TO_GROUP = new RegExp(String.raw`(?:^|\n)[ \t]*(${NAME})[ \t]+(?:added|removed)[ \t]+(${NAME})[ \t]+(?:to|from)[ \t]+the[ \t]+(?:group|chat|conversation)(?![\p{L}])`, 'dgu');
/** Someone back with a message, where it starts: "Blom here again, still waiting on that refund", "Brájen Molnár here,". */
const HERE_AGAIN = new RegExp(String.raw`(?:^|\n|[.!?][ \t]+)[ \t]*(${NAME})[ \t]+here(?:[ \t]+again)?[ \t]*[,.!—–-]`, 'dgu');
/** Someone added to one's contacts: "Add Fredrik to my contacts". */
const ADDED_CONTACT = new RegExp(String.raw`(?<![\p{L}])[Aa]dd[ \t]+(${NAME})[ \t]+to[ \t]+my[ \t]+(?:contacts|address book|phone)`, 'dgu');
/** A quote's speaker after the verb: '"Get down!" shouted Coty Reinger-Wisozk'; products do not shout or mutter. */
const QUOTE_SPEAKER = new RegExp(
  String.raw`[”"][ \t]*(?:said|shouted|asked|whispered|replied|muttered|yelled|cried|snapped|sighed|laughed|added|answered|complained|insisted|joked|admitted|warned|protested|recalled|explained)[ \t]+(${NAME})`,
  'dgu',
);
/** A quote's author after a dash, ending the line: "“Money doesn't talk, it swears.” - Svensson". */
const QUOTE_AUTHOR = new RegExp(String.raw`[”"][ \t]*[-–—―][ \t]*(${NAME})[ \t]*(?:\r?\n|$)`, 'dgu');
/** Pronouns in brackets after a name ("Milella (she/her)", "Sam Ortiz (they/them)"): only people state theirs. */
const PRONOUNS_AFTER = /\((?:she|he|they|ze|xe)\/(?:her|hers|him|his|them|theirs|zir|hir|xem)(?:\/[a-z]+)?\)/gi;
/** What a bracket right after a name says only of a person: a birth, a relation, pronouns. */
const BRACKETS_AFTER_NAME = [BORN_AFTER, RELATION_AFTER, PRONOUNS_AFTER];
/** What only people do after their age: a version or a count is not seen last, does not die, leaves no one behind. */
const PERSON_ONLY_AFTER_AGE = /^(?:last seen|is survived|passed away)$/;
/** The name that ends where a cue after it starts, found from the cue back: a name is tried from every capital otherwise. */
const NAME_ENDING = new RegExp(String.raw`(?<![\p{L}\p{N}])["']?(${NAME})["']?[ \t]*$`, 'uy');
/** Where such a name can start: a quote, a capital, a particle's first letter; tried there only (`cuedMatches`). */
const NAME_START = new RegExp(notAfter('A-Za-z0-9', String.raw`["'A-Z\u0080-\uffffvtd]`), 'g');
function nameBefore(text: string, at: number): { name: string; end: number } | undefined {
  const from = Math.max(0, at - 80);
  const m = cuedMatches(text.slice(from, at), NAME_START, NAME_ENDING).next().value;
  return m ? { name: m[1]!, end: from + m.index + m[0].indexOf(m[1]!) + m[1]!.length } : undefined;
}
/** What of the name before a cue is a person's (`personLike`, or `cuedName` after a strong cue), with where it ends. */
function personBefore(text: string, at: number, strong = false): { name: string; end: number } | undefined {
  const before = nameBefore(text, at);
  const name = before ? (strong ? cuedName : personLike)(before.name) : '';
  return name ? { name, end: before!.end } : undefined;
}
/**
 * Offices and a lawsuit's or an estate's parties, which an apposition names without an article: "Vivienne, notary, on",
 * "Taylor, treasurer of the club", "Pouros, deceased". Not the roles that software, clusters and surveys have too
 * ("Dask, executor,", "Frankfurt, witness, 1 vote", a trustee, a respondent, a secretary), nor a party, which firms and states
 * are ("Samsung, plaintiff,", "Switzerland, guarantor of the treaty").
 */
const BARE_ROLES = 'executrix|notary|notary public|deceased|treasurer|chairman|chairwoman|chairperson|spokesperson|spokesman|spokeswoman|widow|widower|administrator of the estate';
/**
 * A role only people hold after a name and a comma: "named after Gleason, a local teacher", "Vunak here, the plumber
 * from Tuesday". The role ends the apposition: "Okta, the tenant-wide identity provider",
 * "Multics, the father of Unix" are things; and roles software holds too are none ("Kubelet, the manager of pods").
 */
const ROLE_AFTER_NAME = new RegExp(
  String.raw`(?:(?<![ \t])[ \t]+here)?,[ \t]+(?:(?:${BARE_ROLES})(?=[ \t]*[,.;:)]|[ \t]+(?:of|at|for|to)(?![\p{L}]))|(?:a|an|the|our|my|his|her|their)[ \t]+(?:(?:local|new|former|retired|young|old|senior|junior|head|family|beloved|devoted|dedicated|respected|renowned|popular|longtime|long-time|veteran|trusted|talented)[ \t]+)?(?:${PEOPLE_ROLES}|schoolteacher|industrialist|collector|philanthropist|spokesperson|spokeswoman|spokesman|understudy|novelist|mother|father|son|daughter|wife|husband|widow|widower|grandmother|grandfather|chef|pilot|farmer|teenager|retiree|artist|writer|author|singer|actor|actress|musician|painter|poet|journalist|architect|engineer|professor|priest|pastor|rabbi|imam|goalkeeper|striker|midfielder|footballer|athlete|cyclist)(?=[ \t]*(?:[,.;:)!?]|$)|[ \t]+(?:at|from|who|for)(?![\p{L}])))`,
  'gu',
);
/**
 * A person introduced by the organisation they belong to, as news writes it: "Bridgewater's Parker Suknović",
 * "Panjiva's Riku Andou". Two words at least: "Apple's App Store", "Google's Cloud Platform" are products, which the
 * words' test (no common English word) leaves out.
 */
const ORGANISATION_PERSON = new RegExp(String.raw`(?=\p{Lu})(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}.&-]*['’]s[ \t]+((?:${WORD})(?:[ \t]+(?:${PARTICLES})?(?:${WORD})){1,2})(?![\p{L}\p{N}])`, 'dgu');
/**
 * A person said to be one of those whose work only people do: "Bogan is a Jewish architect based in", "Lindgren was a
 * retired nurse.". The occupation ends its phrase; products are platforms, servers and tools, and an AI one is a
 * product's ("Devin is an AI software engineer").
 */
const OCCUPATIONS =
  'architect|chef|cook|teacher|professor|nurse|doctor|physician|surgeon|dentist|lawyer|attorney|accountant|engineer|writer|author|novelist|poet|journalist|reporter|artist|painter|sculptor|photographer|musician|singer|songwriter|composer|actor|actress|dancer|farmer|baker|butcher|carpenter|plumber|electrician|mechanic|pilot|firefighter|police officer|soldier|student|retiree|entrepreneur|businessman|businesswoman|pharmacist|therapist|psychologist|scientist|historian|economist|politician|diplomat|priest|pastor|rabbi|imam|athlete|footballer|midfielder|striker|goalkeeper|chemist|biologist|physicist|mathematician|librarian|midwife|paramedic|veterinarian|tailor|florist|hairdresser|barber|waiter|waitress|bartender|housewife|homemaker|nanny|widow|widower|grandmother|grandfather|mother|father';
const IS_OCCUPATION = new RegExp(
  String.raw`(?<![ \t])[ \t]+(?:is|was)[ \t]+an?[ \t]+(?!(?:AI|virtual|robotic|automated|digital)[ \t])(?:[\p{L}-]+[ \t]+){0,2}(?:${OCCUPATIONS})(?=[ \t]*(?:[,.;:!?)"]|$)|[ \t]+(?:based|from|in|at|who|with|and|living|working|turned|best|known|whose)(?![\p{L}]))`,
  'gu',
);
/** Occupations that only people have, before a capitalised name: "the industrialist Ravn", "married the architect Santos". */
const PERSON_OCCUPATIONS = `${OCCUPATIONS}|industrialist|collector|philanthropist|novelist|schoolteacher|sculptor`;
const OCCUPATION_BEFORE_NAME = new RegExp(
  String.raw`(?<![\p{L}])(?:[Tt]he|[Aa]n?)[ \t]+(?:(?:local|famous|renowned|retired|young|late|celebrated|acclaimed|former)[ \t]+)?(?:${PERSON_OCCUPATIONS})[ \t]+(${NAME})`,
  'dgu',
);
/**
 * Whether an occupation and a capital stand so at all, the pattern's gate. Without `u`: in a text stored two bytes per
 * character V8 reads the Unicode form four times slower (45 against 15 µs of 4 KB); the gate may then pass for a
 * character beyond the BMP, which the pattern itself judges.
 */
const OCCUPATION_THEN_CAPITAL = new RegExp(String.raw`[A-Z\u00c0-\uffff](?<=(?:${PERSON_OCCUPATIONS})[ \t]+.)`);
/**
 * Who a letter is for or the police name ("attn. Fenstermacher", "a man, identified as Gottschalk,"): departments and
 * malware stand there too ("Attn: Buchhaltung", "identified as Emotet"), so only a name that `namesAPerson`.
 */
const ATTENTION_OR_IDENTIFIED = new RegExp(String.raw`(?<![\p{L}])(?:[Aa]ttn\.?|ATTN\.?|[Aa]ttention:|identified as)[ \t]*(?::[ \t]*)?(${NAME})`, 'dgu');
/** A writer naming themselves in a declaration: "I, Rosmunda Casula, hereby authorize", "I, D'Amore, the undersigned". */
const SELF_NAMED = new RegExp(String.raw`(?:^|[.!?\n"][ \t]*)I,[ \t]+(${NAME}),[ \t]+(?:hereby|do hereby|the undersigned|declare|certify|confirm)(?![\p{L}])`, 'dgu');
/**
 * A chat's speakers, one per line before a colon ("Silvána: are you at home?\nHála: no, I'm still at work", "[10:42]
 * Ari: thanks!"): two such lines at least whose message talks as people do (a pronoun, a greeting, thanks, a
 * question; "ok", "yes" and "no" are a health check's too). Config and logs label lines so too ("Redis: OK",
 * "Error: timeout"), and AI models are compared so ("Gemini: I think…"): their names are no speakers'.
 */
const CHAT_LINE = new RegExp(String.raw`^[ \t]*(?:\[[^\]\n]{1,20}\][ \t]*)?(\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?):[ \t]+([^\n]+)$`, 'ymu');
/** A chat's parties named by their role: "Bot: Please enter…", "User: i don't remember", "Agent: …". */
const CHAT_ROLES = new Set('bot chatbot user assistant agent system customer client caller human support operator moderator admin model host guest interviewer interviewee me you staff rep advisor'.split(' '));
const TALKS = /(?<![\p{L}])(?:I|I'm|I’m|you|we|me|my|your|thanks|thank you|lol|hi|hey|hello|sorry|please)(?![\p{L}])|\?[ \t]*$/iu;
/**
 * Where departments, services, malware, clubs and projects stand as often as people ("Attn: Buchhaltung", "identified as
 * Emotet", "reservation under Expedia", "Congrats Juventus!"): two words that are a person's, or one of the lists' names.
 */
function namesAPerson(name: string): boolean {
  return name.includes(' ') ? personLike(name) === name : knownName(name) || isListedSurname(name);
}
/**
 * A Polish given name as a greeting addresses it, in the vocative ("Cześć Kasiu", "Witaj Tomku", "Piotrze", "Ewo",
 * "Marcinie"): the nominatives it may come from, for the lists to be asked ("Kasia", "Tomek", "Piotr", "Ewa", "Marcin").
 */
const POLISH_VOCATIVE_ENDINGS: Array<[RegExp, string]> = [
  [/iu$/u, 'ia'],
  [/ku$/u, 'ek'],
  [/o$/u, 'a'],
  [/rze$/u, 'r'],
  [/nie$/u, 'n'],
  [/dzie$/u, 'd'],
  [/cie$/u, 't'],
  [/le$/u, 'eł'],
  [/le$/u, 'ł'],
  [/(?<=(?:sz|cz|ż|j|l|g|k|ch|h))u$/u, ''],
];
function namesAPersonInPolishVocative(word: string): boolean {
  return POLISH_VOCATIVE_ENDINGS.some(([ending, nominative]) => ending.test(word) && knownName(word.replace(ending, nominative)));
}
/** A form's field that only a person fills, in a role's pattern. */
const PEOPLE_FIELD = new RegExp(PEOPLE_FIELDS, 'i');
/**
 * A family member's title before a name ("Grandma Beahan", "Uncle Tobiasz"); not an apple's or a country's nickname, nor
 * a sentence's words ("Granny Smith apples", "Uncle Sam", "the Grandpa Pointer").
 */
const FAMILY_TITLE = new RegExp(String.raw`(?<![\p{L}])(?:Grandma|Grandpa|Granny|Nana|Aunt|Auntie|Uncle)[ \t]+(?!Smith(?![\p{L}])|Sam(?![\p{L}])|Ben['’]s)(${NAME})`, 'dgu');
/** The name a booking is made under ("reservation in the name of Hala Ruiz"; not "under Expedia": see `namesAPerson`). */
const BOOKED_UNDER = new RegExp(
  String.raw`(?<![\p{L}])(?:booking|reservation|appointment|account|policy)(?:[ \t]+(?:is|was))?[ \t]+(?:under(?:[ \t]+the[ \t]+name(?:[ \t]+of)?)?|in[ \t]+the[ \t]+name[ \t]+of)[ \t]+(${NAME})`,
  'dgu',
);
/** Whether an occupation's word is in the text at all. */
const OCCUPATION_WORD = new RegExp(String.raw`(?:is|was) an? [^\n]{0,40}(?:${OCCUPATIONS})`);
/**
 * A person's temper asked about: "Why is Glyceria so impulsive?", "Why was Natasja always so rude?". Products are asked
 * about too, but as slow, popular or expensive.
 */
const PERSON_TEMPER = new RegExp(
  String.raw`(?<![\p{L}])(?:[Ww]hy|[Hh]ow come)[ \t]+(?:is|was|does|did)[ \t]+(${NAME})[ \t]+(?:(?:so|always|being|acting|getting|such a)[ \t]+)+(?:impulsive|rude|angry|mean|lazy|grumpy|moody|stubborn|shy|quiet|jealous|arrogant|selfish|nervous|anxious|annoyed|mad|bossy|clingy|distant|cold|upset|sad|happy|nice|kind|friendly|generous|sweet|cranky|defensive|dramatic|emotional|sensitive|passive[- ]aggressive|competitive|secretive)(?![\p{L}])`,
  'dgu',
);
/**
 * Words that make whoever they name a person, whatever the name: quoted as having put something ("As Adela put it,"),
 * appointed to an office ("appointed Veum as chief financial officer", "nombró a Kühnert nuevo director general"), an
 * account's holder in the languages of bank details ("Kontoinhaber: Peeters"), a vCard's formatted name ("FN:Cooper"),
 * an ex or a carer set off by commas ("My ex, Stachurski, still has access"). `words` gate each (the text in lower case
 * holds one of them, or the text itself where they are `cased`).
 */
const OFFICES = `${wordAlternation(
  ['chief', 'head', 'director', 'president', 'chair', 'chairman', 'chairwoman', 'chairperson', 'vice', 'managing', 'general', 'secretary', 'treasurer', 'minister', 'nuevo', 'nueva', 'direttore', 'direttrice', 'diretor', 'diretora', 'directeur', 'directrice', 'geschäftsführer', 'geschäftsführerin', 'vorstand'],
  true,
)}|CEO|CFO|CTO|COO`;
/** Each cue, its gate's words, whether they are looked for in the text as written, and whether one word alone must be a listed name. */
const PERSON_CUES: Array<{ pattern: RegExp; words: string[]; cased?: boolean; onlyListed?: boolean }> = [
  {
    // Firms and agencies say things too ("As Reuters said"): one word must be a listed name.
    pattern: new RegExp(String.raw`(?:^|[.!?\n"“][ \t]*)As[ \t]+(${NAME})[ \t]+(?:once[ \t]+)?(?:put it|said|says|noted|wrote|observed|remarked|explained|argued|likes to say|would say)(?![\p{L}])`, 'dgu'),
    words: ['As '],
    cased: true,
    onlyListed: true,
  },
  {
    // Firms and countries are hired and elected too ("hired Deloitte as general contractor").
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:appointed|appoints|named|names|hired|promoted|elected|nombró[ \t]+a|nombra[ \t]+a|ha[ \t]+nominato|nomeou|ernannte|benannte|benoemde)[ \t]+(${NAME})[ \t]+(?:as[ \t]+|als[ \t]+|come[ \t]+|como[ \t]+|comme[ \t]+|tot[ \t]+)?(?:(?:the|its|our|their|new|interim|acting|zum|zur|il|el|la|o|a|le|de)[ \t]+)*(?:${OFFICES})(?![\p{L}])`,
      'dgu',
    ),
    words: ['appoint', 'named', 'names', 'hired', 'promoted', 'elected', 'nombr', 'nominato', 'nomeou', 'ernannte', 'benannte', 'benoemde'],
    onlyListed: true,
  },
  {
    // Spanish "Titular:" alone is a headline's label: the account's words must follow it.
    pattern: new RegExp(
      String.raw`(?<![\p{L}])(?:[Kk]ontoinhaber(?:in)?|[Tt]itular[ \t]+(?:de[ \t]+la[ \t]+cuenta|da[ \t]+conta)|[Ii]ntestatario|[Rr]ekeninghouder|[Kk]ontoinnehavare|[Kk]ontohaver|[Kk]ontoindehaver|[Tt]itulaire(?:[ \t]+du[ \t]+compte)?|[Ww]łaściciel[ \t]+rachunku)[ \t]*:[ \t]*(${NAME})`,
      'dgu',
    ),
    words: ['kontoinh', 'titular', 'intestatario', 'rekeninghouder', 'kontoinnehav', 'kontohaver', 'kontoindehaver', 'titulaire', 'właściciel'],
  },
  { pattern: new RegExp(String.raw`^FN(?:;[^:\n]*)?:[ \t]*(${NAME})[ \t]*\r?$`, 'dgmu'), words: ['begin:vcard'] },
  {
    // A record's fields written inline, the name's without its colon: "verify: name Csonka, SSN …", "Name Regina | DOB …".
    pattern: new RegExp(
      String.raw`[Nn]ame(?<=(?:^|[:|;,])[ \t]*[Nn]ame)[ \t]+(${NAME})[ \t]*[,;|][ \t]*(?:SSN|DOB|[Dd]ate of birth|[Bb]orn|[Pp]hone|[Tt]el|[Ee]-?mail|[Cc]ard|IBAN|[Aa]ccount|[Aa]ddress|[Pp]olicy|[Aa]ge|[Ss]pouse)(?![\p{L}])`,
      'dgmu',
    ),
    words: ['name '],
  },
  {
    pattern: new RegExp(String.raw`(?<![\p{L}])(?:[Mm]y|[Hh]er|[Hh]is|[Oo]ur|[Tt]heir)[ \t]+(?:ex|ex-wife|ex-husband|ex-partner|ex-boyfriend|ex-girlfriend|carer|caregiver|flatmate|housemate)[ \t]*,[ \t]+(${NAME})[ \t]*,`, 'dgu'),
    words: ['ex,', 'ex-', 'carer,', 'caregiver,', 'flatmate,', 'housemate,'],
  },
];
/**
 * Contexts of a person around a name: told something ("Tell Mátyás that…"), introduced on a call ("Hi, this is
 * Holmberg"), with the writer ("Rowe and I"), before ", who" ("a letter for Buch, who worked…"), owning a family
 * ("Kwiecień's wife"). Tools, teams and companies stand there too ("Tell Git to", "Hi, this is Billing", "Git and I",
 * "Apple, who makes", "Thanks Stripe,"), so a single word counts only when it is a known given name or surname.
 * `words` is what the text must hold for the pattern to be worth trying: a name is tried from every capital. Where the
 * cue follows the name, the pattern is the cue alone and the name is read back from it (`nameFirst`): trying a name
 * from every capital costs more than finding the cue.
 */
/** Verbs that tell or ask someone something, and the ways of reaching them: "Tell Mátyás that", "call Harms about". */
const TOLD_VERBS = '[Tt]ell|[Tt]old|[Aa]sk|[Rr]emind|[Ii]nform|[Ll]et|[Cc]all|[Ee]mail|[Tt]ext|[Pp]ing|[Mm]essage|[Rr]ing|[Pp]hone|[Cc]ontact|[Pp]ay|[Pp]aid';
const KNOWN_NAME_CONTEXTS: Array<{ pattern: RegExp; words: RegExp; nameFirst?: boolean; cued?: boolean }> = [
  {
    pattern: new RegExp(String.raw`(?<![\p{L}])(?:${TOLD_VERBS})[ \t]+(${NAME})[ \t]+(?:(?:that|to|about|if|whether|know|when|back|I|I['’](?:ll|m|ve|d)|we|you|he|she|they)(?![\p{L}])|(?:on|at)[ \t]+[+(\d])`, 'duy'),
    // Only where a name can follow ("call me", "email the team" are tried no further).
    words: new RegExp(String.raw`${notAfter('A-Za-z', TOLD_VERBS)}[ \t]+(?=[A-Z\u0080-\uffffvtd])`, 'g'),
    cued: true,
  },
  { pattern: new RegExp(String.raw`(?:^|[.!?\n][ \t]*)(?:[Hh]i|[Hh]ello|[Hh]ey|[Gg]ood (?:morning|afternoon|evening))(?:[ \t]+there)?[,!]?[ \t]+[Tt]his is[ \t]+(${NAME})`, 'dgu'), words: /this is /i },
  // Whether the writer reached the person: "hey is this Nikki?", "Hi, is this Moreira?".
  { pattern: new RegExp(String.raw`(?:^|[.!?\n][ \t]*)(?:[Hh]i|[Hh]ello|[Hh]ey|[Ss]orry|[Uu]m|[Hh]m+)[,!]?[ \t]+is[ \t]+this[ \t]+(${NAME})[ \t]*\?`, 'dgu'), words: /is this /i },
  // "Cooper and i should split the bill": chat writes "I" in lower case.
  { pattern: /(?<![ \t])[ \t]+and[ \t]+(?:I|i|me|myself)(?![\p{L}'’])/gu, words: / and (?:I|i|me|myself)(?![\p{L}'’])/u, nameFirst: true },
  { pattern: /,[ \t]+who(?![\p{L}])/gu, words: /, who(?![\p{L}])/u, nameFirst: true },
  // Without the comma, "who" and what a person is or does, or did ("Explain this to Nikki who is not technical", "It was
  // Santos who first proposed"). Only after a name of the lists, as every context here: British English gives firms,
  // teams and countries "who" too ("Kodak, who invented", "Germany, who won the World Cup").
  {
    pattern:
      /(?<![ \t,])[ \t]+who[ \t]+(?:is|isn['’]t|was|wasn['’]t|has|had|works|worked|lives|lived|can|can['’]t|cannot|does|doesn['’]t|did|didn['’]t|will|won['’]t|needs|wants|knows|(?:(?:first|also|never|always|still|just|once|later|then|actually)[ \t]+)?(?:was|had|\p{Ll}{2,}ed|taught|thought|brought|bought|sat|led|made|took|gave|wrote|ran|won|lost|told|said|held|found|kept|left|met|built|drew|sang|grew|knew|went|came|began|became|spent|stood))(?![\p{L}])/gu,
    words: / who /,
    nameFirst: true,
  },
  // Spoken to, where a sentence or a quote starts: "Almine, your timesheet is late", "Anna, could you send…".
  {
    pattern: new RegExp(String.raw`(?:^|[.!?\n"“'‘])[ \t]*(${NAME}),[ \t]+(?:your?|you['’](?:re|ve|ll|d)|please|(?:could|can|would|will|do|did|are|have)[ \t]+you|thanks|thank[ \t]+you)(?![\p{L}])`, 'dgu'),
    words: /, (?:you|please|could|can|would|will|do|did|are|have|thank)/i,
  },
  // Thanked for something: "huge thanks to Flak for lending us the van", "shout-out to Bálint for the cake".
  {
    pattern: new RegExp(String.raw`(?<![\p{L}])(?:[Tt]hanks|THANKS|[Ss]hout-?out|[Kk]udos|[Pp]rops)(?:[ \t]+again)?[ \t]+to[ \t]+(${NAME})[ \t]+(?:for|at)(?![\p{L}])`, 'dgu'),
    words: /thank|shout|kudos|props/i,
  },
  // Whose name a card, an account or a booking is in, and whom someone reports to.
  {
    pattern: new RegExp(String.raw`(?<![\p{L}])(?:in[ \t]+the[ \t]+name[ \t]+of|a[ \t]+nombre[ \t]+de|au[ \t]+nom[ \t]+de|em[ \t]+nome[ \t]+de|a[ \t]+nome[ \t]+di|auf[ \t]+den[ \t]+Namen|op[ \t]+naam[ \t]+van|intestat[oa][ \t]+a)[ \t]+(${NAME})`, 'dgu'),
    words: / name of | nombre de | nom de | nome d[ei] | den Namen | naam van | intestat[oa] a /i,
  },
  { pattern: new RegExp(String.raw`(?<![\p{L}])(?:report|reports|reported|reporting)(?:[ \t]+directly)?[ \t]+to[ \t]+(${NAME})`, 'dgu'), words: /report/i },
  // Whom a parcel or a letter goes to, before the house's number: "ship order #48213 to Mathew, 84436 Pagac Lights".
  {
    pattern: new RegExp(String.raw`(?<![\p{L}])(?:[Ss]hip|[Ss]end|[Dd]eliver|[Mm]ail|[Pp]ost|[Ff]orward|[Aa]ddressed|envoy[ée]e?s?|enviad[oa]|inviat[oa]|geschickt|gesendet)[^\n.!?]{0,40}?[ \t](?:to|à|a|an|aan)[ \t]+(${NAME}),[ \t]*\d{1,5}[A-Za-z]?,?[ \t]+\p{Lu}`, 'dgu'),
    words: /, ?\d/,
  },
  // Thanked for something, then named: "Thanks for yesterday, McDermott!"; the writer's friend: "Me and Radmanović have…".
  { pattern: new RegExp(String.raw`(?<![\p{L}])[Tt]hank(?:s|[ \t]+you)[ \t]+for[ \t]+[^\n,.!?]{1,40},[ \t]+(${NAME})[ \t]*[!.]`, 'dgu'), words: /thank/i },
  { pattern: new RegExp(String.raw`(?<![\p{L}])[Mm]e[ \t]+and[ \t]+(${NAME})`, 'dgu'), words: /me and /i },
  // Called out to, as a song or a letter does: "Oh Aylin, sweet Hand, why'd you leave me".
  { pattern: new RegExp(String.raw`(?:^|[.!?"“]\s*)(?:[Oo]h|O)[ \t]+(${NAME})[ \t]*,`, 'dgu'), words: /\bOh? /i },
  // Spoken to after an interjection: "Sorry, Gvozden Skenderija, but…", "Listen to me, Loboda: you don't…".
  {
    pattern: new RegExp(String.raw`(?:^|[.!?"“]\s*)(?:[Ss]orry|[Ll]isten(?:[ \t]+to[ \t]+me)?|[Hh]onestly|[Ll]ook|[Ww]ell|[Oo]kay|OK|[Yy]es|[Nn]o|[Oo]h|[Cc]ome on)[ \t]*,[ \t]+(${NAME})[ \t]*[,:!?]`, 'dgu'),
    words: new RegExp(String.raw`(?:${alternativesTree('sorry|listen|honestly|look|well|okay|ok|yes|no|oh|come on', true)})[ \t]*,`, 'i'),
  },
  // A citation's author before the year: "Szcześniak (2017)", "Ahonen et al. (2019)".
  { pattern: /(?<![ \t])[ \t]+(?:et al\.[ \t]+)?\((?:19|20)\d\d[a-z]?\)/gu, words: /\((?:19|20)\d\d[a-z]?\)/, nameFirst: true },
  // A party of a lawsuit: "Cooper v. City of Eastbrook" (companies sue too, so one word needs a listed name).
  { pattern: /(?<![ \t])[ \t]+vs?\.[ \t]+\p{Lu}/gu, words: / vs?\. /, nameFirst: true },
  // Someone of a department: "Stachurski from HR asked", "forward it to Kinga in accounts payable".
  {
    pattern: /(?<![ \t])[ \t]+(?:from|in)[ \t]+(?:HR|IT|[Ff]inance|[Ll]egal|[Pp]ayroll|[Aa]ccounting|[Aa]ccounts (?:payable|receivable)|[Pp]rocurement|[Cc]ompliance|[Hh]uman [Rr]esources)(?![\p{L}])/gu,
    words: /(?:from|in) (?:HR|IT|finance|Finance|legal|Legal|payroll|Payroll|accounting|Accounting|accounts|Accounts|procurement|Procurement|compliance|Compliance|human|Human)/,
    nameFirst: true,
  },
  // Whose family, counsel or superior someone is: "Kwiecień's wife", "Dufour's lawyer said", "Who is Nemes's manager?".
  {
    pattern: new RegExp(String.raw`['’]s[ \t]+(?:${FAMILY}|parents|lawyer|attorney|solicitor|manager|line manager|boss|assistant|secretary|therapist|landlord|landlady|ex)(?![\p{L}])`, 'gu'),
    words: /['’]s (?:wife|husband|son|daughter|mother|father|brother|sister|kids|children|parents|family|lawyer|attorney|solicitor|manager|line manager|boss|assistant|secretary|therapist|landlord|landlady|ex)/,
    nameFirst: true,
  },
  { pattern: new RegExp(String.raw`(?<![\p{L}])[Tt]hank(?:s|[ \t]+you)(?:[ \t]+(?:again|so much|a lot|a million|a ton))?(?:[ \t]*,)?[ \t]+(${NAME})[ \t]*[,!.:]`, 'dgu'), words: /thank/i },
];
/**
 * A context's `words` in lower case where they are words alone ("thank", "this is "): a text that holds none of them
 * (asked of the text in lower case, `lowerCueWordsIn`) is not scanned for them.
 */
const CONTEXT_WORDS = KNOWN_NAME_CONTEXTS.map(({ words }) => literalAlternatives(words.source)?.map((word) => word.toLowerCase()));
/**
 * The cues' and the contexts' words asked of the text in lower case, in one pattern: one scan finds which the text holds
 * (11 µs of the synthetic 4 KB prompt; asked word by word, each a scan of the whole text, they cost 25 to 55 µs). The
 * scan goes on from the character after each match, so words that overlap ("this is this ") are both found; a word that
 * starts another would still hide it where both stand, so none may.
 */
const LOWER_CUE_WORDS = [...new Set([...PERSON_CUES.filter((cue) => !cue.cased).flatMap((cue) => cue.words), ...CONTEXT_WORDS.flatMap((words) => words ?? [])])];
for (const word of LOWER_CUE_WORDS) if (LOWER_CUE_WORDS.some((other) => other !== word && other.startsWith(word))) throw new Error(`cue word "${word}" starts another`);
const LOWER_CUE_WORD = new RegExp(wordAlternation(LOWER_CUE_WORDS), 'g');
function lowerCueWordsIn(lowerText: string): Set<string> {
  const found = new Set<string>();
  LOWER_CUE_WORD.lastIndex = 0;
  for (let m = LOWER_CUE_WORD.exec(lowerText); m; m = LOWER_CUE_WORD.exec(lowerText)) {
    found.add(m[0]);
    LOWER_CUE_WORD.lastIndex = m.index + 1;
  }
  return found;
}
/**
 * The person something is given or told to, before "his" or "her": "had given Angel his address", "I sent Marta her
 * invoice", "Give Ben his results". Not before "their", "our", "your": companies and products are given those too
 * ("pay Stripe our fees", "never give Claude your API key").
 */
const GIVEN_TO = new RegExp(
  String.raw`\b(?:${wordAlternation(['gave', 'given', 'give', 'gives', 'giving', 'handed', 'sent', 'send', 'told', 'tell', 'showed', 'shown', 'show', 'offered', 'promised', 'lent', 'owe', 'owes', 'owed', 'paid', 'pay', 'emailed', 'texted'], true)})[ \t]+(${NAME})[ \t]+(?:his|her)(?![\p{L}])`,
  'gu',
);
/** Triggers match in either case at their first letter; the name itself must be capitalised (no `i` flag). */
const PHRASE = new RegExp(String.raw`(?:\b(?:${wordAlternation(TRIGGERS, true)})\s+)(${NAME})`, 'gu');
/**
 * Greetings in other languages count where a greeting stands, at a line's or a sentence's start, and with the
 * punctuation that follows an addressee ("Hola Ximena,", "Chère Amélie !"): "C'est trop cher Paris" is no greeting.
 */
/** Wishes that name whom they are for; clubs, countries and projects are wished them too ("Congrats Juventus!"). */
const WISH_GREETINGS = ['happy birthday', 'happy bday', 'congrats', 'congratulations'];
const GREETINGS = ['hallo', 'guten Tag', 'guten tag', 'guten Morgen', 'guten morgen', 'bonjour', 'salut', 'hola', 'buenos días', 'ciao', 'buongiorno', 'olá', 'bom dia', 'hej', 'beste', 'goedendag', 'goedemorgen', 'goedemiddag', 'goedenavond', 'cher', 'chère', 'caro', 'cara', 'estimado', 'estimada', 'prezado', 'prezada', 'querido', 'querida', 'gentile', 'dearest', 'sorry', ...WISH_GREETINGS];
const WISHES = new RegExp(`^[^A-Za-z]*(?:${WISH_GREETINGS.join('|')})`, 'i');
const GREETING = new RegExp(String.raw`(?:^[ \t>]*|[.!?¡¿][ \t]*)(?:${wordAlternation(GREETINGS, true)})[ \t]+(${NAME})(?=[ \t]*(?:[,!:;]|$))`, 'gmu');
/**
 * "Deutsche Telekom AG", "Robert Bosch GmbH", "Andresen Hvidevarer ApS", "Hruška a Šrámek s.r.o.": a legal form of
 * Europe or the Americas after the words (and up to three more capitalised ones) makes them a company. Not forms that
 * are a job title ("Anna Berg, SA"); those that are a degree, a credential or a state too count only right after the
 * name, without a comma ("Atlas Copco AB", not "Thomas Whitfield, AB" or "Laura Jensen, ASA").
 */
const LEGAL_FORM = String.raw`(?:[ \t]+(?:AB|AS|ASA|NV|HB|SA|UG|RFH|Gruppen)|[ \t,]+(?:AG|GmbH|mbH|KGaA|KG|OHG|GbR|e\.V\.|Inc\.?|LLC|LLP|PLLC|Ltd\.?|Ltda\.?|LTDA|plc|PLC|Corp\.?|Co\.|Pty|S\.A\.(?:S\.|U\.)?|SAS|SASU|SARL|EURL|SNC|SCS|SCA|SCOP|SCI|SEM|S\.p\.A\.|SpA|SPA|S\.r\.l\.|Srl|SRL|S\.L\.U?\.?|B\.V\.|BV|N\.V\.|VOF|Oyj?|ApS|A\/S|I\/S|Sp\.[ \t]?z[ \t]?o\.o\.|Sp\.[ \t]?[jk]\.|SKA|S\.K\.A\.|s\.r\.o\.|a\.s\.|v\.o\.s\.|k\.s\.|d\.o\.o\.|d\.d\.|Kft\.|Zrt\.|Nyrt\.|Bt\.|Kv\.|EIRELI|Sp\.[ \t]?p\.|[Ss]p\.[ \t]?z[ \t]?o\.o\.?|z[ \t]?o\.o\.?|s\.r\.l\.|s\.p\.a\.|e\.G\.))(?![\p{L}])`;
const LEGAL_FORM_LAST = new RegExp(`${LEGAL_FORM}$`, 'u');
const LEGAL_FORM_FIRST = new RegExp(`^${LEGAL_FORM}`, 'u');
const LEGAL_FORM_AFTER = new RegExp(String.raw`^(?:[ \t]+(?:${WORD})){0,3}${LEGAL_FORM}`, 'u');
/** "Thomas and Sons", "Morgan & Co.", "Baker Brothers", "Durán Hermanos", "Wold og Sønner": a family firm's name, without a legal form. */
const FIRM_AFTER =
  /^[ \t]+(?:(?:and|&|und|e|y|et|en|og|och|i|a)[ \t]+(?:Sons|Söhne|Partners|Co\.?|Company|Associates|Brothers|Bros\.?|Daughters|Hijos|Hermanos|Asociados|Figli|Fratelli|Filhos|Irmãos|Fils|Frères|Zonen|Sønner|Söner|Synové)|Brothers|Bros\.|Hermanos|Asociados|Fratelli|Frères)(?![\p{L}])/u;
/** After one word only: "Simon & Schuster, Inc." is a company, "John Smith & Acme Corp." a person and a company. */
const JOINED_LEGAL_FORM_AFTER = new RegExp(
  String.raw`^(?:,?[ \t]+(?:${WORD}|&|und|e|y|et|og|och|és|a|i|and(?=[ \t]+(?:Partners?|Sons|Söhne|Co\.?|Company)(?![\p{L}])))){0,3}${LEGAL_FORM}`,
  'u',
);
/**
 * "the Hemingway novel", "the Kennedy family", "the Obama administration": a name used as an attribute of a person's
 * work, family or office. After "the", a capitalised word is otherwise a thing ("the Adam optimizer"), and so is one
 * before an age ("the Victorian era").
 */
const WORK_OF = new RegExp(
  String.raw`(?<![\p{L}])[Tt]he[ \t]+((?:${WORD})(?:[ \t]+(?:${WORD}))?)[ \t]+(?:novel|book|biography|memoir|autobiography|album|song|film|movie|play|poem|painting|portrait|essay|lecture|speech|interview|trilogy|saga|estate|family|household|administration|presidency|campaign|archive|papers)s?(?![\p{L}])`,
  'gu',
);
/**
 * A journey's, a shipment's or a match's word before "to", whose end is a place or a team: "a trip to", "moved back to",
 * "drove all the way to", "lost to".
 */
const JOURNEY_BEFORE = /(?:^|[^\p{L}])(?:trips?|travel(?:l?ed|l?ing|s)?|mov(?:e|ed|es|ing)|emigrat(?:e|ed|ing)|immigrat(?:e|ed|ing)|relocat(?:e|ed|ing)|migrat(?:e|ed|ing)|dr(?:ive|ove|iven|iving)|fl(?:y|ew|ies|ying|ights?)|rides?|way|been|go|goes|going|went|gone|come|comes|came|coming|get|got|ship(?:s|ped|ping)?|ambassador|route|roads?|trains?|bus|back|visits?|welcome|return(?:s|ed|ing)?|head(?:s|ed|ing)?|arriv(?:e|ed|ing)|bound|tickets?|directions?|close|closer|near|nearer|similar|compared|convert(?:s|ed|ing)?|next|exports?|imports?|lost|lose|loses|losing|drew|draw|fell|falls|beaten|relegated|promoted)(?:[ \t]+(?:all[ \t]+the[ \t]+way|over|down|up|out|home))?[ \t]*$/iu;
/** "from Lisbon to": a journey's start before "to", whose end is a place too. */
const JOURNEY_START_BEFORE = /(?:^|[^\p{L}])from[ \t]+\p{Lu}[\p{L}-]*(?:[ \t]+\p{Lu}[\p{L}-]*)?[ \t]+$/u;
/** What is for a place, a dish or a product rather than a person: "a recipe for Pavlova", "a guide for Marseille". */
const THING_FOR_BEFORE = /(?:^|[^\p{L}])(?:recipes?|guides?|itinerary|itineraries|tips|visas?|flights?|hotels?|weather|forecast|maps?|routes?|directions|tickets?|fares?|deals?|prices?|reviews?|ingredients|drivers?|plugins?|bindings?|support|alternatives?)[ \t]+$/iu;
/** What firms do by a brand's name: "distributed by Warner", "powered by Vercel", "acquired by Oracle". */
const FIRM_BY_BEFORE = /(?:^|[^\p{L}])(?:distributed|published|powered|acquired|developed|hosted|operated|manufactured|sold|backed|funded|sponsored|owned|licensed|maintained|issued|insured|underwritten|provided)[ \t]+$/iu;
/** Before a place: "in Bergen", "from Tromsø", "University of Uppsala". */
/** Whether "to", "for" or "by" after `lead` ends a journey or a match, a thing for a place or a dish, or a firm's deed. */
/**
 * "Sunni and Shia Islam", "Catholic and Orthodox Easter": after "and", a pair joined to a capitalised word of the
 * sentence or a place is of its kind ("Anna Berg and Tom Lee", "Madita and Madita Plotzitzka" are people).
 */
function thingsJoined(trigger: string, lead: string, first: string): boolean {
  const before = trigger === 'and' ? CONJUNCT_BEFORE.exec(lead)?.[1] : undefined;
  return (
    (before !== undefined && before.length >= 4 && before !== first && !listedName(before) && !COMMON_WORD_SURNAMES.has(before.toLowerCase()) && (sentenceWord(before) || placeOrCountry(before))) ||
    placeJoined(lead)
  );
}
/** After a place and "and", "or" or a comma: "Frankfurt and Milan", "Ueno Park and Shinjuku Gyoen", "Paris, Florence". */
function placeJoined(lead: string): boolean {
  const before = PLACE_CONJUNCT_BEFORE.exec(lead);
  return before !== null && ((before[1] === undefined && placeOrCountry(before[2]!)) || (before[1] !== undefined && PLACE_KIND_LAST.test(before[2]!)));
}
const PLACE_CONJUNCT_BEFORE = /(?<![\p{L}'’-])(?:(\p{Lu}\p{Ll}+)[ \t]+)?(\p{Lu}\p{Ll}+)(?:[ \t]+(?:and|or|&)|,)[ \t]+$/u;
/** A place's kind after its name, surnames among them ("Ueno Park", "Bondi Beach", "Central Station"). */
const PLACE_KIND_LAST = /^(?:Park|Beach|Lake|River|Hill|Hills|Garden|Gardens|Station|Airport|Square|Street|Road|Avenue|Bay|Island|Bridge|Tower|Palace|Castle|Cathedral|Museum|Market|Harbou?r|Centre|Center|Mall|Plaza)$/;
const THING_CALLED =
  /(?<![\p{L}])(?:town|village|city|place|island|planet|kingdom|country|region|river|street|ship|boat|shop|store|restaurant|caf[eé]|bar|pub|hotel|inn|band|game|book|novel|film|movie|show|series|song|album|app|tool|library|project|product|brand|company|startup|firm|team|club|dog|cat|puppy|kitten|horse|pet|parrot|fish|robot|file|folder|channel|server|repo|repository)[ \t]+(?:called|named)[ \t]+$/iu;
const CONJUNCT_BEFORE = /(?<![\p{L}'’-])(\p{Lu}\p{Ll}+)[ \t]+and\s+$/u;
function thingOrPlaceAfter(trigger: string, lead: string): boolean {
  return (trigger === 'to' && (JOURNEY_BEFORE.test(lead) || JOURNEY_START_BEFORE.test(lead))) || (trigger === 'for' && THING_FOR_BEFORE.test(lead)) || (trigger === 'by' && FIRM_BY_BEFORE.test(lead));
}
const TO_FOR_BY_BEFORE = /(?<![\p{L}])(to|for|by)[ \t]+$/iu;
const PLACE_PREPOSITION_BEFORE = /(?:^|[^\p{L}])(?:in|at|from|of|near|into|via|across|around|outside|inside|through)[ \t]+$/iu;
/** Where a place stands far more often than a person, in the languages prompts come in: "staying in", "se queda en", "mieszka w". */
const PLACE_ONLY_BEFORE = /(?:^|[^\p{L}])(?:in|en|à|au|w|we|im|near|outside|inside|across|around|through|via)[ \t]+$/iu;
/** A flat's or a suite's number right before: what follows it is the address's town. */
const UNIT_BEFORE = /(?<![\p{L}])(?:apt|apartment|suite|ste|unit|flat)\.?[ \t]*#?\d+[A-Za-z]?,?[ \t]+$/iu;
/** A house number after a street's name, the line's or the sentence's end after it. */
const ROMANCE_STREET_TYPE_FIRST = new RegExp(`^(?:${ROMANCE_STREET_TYPES})[ \\t]`, 'u');
const ROMANCE_STREET_TYPE_BEFORE = new RegExp(`(?<![\\p{L}])(?:${ROMANCE_STREET_TYPES})[ \\t]+$`, 'u');
/** After the street's name words: its number (not a decimal, a time, a date's or an age: "Ronda Smith, 35, was…") or "s/n". */
const NUMBER_AFTER_STREET_NAME =
  /^(?:[ \t]+(?:\p{Lu}[\p{L}'’-]*|de|del|la|di|da|do|dos))*,?[ \t]*(?:s\/n|(?!\d{1,3},[ \t]+(?:was|is|who|has|had|said|of|from|died|lives)(?![\p{L}]))\d{1,5}[A-Za-z]?(?![\d.,:\/-]\d|[\p{L}]))/u;
const HOUSE_NUMBER_AFTER = /^[ \t]+\d{1,5}[A-Za-z]?[ \t]*(?:[,.;](?:\s|$)|\r?\n|$)/;
/** A title's, a phrase's or a known given name's evidence: what weaker rules' objections do not outweigh. */
const STRONG = 0.8;
/** The context model's probability above which a capitalised word no rule took is a name (`person-context.ts`). */
const CONTEXT_MODEL_THRESHOLD = 0.9;
/** Below this, the model doubts a word of a guess it would raise whole. */
const MODEL_DOUBT = 0.5;
const GUESS_WORD = /\p{Lu}[\p{L}\p{M}'’-]*/gu;
/**
 * The confidence of the context model's findings, below every rule's (0.6 and up): `min_confidence` above it keeps the
 * rules alone, for traffic where products and places stand where people do.
 */
export const CONTEXT_MODEL_CONFIDENCE = 0.55;
/**
 * Brands and firms named after their founders, which prompts name far more often than the founders themselves; and
 * drinks and dishes named after people ("a Tom Collins", "Earl Grey buttercream", "Eggs Benedict").
 */
const FOUNDER_BRANDS = `Louis Vuitton|Morgan Stanley|Wells Fargo|Calvin Klein|Ralph Lauren|Tommy Hilfiger|Hugo Boss|Giorgio Armani|Yves Saint Laurent|Estée Lauder|Charles Schwab|Merrill Lynch|Dow Jones|Rolls Royce|Aston Martin|Alfa Romeo|Mercedes Benz|Harley Davidson|Dolce Gabbana|Salvatore Ferragamo|Michael Kors|Tory Burch|Kate Spade|Marc Jacobs|Christian Dior|Coco Chanel|Jimmy Choo|Ted Baker|Paul Smith|Stella McCartney|Bobbi Brown|Max Factor|Jack Daniel['’]?s|Johnnie Walker|Ben Jerry|Tim Hortons|Baskin Robbins|Dunkin Donuts|Roger Dubuis|Patek Philippe|Audemars Piguet|Vacheron Constantin|Jaeger LeCoultre|Lloyd Webber|Goldman Sachs|Lehman Brothers|Warner Bros|Procter Gamble|Johnson Johnson|Ernst Young|Arthur Andersen|Booz Allen|Bain Capital|John Deere|Tom Collins|Earl Grey|Bloody Mary|Lady Grey|Arnold Palmer|Shirley Temple|Rob Roy|John Collins|Eggs Benedict|Peach Melba|Beef Wellington|Hewlett Packard|Johnson Matthey|Bristol Myers|Allen Overy|Pitney Bowes|Abercrombie Fitch|Marks Spencer|Sotheby|Christie|Deloitte Touche|Skadden Arps|Baker McKenzie|Clifford Chance|Freshfields Bruckhaus|Sherwin Williams|Black Decker|Smith Wesson|Harper Collins|Simon Schuster|Houghton Mifflin|Charles River|Ben Sherman|Fred Perry`;
const FOUNDER_BRAND_AT = new RegExp(String.raw`^(?:${FOUNDER_BRANDS.replace(/ /g, '[ \t]+')})(?![\p{L}])`, 'iu');
/** Their first words, asked before the pattern is tried at a name's start with the word before it. */
const FOUNDER_BRAND_FIRST_WORDS = new Set(FOUNDER_BRANDS.split('|').map((brand) => brand.split(' ', 1)[0]!.toLowerCase()));
/** The first words of places' names: "Fort Worth", "Cape Town", "Saint Helena", "Tel Aviv", "Kuala Lumpur". */
const PLACE_WORDS = String.raw`San|Santa|Santo|São|St\.?|Saint|Fort|Port|Mount|Mt\.?|Lake|Cape|Tel|Abu|Kuala|Buenos|Los|Las`;
const PLACE_FIRST = new RegExp(`^(?:${PLACE_WORDS})$`);
/**
 * A place's or an institution's kind last: "Marina Bay", "Lincoln Elementary", "Victoria Station", "Charles University";
 * words that are no surnames ("Park", "Hall", "Church" are).
 */
const PLACE_LAST = /^(?:Empire|Kingdom|Republic|Dynasty|Bay|Harbou?r|Airport|Station|Elementary|Academy|College|University|Hospital|Clinic|Stadium|Arena|Mall|Plaza|Square|Gardens|Heights|Springs|Valley|Island|Museum|Cathedral|Boulevard|Avenue)$/;
/** "Marcos do Sul", "Ígor do Norte": a Portuguese or Spanish town's side after its name. */
const TOWN_SIDE_AFTER = /^[ \t]+d[aeo]l?[ \t]+(?:Sul|Norte|Sur|Leste|Oeste|Este|Mar|Campo|Monte|Serra|Vale)(?![\p{L}])/u;
/** A Romance mountain's word, a given name too: "Monte Carlo", "Monte Rosa" against weak evidence, not "my uncle Monte Smith". */
const MOUNTAIN_FIRST = /^Monte$/;
/**
 * A town's or a region's side ("North Carolina", "South Elizabeth", "Upper Darby", "Bad Homburg"), which weak evidence
 * does not outweigh ("My name is North West" is a person).
 */
const SIDE_WORDS = String.raw`North|South|East|West|Upper|Lower|New|Neu|Alt|Nord|Süd|Ost|Bad|Borgo|Sesto|Settimo|Quarto`;
const SIDE_FIRST = new RegExp(`^(?:${SIDE_WORDS})$`);
/**
 * A street's type before its name: "Calle Mayor", "Plaza Fernando Perea", "Via Garibaldi" (the street, not a person).
 * Not "Ronda", a given name too ("Ronda Rousey").
 */
const STREET_TYPES = ROMANCE_STREET_TYPES.split('|').filter((type) => type !== 'Ronda').join('|');
const STREET_TYPE_FIRST = new RegExp(`^(?:${STREET_TYPES})$`, 'u');
/** Given names that are measures' words, which label values ("Max: 100", "Min: 0"). */
const MEASURE_NAMES = /^(?:Max|Min)$/;
/** A capitalised word before, that is no word introducing a person ("Histogram Max Size"; "Ask Max Weber" is not). */
const TITLE_WORD_BEFORE = /(?<![\p{L}])(?!(?:Ask|Call|Tell|Email|Ping|Text|Meet|Dear|Hi|Hello|Hey|Thanks|With|From|And)[ \t])\p{Lu}\p{Ll}+[ \t]+$/u;
/**
 * "if Trader Joe's still sells", "at Papa John's": a word of the sentence, capitalised mid-sentence, before a given name
 * and its "'s" makes a shop's name, unless it is a person's role or kin ("ask Uncle Joe's wife", "Coach Dan's team").
 */
function brandPossessive(text: string, start: number, end: number): boolean {
  return /^['’]s(?![\p{L}])/u.test(text.slice(end, end + 3)) && afterCapitalisedWord(text, start);
}
/**
 * The capitalised word right before `start` when it is no word that addresses a person, no role and no kin: where it
 * starts, and whether a sentence starts with it.
 */
function capitalisedWordBefore(text: string, start: number): { word: string; start: number; sentenceStart: boolean } | undefined {
  const before = text.slice(Math.max(0, start - 30), start);
  const found = WORD_BEFORE.exec(before);
  const word = found?.[1];
  if (!word || !TITLE_WORD_BEFORE.test(before) || ROLE_WORD.test(word) || FAMILY_WORD.test(word)) return undefined;
  const sentenceStart = SENTENCE_START.test(before.slice(0, before.length - word.length - 1).replace(/[ \t]+$/, ' '));
  return { word, start: start - (before.length - found!.index), sentenceStart };
}
/**
 * Right after a word of the sentence capitalised mid-sentence: the second word of a thing's or a place's name ("Trader
 * Joe's", "(Great Britain)"; not "Uncle Joe", "Thanks Anna").
 */
function afterCapitalisedWord(text: string, start: number): boolean {
  const before = capitalisedWordBefore(text, start);
  return before !== undefined && !before.sentenceStart && sentenceWord(before.word);
}
/**
 * For the context model: where a capitalised word stands right before that is no given name or title either, mid-sentence,
 * or at a sentence's start when it is no word of the sentence ("Goldman Sachs", "the Sagrada Família", "(Great Britain)";
 * not "Anna Karadamis", "Met Karadamis", "Thanks Karadamis"); -1 where none does.
 */
function properNounBefore(text: string, start: number): number {
  const before = capitalisedWordBefore(text, start);
  if (!before || isGivenName(before.word) || isListedGivenName(before.word) || TITLE_WORDS.has(before.word.toLowerCase())) return -1;
  return !before.sentenceStart || !sentenceWord(before.word) ? before.start : -1;
}
const FAMILY_WORD = new RegExp(`^(?:${FAMILY})$`, 'i');
const PERSONAL_WORK = /(?:novels?|biography|memoirs?|autobiography|estate|administration|presidency)$/;
const SINGLE = new RegExp(String.raw`(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}])`, 'uy');
const PAIR = new RegExp(String.raw`(?<![\p{L}\p{N}])(${WORD})([ \t]+(?:${PARTICLES})?(?:${WORD})){1,2}(?![\p{L}\p{N}])`, 'uy');
/**
 * A line that holds only a name, as in signatures and contact cards ("Jamie Pratt", ">Gyala Antall"). Title-case
 * lines are also a document's headings ("Next Steps", "Risk Assessment"): unless it starts with a known given
 * name, such a line is a name only when a contact card follows it.
 */
const NAME_LINE = new RegExp(String.raw`^[> \t]*((?:${WORD})(?:[ \t]+(?:${WORD})){1,2})[ \t]*$`, 'ymu');
/**
 * A name and its mailbox in brackets, as mail headers and bug reports write them: "Koivisto <koivisto@example.org>",
 * "Inga Berg (inga@example.org) reported". Teams and tools have mailboxes too ("Support <support@…>"), so one word
 * is a name's only when it is a known name or no English word.
 */
const MAILBOX_IN_BRACKETS = /<([^\s<>@]{1,64}@[^\s<>@]{1,255})>|\(([^\s()@]{1,64}@[^\s()@]{1,255})\)/g;
/** A team's, a service's, a bot's or a role's mailbox: "notifications@", "no-reply@", "loki-alerts@", "syzbot@". */
const ORGANISATION_MAILBOX =
  /^(?:[^@]*[._+-])?(?:no-?reply|do-?not-?reply|support|info|hello|contact|team|notifications?|alerts?|billing|sales|admin|help|helpdesk|servicedesk|service|news|newsletters?|updates|security|bot|mailer|marketing|feedback|careers|jobs|press|office|accounts?|containers|infra|ops|devops|engineering|community|ci|builds?)(?:[._+-][^@]*)?@|^[^@]*bot\]?@|@(?:[^@]*\.)?(?:users\.)?noreply\./i;
/**
 * A mailbox whose domain is the name shown or a word of it, and whose own part is not: "Acme <sales.eu@acme.com>",
 * "Hosted Weblate <hosted@weblate.org>" are theirs; "Feross Aboukhadijeh <feross@feross.org>" is a person's.
 */
function mailboxNamesOrganisation(name: string, mailbox: string): boolean {
  const [local, domain] = mailbox.toLowerCase().split('@') as [string, string];
  const site = domain.split('.', 1)[0]!.replace(/[^a-z]/g, '');
  const words = [foldAccents(name), ...name.split(/[ \t]+/).map(foldAccents)].map((w) => w.toLowerCase().replace(/[^a-z]/g, '')).filter((w) => w.length >= 4);
  return words.some((word) => site === word && !local.replace(/[^a-z]/g, '').includes(word));
}
/** A line holding one capitalised word, as a letter is signed ("Best,\nCsonka") or a contact card headed. */
const ONE_WORD_LINE = new RegExp(String.raw`^[> \t]*(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t]*\r?$`, 'ymu');
/**
 * A bulleted line holding only a name ("• Carly Jones", "??? Freja Clausen" where a form's bullets were
 * lost) is a person when a contact card follows: an email, a phone or a street line within the next three.
 * Without that, bulleted title-case lines are headings ("- Next Steps").
 */
/**
 * A contact list's line: a name, a dash, a colon or a bracket, and a phone number ending the line ("Aliénor - 0474381400",
 * "Václavek: +420 080 690 785"; "Hotel front desk - …" is no name, and "Reception - …" a sentence's word).
 */
const CONTACT_LINE = new RegExp(String.raw`^[ \t]*(?:[•*·▪–-]+[ \t]*)?((?:${WORD})(?:[ \t]+(?:${WORD})){0,2})[ \t]*(?:[-–:|,][ \t]*|\()[+(]?\d[\d \t().\/-]{5,}\d\)?[ \t]*\r?$`, 'ymu');
/** A number's own label, not its owner: "Tél: 02.123.45.67", "Hotline - 0800 …" (another number's too: "Kundennummer: 4400-1187"). */
const NUMBER_LABEL = /^(?:t[eé]l[eé]?(?:fono?|phone|fone?)?|phone|mobile?|m[oó]vil|celular|cellulare|handy|fax|cell|tlf|gsm|mob|ph|whatsapp|hotline|helpline|office|home|work|main|direct|support|sales|reception|emergency|ext|contato|contacto|kontakt|numer|festnetz(?:nummer)?|callback|call-?back|landline|fixe|fijo|fisso|privat|büro|casa|trabajo|lavoro|mobiel|telefoon|telefon|telefonu|cellphone|(?:kredit|credit|debit)?(?:karte|card|kaart)|carte|tarjeta|carta|cartão|visa|mastercard|amex|iban|bic|swift|ssn|pin)\.?$/iu;
const BULLETED_NAME_LINE = new RegExp(String.raw`^[ \t]*[?•*·▪–-]+[ \t]*((?:${WORD})(?:[ \t]+(?:${WORD})){1,2})[ \t]*$`, 'ymu');
/**
 * A contact card's first line in lower case ("leone mazzi", "??? guðgeir bergsveinsson", "bertram m. jørgensen"):
 * two or three name-like words alone on a line that opens a block (the text's start or after a blank line), with a
 * card's line below. The block's next lines (a job: "compared care") follow a line, so they are not taken.
 */
/** A person's own card fields, a phone's and an email's; config and host lists label addresses and websites too. */
const PERSON_CARD_FIELDS = 'phone|tel|telephone|mobile|cell|e-?mail';
/** The fields of a contact card. */
const CARD_FIELDS = `${PERSON_CARD_FIELDS}|fax|address|website`;
const PERSON_CARD_LABEL = new RegExp(String.raw`^[ \t]*(?:[?•*·▪–>-]+[ \t]*)?(?:${PERSON_CARD_FIELDS}|personal info)[ \t]*:`, 'im');
const LOWER_NAME_LINE = /^[ \t]*(?:[?•*·▪–-]+[ \t]*)?([a-z\u00e0-\u024f]{2,}(?:[ \t]+[a-z\u00e0-\u024f]\.?)?(?:[ \t]+[a-z\u00e0-\u024f]{2,}){1,2})[ \t]*\r?$/ymu;
const OPENS_BLOCK = /(?:^|\n[ \t]*\r?\n)[ \t]*$/;
/**
 * Besides the card below, the line needs a sign of a name: a known given name, a middle initial, or a card whose
 * fields are labelled ("phone:", "e-mail:"); "shopping list" above "555-0199" has none.
 */
const CARD_FIELD_LABEL = new RegExp(String.raw`^[ \t]*(?:[?•*·▪–>-]+[ \t]*)?(?:${CARD_FIELDS}|personal info)[ \t]*:`, 'im');
/** A card's own headings ("contact details", "billing info"), which its first line may also be. */
const CARD_HEADING_WORD = /(?<![\p{L}])(?:contact|details|info|information|personal|address|addresses|phone|email|e-mail|website|number|numbers|data|profile|summary|notes|account|billing|shipping|delivery|office|team|support)(?![\p{L}])/u;

/**
 * A contact card's line: an email address, a phone number, a street line (a number, a capitalised word, another
 * number) or a unit ("Apt. 805", "Suite 680").
 */
const CARD_LINE = /^(?:[?•*·▪–>-]+[ \t]*)?(?:[^\s@]+@[^\s@]+\.\w+|\+?[\d(][\d ()./-]{6,}|\d{1,6}[ \t]+\p{Lu}.*\d.*|(?:[Aa]pt|APT|[Ss]uite|SUITE|[Uu]nit|UNIT)\.?[ \t]*#?[ \t]*\w{1,6})$/u;
/** A card's lines are short: longer ones are not looked at (and the pattern stays cheap on any input). */
const CARD_LINE_MAX = 120;
/** A card's field labels ("Phone:", "E-mail:", "Address:"), which may stand on their own line above the value. */
const CARD_LABEL = new RegExp(String.raw`^(?:[?•*·▪–>-]+[ \t]*)?(?:${CARD_FIELDS})\b`, 'i');

/**
 * A letter's sign-off on the line before a name line: the name signs the letter. A sign-off in one of the
 * triggers' languages ("Best regards,", "Thanks again for your help!", "Mit freundlichem Gruß", "Bien à vous",
 * "Met vriendelijke groet"), a mail's signature delimiter ("-- "), or a line of up to four words ending in a comma that
 * is not a greeting ("Yours ever,").
 */
const SIGN_OFF = new RegExp(
  String.raw`^[ \t]*(?:--|(?:with[ \t]+)?(?:(?:kind|warm|warmest|best|many)[ \t]+)?(?:regards|wishes|thanks)|thanks[ \t]*(?:&|and)[ \t]*regards|all the best|best|cheers|thanks|thank you|sincerely(?:[ \t]+yours)?|yours(?:[ \t]+(?:sincerely|faithfully|truly|ever))?|take care|love|` +
    String.raw`(?:mit[ \t]+)?(?:freundlichen|freundlichem|besten|herzlichen|herzlichem|vielen|liebe|lieben|viele|schöne|schönen)[ \t]+(?:grüßen|grüssen|grüße|grüsse|gruß|gruss|dank)|danke|gruß|gruss|grüße|grüsse|lg|vg|mfg|` +
    String.raw`bien à vous|bien cordialement|cordialement|salutations|amitiés|(?:un[ \t]+)?(?:cordial[ \t]+)?saludos?(?:[ \t]+cordiales)?|(?:un[ \t]+)?abrazo|atentamente|gracias|cordiali saluti|distinti saluti|saluti|un saluto|grazie|` +
    String.raw`cumprimentos|obrigad[oa]|abraços|(?:met[ \t]+)?(?:vriendelijke|hartelijke)[ \t]+groet(?:en)?|groetjes|groeten|(?:med[ \t]+)?(?:vänliga?|bästa)[ \t]+hälsning(?:ar)?|hälsningar|(?:med[ \t]+)?venn?lig[ \t]+hilsen|hilsen|mvh)` +
    String.raw`(?![\p{L}])(?:[ \t]+(?:again|so much|a lot|very much|in advance|and thanks|from[ \t]+[^\n]{1,25}|aus[ \t]+[^\n]{1,25}))?(?:[ \t]+for[^\n]{0,30})?[ \t]*[,.!]*[ \t]*$`,
  'iu',
);
const COMMA_SIGN_OFF = new RegExp(
  String.raw`^[ \t]*(?!(?:${wordAlternation(['hi', 'hello', 'hey', 'dear', ...GREETINGS, 'liebe', 'lieber', 'sehr'], true)})(?![\p{L}]))\p{Lu}[\p{L}'’]*(?:[ \t]+[\p{L}'’]+){0,3}[ \t]*,[ \t]*$`,
  'u',
);

/** The whole line before `at` (up to 50 characters; a longer one is no sign-off), skipping blank lines. */
function previousLine(text: string, at: number): string {
  const from = Math.max(0, at - 80);
  const chunk = (from === 0 ? '\n' : '') + text.slice(from, at);
  return (/\n([^\n]{1,50})\n[ \t\r\n]*$/u.exec(chunk)?.[1] ?? '').replace(/\r$/, '');
}

/** Whether one of the `count` lines after `from` is a contact card's line. */
function cardFollows(text: string, from: number, count: number): boolean {
  const lines = text.slice(from, from + count * (CARD_LINE_MAX + 1)).split('\n', count);
  return lines.some((line) => line.length <= CARD_LINE_MAX && (CARD_LINE.test(line.trim()) || CARD_LABEL.test(line.trim())));
}
/**
 * After "my name is", "call me" or "under the name", people often type their name in lower case; and after a form's
 * question or label for a name, written as words ("last name? cosima caselli", "Titulaire : sondre arnesen"; code's
 * "fullName: string" is a type), or a relative's name ("my partner's name inga sievers").
 */
const FORM_LOWER_TRIGGER = /[?:]$|['’]s name(?: is)?$/i;
const LOWER_AFTER_TRIGGER = new RegExp(
  String.raw`\b((?:my|his|her|their|your|the|first|last|full|maiden|middle|family|nick) name is|(?:my|his|her) name['’]s|call me|i am|i'm|named (?:him|her)|follow(?:ing)? up with|(?:first|last|full|maiden|family)[ \t]name[ \t]*[?:]|surname[ \t]*[?:]|(?:account holder|account owner|card ?holder|titulaire|titular|kontoinhaber(?:in)?)[ \t]*:|under the name|in the name of|(?:${RELATIVES})['’]s name(?: is)?)\s+([a-z\u00e0-\u024f]{2,}(?:\s+[a-z\u00e0-\u024f]\.?)?(?:\s+[a-z\u00e0-\u024f]{2,})?)(?=[\s.,!?;:)]|$)`,
  'gi',
);
/**
 * A name typed in lower case where only a person stands: after a title ("Frau leticia barreto", "Dear Prof. isa
 * poels"), on a mail header's line, after an introduction in the languages prompts come in ("je m'appelle redmond
 * bubeníková", "a nombre de savanah nikolaus"), in brackets after a role ("the driver (kristian berg)"), after one's
 * kin ("my sister, porfiry bielski"), after a greeting or thanks and before its punctuation ("Hola layne weimann,"), or
 * after a sign-off at a line's end ("Cheers, britt de ruiter"). A new cue's opening word goes into LOWER_NAME_CUE too.
 */
const LOWER_NAME_AFTER_CUE = new RegExp(
  String.raw`(?<![\p{L}])(?:(?<title>(?:Mr|Mrs|Ms|Mx|Dr|Prof|Frau|Herr|Ing|Pani|Pan|Sr|Sra|Srta|Mme|Mlle|Dott|Sig|Judge|[Hh]r|[Ff]r|[Ff]ru)\.?|(?<=^[ \t>]*)(?:From|To|Cc|Von|An|De|Para|FN|Author):|(?:[Jj]e m['’]appelle|[Nn]azywam się|[Mm]e llamo|[Mm]i chiamo|[Ii]ch hei(?:ß|ss)e|[Mm]ein Name ist|[Ii]k heet|[Mm]ijn naam is|[Jj]ag heter|[Jj]eg he(?:t|dd)er|[Mm]eu nome é|[Mm]i nombre es|[Mm]on nom est|a nombre de|au nom de|im Namen von|in nome di|em nome de))|(?<role>(?:${wordAlternation(ROLES_BEFORE_BRACKET, true)})[ \t]*\(|(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er)[ \t]+(?:${FAMILY})[ \t]*,)|(?<greeting>(?<=^|[.!?\n][ \t]*)(?:[Dd]ear|[Dd]earest|[Hh]i|[Hh]ello|[Hh]ey|[Hh]ola|[Bb]onjour|[Cc]iao|[Hh]allo|[Hh]ej|[Tt]hank you|[Tt]hanks|[Cc]heers,|[Bb]est,|[Rr]egards,|[Tt]hanks,|[Ll]ove,|(?:[Bb]est|[Kk]ind|[Ww]arm)[ \t]+regards,)))(?:[ \t]+|(?<=\(|^FN:))(?<name>\p{Ll}{2,}(?:-\p{Ll}{2,})?(?:[ \t]+\p{Ll}\.?)?(?:[ \t]+\p{Ll}{2,}(?:-\p{Ll}{2,})?){0,2})(?![\p{L}'’])(?<end>[ \t]*(?:[,!.;:)<?–-]|\r?$))?`,
  'muy',
);
/**
 * Where a match of LOWER_NAME_AFTER_CUE can start: its cues' opening words at a word's start (a superset: "fr" opens
 * "from" too). Tried at every position of a 4 KB text, the whole pattern took some 90 µs; a scan for these words takes
 * a third of that, and the pattern is tried only where one stands (its line's or sentence's start is a lookbehind).
 */
const LOWER_NAME_CUE = new RegExp(
  [
    wordAlternation(['Mr', 'Ms', 'Mx', 'Dr', 'Prof', 'Fr', 'Herr', 'Ing', 'Pan', 'Sr', 'Mme', 'Mlle', 'Dott', 'Sig', 'Judge', 'From:', 'To:', 'Cc:', 'Von:', 'An:', 'De:', 'Para:', 'FN:', 'Author:', 'a nombre de', 'au nom de', 'im Namen von', 'in nome di', 'em nome de']),
    wordAlternation(['hr', 'fr', 'je m', 'nazywam', 'me llamo', 'mi chiamo', 'ich hei', 'mein Name ist', 'ik heet', 'mijn naam is', 'jag heter', 'jeg he', 'meu nome', 'mi nombre', 'mon nom', ...ROLES_BEFORE_BRACKET, 'my', 'our', 'his', 'her', 'dear', 'hi', 'hello', 'hey', 'hola', 'bonjour', 'ciao', 'hallo', 'hej', 'thank', 'cheers', 'best', 'regards', 'love', 'kind', 'warm'], true),
  ]
    .map((words) => String.raw`\b(?:${words})`)
    .join('|'),
  'g',
);
/**
 * A name typed in lower case before its mailbox in brackets, as a contact or a commit's author is given ("imani hyatt
 * (g.padberg@example.com) volunteered", "kende tóth <k.toth@example.hu>"), its first word a listed given name or its last a
 * listed surname.
 */
const LOWER_NAME_BEFORE_MAILBOX = /(?<![\p{L}\p{N}@._-])(\p{Ll}{2,}(?:[ \t]+\p{Ll}\.?)?(?:[ \t]+\p{Ll}{2,}){1,2})[ \t]*[(<][^\s()<>@]+@[^\s()<>@]+\.\p{L}{2,}[)>]/gu;
/**
 * The name of those words: a role before it is no part of it, nor a word of English or a third word before two that is
 * no given name and no initial's ("my accountant fournier (…)", "please add kristensen (…)"; "mikkel s. amundsen" is one).
 */
function withoutLeadingWordsBeforeMailbox(candidate: string): string {
  let words = candidate.split(/[ \t]+/);
  const leading = (word: string, next: string) =>
    WHOLE_ROLE_WORD.test(word) || ((words.length > 2 || ENGLISH_WORDS.has(word)) && !isGivenName(word) && !knownName(word) && !/^\p{L}\.?$/u.test(next));
  let name = candidate;
  while (words.length > 1 && leading(words[0]!, words[1]!)) {
    words = words.slice(1);
    name = name.slice(name.search(/[ \t]/)).trimStart();
  }
  return name;
}
/** "i'm thankful", "i am still booked": after "i am" a lower-case word is a name only when it is a known given name. */
const WEAK_LOWER_TRIGGER = /^(?:i(?: a|['’])m|(?:my|his|her) name['’]s)$/i;
/** "Hanne I. Kreutzmann": a middle initial between two capitalised words is a strong sign of a name. */
const WITH_INITIAL = new RegExp(String.raw`(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+[ \t]+\p{Lu}\.?[ \t]+\p{Lu}[\p{Ll}'’\-]+\p{Ll}`, 'uy');
/** A capital alone between blanks, as a middle initial stands: the pattern is worth running only when the text holds one. */
const INITIAL = /[ \t]\p{Lu}\.?[ \t]+\p{Lu}/u;
/**
 * One capitalised word that starts a sentence and lives at a number or a capitalised place: "Sidoine lives at 952 Place
 * du Havre", "Anna lives in Tromsø"; not "Redis lives in memory", "Config lives at ~/.config".
 */
const LIVES_AT = new RegExp(String.raw`(?:^|[.!?][ \t]+|\n[ \t]*)(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t]+(?:lives|lived|resides|resided)[ \t]+(?:at|in|on)[ \t]+[\p{Lu}\d]`, 'gu');
const PERSON_VERB = /^\s*(?:(?:(?:just|already|also|never|finally|recently|still)[ \t]+)?(?:lives|lived|works|worked|is|was|said|says|wrote|writes|has|had|will|would|called|asked|told|points out|pointed out|notes|noted|explains|explained|adds|added|argues|argued|replied|thinks|believes|flew|went|mentioned|complained|insists|insisted|admitted|requested)(?![A-Za-z\u00c0-\u024f])|['’]s|\()/;
/**
 * What people do, after two capitalised words that are no sentence's: "Gvozden Skenderija used to live", "Darrell Ames
 * won the election", "Jamel Kemmer and her husband". Not verbs that firms and products share ("moved", "joined", "became").
 */
const PERSON_DEED = /^\s*(?:used to|won|scored|forgot|passed|married|sang|taught|studied|retired|graduated|and (?:his|her))(?![A-Za-z\u00c0-\u024f])/;
/** What a person has, after a possessive: "Layla Howe's address", "Anna Berg's wife". */
/**
 * One word owning what only a person has: "Reminder: Parker's birthday", "I can't stand Stehr's new haircut",
 * "Hodkiewicz's cabin", when the lists hold the name (not a firm's car, account or address: "Tesla's car", "Netflix's address").
 */
const PERSONAL_OWNED = new RegExp(
  String.raw`['’]s[ \t]+(?:(?:new|old|late|latest|first|second|ex-?)[ \t]*)?(?:birthday|wife|husband|partner|son|daughter|mother|father|mum|mom|dad|sister|brother|kids|children|parents|grandmother|grandfather|grandma|grandpa|boyfriend|girlfriend|fiancée?|funeral|wedding|widow|widower|grave|childhood|haircut|retirement|resignation|farewell|salary|desk|cabin|flat|apartment|laptop|friend|dog|cat|vocals|turn|mobile|cellphone|mobile number|phone number|flight|inbox|calendar|handover notes)(?![\p{L}])`,
  'gu',
);
/** The owner's word right before its "'s", looked for only where a personal thing follows. */
const OWNER_BEFORE = /(?<![\p{L}\p{N}'’.-])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)$/u;
/** The right name given for a record: "The name in the account is not correct, please change it to Liboslav". */
const NAME_CHANGED_TO = new RegExp(String.raw`\bname\b[^.\n]{0,60}?\b(?:change|update|correct|set)[ \t]+it[ \t]+to[ \t]+(${NAME})`, 'dgu');
/** Someone from a firm, named first: "Deriu from Flore SPA is the keynote speaker". */
const PERSON_FROM_FIRM = new RegExp(
  String.raw`(?:^|[.!?\n][ \t]*)(\p{Lu}[\p{L}'’-]+)[ \t]+from[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t,]+(?:\p{Lu}[\p{L}'’-]*|und|and|et|&)){0,4}?${LEGAL_FORM}`,
  'dgu',
);
const MENTION = /(?<![\p{L}\p{N}@._-])@(\p{Lu}\p{Ll}+(?:[ \t]\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}@._-])/gu;
/**
 * A declaration after an annotation on its line, other annotations between ("@Singleton class Db", "@Provides
 * @Singleton fun provideDb()", "@Getter @Setter private String name;"): code's, not a chat's mention.
 */
const DECLARATION_AFTER = new RegExp(
  String.raw`^(?:[ \t]+@\p{L}[\p{L}\p{N}_.]*(?:\([^()\n]*\))?)*[ \t]+(?:(?:public|private|protected|internal)[ \t]+)?(?:(?:static|final|abstract|override|readonly|lateinit|suspend|inline|sealed|open|data|async|const)[ \t]+)*(?:(?:class|interface|enum|object|record)[ \t]+\p{Lu}|(?:fun|def|void)[ \t]+[\p{L}_][\p{L}\p{N}_.<>]*[ \t]*\(|(?:val|var|let)[ \t]+[\p{L}_][\p{L}\p{N}_]*[ \t]*[:=]|\p{Lu}[\p{L}\p{N}_.<>?,\[\]]*[ \t]+[\p{L}_][\p{L}\p{N}_]*[ \t]*[;=(])`,
  'u',
);
/** Someone to be told: "Let Oberbrunner know", "let mato loboda know" (a name in lower case there too). */
const LET_KNOW = /(?<![\p{L}])[Ll]et[ \t]+((?:\p{Lu}\p{Ll}+|\p{Ll}{2,})(?:[ \t]+(?:\p{Lu}\p{Ll}+|\p{Ll}{2,})){0,2})[ \t]+know(?![\p{L}])/dgu;
/**
 * An address card's first line, its lines set off by the same mark ("??? Harmony Johnston\n??? Gleason - Nolan\n??? 89954
 * Smitham Hills", ">Svatava\n>Šmejkal v.o.s.\n>Třešňová 74"): the addressee, when a line of a street's number follows
 * two to four lines below it (not on the next line: "??? Luettgen\n??? 180 Erdman Run" is not taken).
 */
const CARD_ADDRESSEE = new RegExp(
  String.raw`(?:^|\n)(\?\?\?|>)[ \t]*(${NAME})[ \t]*\r?\n(?:\1[^\n]*\r?\n){1,3}\1[ \t]*(?:\d{1,6}[A-Za-z]?[ \t]+\p{Lu}|\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){0,2}[ \t]+\d{1,5}[A-Za-z]?(?![\p{L}\p{N}]))`,
  'dgu',
);
/** Those who work for a firm named by its partners: "I work for Henry et Louis", "works at Koss, Mitchell and Young". */
const WORK_FOR_PARTNERS = /\bwork(?:s|ed|ing)?[ \t]+(?:for|at)[ \t]+\p{Lu}[\p{L}'’-]+(?:,[ \t]+\p{Lu}[\p{L}'’-]+)*,?[ \t]+(?:and|&|et|und|y|e|og|och)[ \t]+\p{Lu}[\p{L}'’-]+(?![\p{L}])/gu;
/** After a firm's last partner, a word that is no preposition: the clause goes on, so that last name is its subject ("… and Sarah works at Amazon"). */
const CLAUSE_GOES_ON = /^[ \t]+(?!(?:in|at|on|as|since|for|from|near|with|until|during|and|or|but|now|full|part)(?![\p{L}]))\p{Ll}/u;
/** A chat log's speaker after the time: "[10:42] Sabina: ok pushing the hotfix now", "10:43 - Anna Berg: wait". */
const CHAT_SPEAKER = new RegExp(String.raw`^[ \t]*[\[(]?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]*[AaPp]\.?[Mm]\.?)?[\])]?[ \t]*(?:[-–][ \t]*)?(${NAME})[ \t]*:`, 'dymu');
/** A byline: "By Eggenmueller | Tue Nov 11 2025", "By Anna Berg\n" (not "By default, …"). */
const BYLINE = new RegExp(String.raw`(?:^|\n)[ \t]*By[ \t]+(${NAME})[ \t]*(?=[|·•—–]|\r?\n|$)`, 'dgu');
const PERSONAL_THING_AFTER =
  /^[ \t]+(?:(?:home|work|private|personal|new|old|current|full|mailing|email|e-mail|phone|mobile|cell)[ \t]+)?(?:address|name|phone|number|email|e-mail|birthday|wife|husband|partner|son|daughter|mother|father|family|house|home|car|account|card|passport|licen[cs]e|salary|desk|friend|boss|mobile|cell|funeral|childhood|wedding|first job|career|widow|widower|late husband|late wife|idea|advice|warnings?|debut|kids|children|parents|mum|mom|dad|sister|brother|grave)(?![\p{L}])/u;
/**
 * One word doing what only people do: "Mustonen walked to school", "Sipos admits", "Kowalczyk was born in". Companies
 * and tools are said to ask, email, say and write ("Stripe asked me", "Reuters said"), so those verbs are not here.
 */
const PEOPLE_ACTS = wordAlternation('was born|got married|married|grew up|passed away|died|retired|graduated|fell asleep|walked|admits|admitted|apologised|apologized|thinks|believes|feels|felt|smiled|laughed|cried|sighed|whispered|shouted|nodded|shrugged|was hospitalised|was hospitalized|had been hospitalised|had been hospitalized|had lived|has lived|moved out|broke up|stepped down|resigned|swears|was arrested|was elected|was sworn in|was sentenced|was charged|was convicted|was acquitted|used to live|passed the bar|scored twice|wrote the foreword|is the kindest|gave birth|got engaged|got divorced|is pregnant|is on holiday|is on vacation|is on maternity leave|is on paternity leave|is on parental leave|is on sick leave|is out sick|is off sick|called in sick'.split('|'));
const DOES_WHAT_PEOPLE_DO = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t]+(?:(?:just|finally|suddenly|never|always|already|then|also|reportedly)[ \t]+)?(?:${PEOPLE_ACTS})(?![\p{L}])`,
  'uy',
);
/** Whether the text holds such a verb at all: the pattern, tried at every capital, is worth running only then. */
const PEOPLE_ACT = new RegExp(PEOPLE_ACTS);
/**
 * One word owning what only a person has: "Dubravka's husband", "here's Kuypers's address". Products have addresses,
 * phone numbers, birthdays and parents too ("Heroku's address", "Ollama's address defaults to…", "Mozilla's birthday",
 * "Redux's father is Flux"): an unknown word counts only before a spouse's or a child's noun, or an address or a
 * number given right after; a known name before the rest too.
 */
const PERSONAL_THINGS = 'address|phone number|mobile number|email address|wife|husband|birthday|mother|father|son|daughter|boyfriend|girlfriend|fiancée?|parents|grandmother|grandfather|funeral|childhood|wedding|first job|retirement|widow|widower|late husband|late wife|house|flat|apartment|cat|dog|puppy|kitten|kids|children|mum|mom|dad|sister|brother|grave|idea|warnings?|advice|place|number|family|estate';
const OWNS_PERSONAL_THING = new RegExp(
  String.raw`(?=\p{Lu})(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?:['’]s|(?<=s)['’])[ \t]+(?:(?:home|private|personal|mailing)[ \t]+)?(${PERSONAL_THINGS})(?![\p{L}])`,
  'gu',
);
/** What of those a name of the published lists owns as a person: "Renner's place", "Adi's number". */
const LISTED_OWNERS_THINGS = /^(?:place|number|phone number|mobile number|house|flat|apartment|family|estate)$/;
/** An owner's mark before such a thing: the pattern is worth running only when the text holds one. */
const OWNED_THING = new RegExp(String.raw`['’]s?[ \t]+(?:(?:home|private|personal|mailing)[ \t]+)?(?:${PERSONAL_THINGS})`);
/** What only a person has: a spouse, a child, a childhood, a funeral ("Liza's first job", "Kovač's funeral"). */
const SPOUSE_OR_CHILD = /^(?:wife|husband|boyfriend|girlfriend|fiancée?|son|daughter|funeral|childhood|wedding|first job|retirement|widow|widower|late husband|late wife|cat|dog|puppy|kitten|kids|children|mum|mom|dad|sister|brother|grave)$/;
/**
 * "Jane Doe of Acme", "Jane Doe from 3 Round Stones Inc": a person introduced by the organisation they belong to.
 * Two words only, and no article before them ("the Eiffel Tower of Paris" is a thing).
 */
const OF_ORGANISATION = /^[ \t]+(?:of|from)[ \t]+(?:\p{Lu}|\d+[ \t]+\p{Lu})/u;
const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|our|my|your|this|that|their|his|her|its)[ \t]+$/iu;
/** "Is this" asks whom the writer reached ("hey is this lisa andreasson?"): "this" is no article there. */
const IS_THIS_BEFORE = /(?:^|[^\p{L}])is[ \t]+this[ \t]+$/iu;
const articleBefore = (before: string) => ARTICLE_BEFORE.test(before) && !IS_THIS_BEFORE.test(before);
/**
 * A known given name in lower case followed by another word ("follow up with maria gonzalez"), maybe
 * after a middle initial ("john f kennedy"; "a" and "i" only with a period: "send amy a text"). One
 * alternation of the names: V8 matches it in half the time of finding every pair of words.
 */
const LOWER_NAME_PAIR = new RegExp(
  String.raw`(?<![\w\u00e0-\u00ff])(?:${wordAlternation(
    [...GIVEN_NAMES].filter((n) => /^[a-z\u00e0-\u00ff]{2,}$/.test(n)).sort((a, b) => b.length - a.length),
  )})(?![\w\u00e0-\u00ff])\s+(?:[b-hj-z]\.?\s+|[ai]\.\s+)?([a-z\u00e0-\u024f]{3,})(?![\w\u00e0-\u024f])`,
  'g',
);

/** A lower-case letter of ASCII or Latin-1 and Latin Extended (not "÷"). */
const isLowerLetter = (code: number) => (code >= 97 && code <= 122) || (code >= 0xdf && code <= 0x24f && code !== 0xf7);
const isWordCharacter = (code: number) => isLowerLetter(code) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || (code >= 0xc0 && code <= 0xde);
/**
 * Two lower-case words side by side, each of three letters at least and none of a sentence's small or common words: the
 * candidates for a name typed in lower case. A word may hold an Irish or a French surname's apostrophe and a hyphen's
 * second part ("o'conner", "budimčić-kovačević"). One pass over the characters without a match object per word: the
 * scan runs on every lower-case word of every prompt. A word is looked up only when the word before it, with blanks
 * alone between them, is a name's word: most of a text's words stand beside a short word, a common one or punctuation.
 */
function* lowerCasePairs(text: string): Generator<{ index: number; given: string; gap: string; surname: string }> {
  const length = text.length;
  const wordEnd = (from: number) => {
    let end = from;
    while (end < length && isLowerLetter(text.charCodeAt(end))) end++;
    return end;
  };
  // The word before, while blanks alone follow it, and whether it can be a name's: not yet asked, yes or no.
  let previous = -1;
  let previousEnd = -1;
  let previousUsable: boolean | undefined;
  for (let at = 0; at < length; ) {
    const code = text.charCodeAt(at);
    if (!isLowerLetter(code) || (at > 0 && isWordCharacter(text.charCodeAt(at - 1)))) {
      // Blanks between two words keep the first; anything else ends the pair.
      if (code !== 32 && code !== 9) previous = -1;
      at++;
      continue;
    }
    let end = wordEnd(at);
    const quote = text.charCodeAt(end);
    if (end === at + 1 && (code === 111 || code === 100) && (quote === 39 || quote === 0x2019) && isLowerLetter(text.charCodeAt(end + 1))) end = wordEnd(end + 1);
    if (text.charCodeAt(end) === 45 && isLowerLetter(text.charCodeAt(end + 1))) end = wordEnd(end + 1);
    if (end - at < 3 || (end < length && isWordCharacter(text.charCodeAt(end)))) {
      previous = -1;
      at = end;
      continue;
    }
    let usable: boolean | undefined;
    if (previous >= 0) {
      previousUsable ??= lowerNameWord(text.slice(previous, previousEnd));
      if (previousUsable) {
        const word = text.slice(at, end);
        usable = lowerNameWord(word);
        if (usable) yield { index: previous, given: text.slice(previous, previousEnd), gap: text.slice(previousEnd, at), surname: word };
      }
    }
    [previous, previousEnd, previousUsable] = [at, end, usable];
    at = end;
  }
}
const ARTICLE_BEFORE_NAME = /(?:^|[^\p{L}])(the|an|a)[ \t]+$/iu;
/** The lower-case word right after a name ("criterion" in "a Kelly criterion"). */
const NOUN_AFTER = /^[ \t]+(\p{Ll}+)(?![\p{L}])/u;
const FUNCTION_WORDS = new Set('at in on of for to from with by and or but is was has had who which that said says will would can could'.split(' '));
/**
 * Function words of Spanish, Italian, Portuguese, German, French, Polish, Swedish and Dutch near the name: "a"/"an" there
 * is a preposition. None that English writes too ("a ton of", "pour", "algo", "w/").
 */
const FOREIGN_NEAR =
  /(?:^|[^\p{L}])(?:que|el|los|las|del|por|para|con|en|mañana|su|di|il|lo|gli|che|per|domani|da|mia|mio|não|em|ligue|und|die|der|das|bitte|weiter|mit|für|von|zu|bei|morgen|ist|una|uno|este|esta|ese|esa|durante|nuestro|nuestra|muy|pero|como|une|avec|dans|nous|vous|tes|ses|sont|uma|você|muito|mas|nicht|auch|eine|einen|wir|sich|w(?!\/)|na|się|nie|jest|och|att|är|het|een|niet|ook|ik|bij|als|naar|maar|nella|nel|della|dello|tra)(?![\p{L}])/iu;
/**
 * "DaVinci Resolve", "McAfee Antivirus", "DeFi Lending": a first word with inner capitals names a product as often
 * as a person, so weak evidence does not take it; as a surname ("Aoife MacNamara") it is a name's.
 */
const INNER_CAPITAL_FIRST = /^\S*\p{Ll}\p{Lu}/u;

/** A list of people: "Priya Raman, Tomás Ortega and Li Wei" — the neighbours of a name found in it are names too. */
const LIST_SEPARATOR = String.raw`(?:[ \t]*,[ \t]*(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+)`;
const LIST_ITEM = String.raw`(?:${WORD})(?:[ \t]+(?:${WORD})){0,2}`;
const NEXT_IN_LIST = new RegExp(String.raw`${LIST_SEPARATOR}(${LIST_ITEM})(?![\p{L}\p{N}]|[ \t]+(?:of|from)[ \t])`, 'uy');
const PREVIOUS_IN_LIST = new RegExp(String.raw`(?<![\p{L}\p{N}])(?<!(?:of|from|at|for)[ \t]+)(${LIST_ITEM})${LIST_SEPARATOR}$`, 'uy');
/** An item that owns something ("Reed Elsevier's") or belongs to the one before ("… of Inrix Traffic") is an organisation. */
const NOT_A_LISTED_PERSON = /['’]s$/;
const AND = /(?:^|[^\p{L}])and(?![\p{L}])|&/u;
/** A label before a list of people, in the languages the triggers cover. */
const PEOPLE_LIST_LABEL = /(?<![\p{L}])(?:attendees|participants|invitees|invited|guests|speakers|authors|contributors|reviewers|members|present|cc|bcc|teilnehmer(?:innen)?|anwesend(?:e)?|présents|asistentes|participantes|partecipanti|deelnemers|aanwezig)[ \t]*:/iu;
const MAX_LISTED = 50;
/**
 * Who was at a meeting or an event, listed after its label ("Attendees were Siriano Martini and Koivisto", "Guests:
 * Anna Berg, Lopez"): each capitalised item is a person, one word only when it is a known name or no English word.
 * Not authors, members or contributors, which are teams and companies as often.
 */
const ATTENDEE_WORDS = wordAlternation('attendees|participants|invitees|guests|speakers|panellists|panelists|volunteers|kids|grandchildren|present|teilnehmerinnen|teilnehmer|anwesende|anwesend|présents|asistentes|participantes|partecipanti|deelnemers|aanwezig'.split('|'));
const ATTENDEES = new RegExp(String.raw`(?<![\p{L}])(?:${ATTENDEE_WORDS})(?:[ \t]*:|[ \t]+(?:were|are|included|include|will be))[ \t]+`, 'iuy');
/** Where such a label can start: the pattern is tried there only. */
const ATTENDEE_WORD = new RegExp(ATTENDEE_WORDS, 'giu');
const ATTENDEE = new RegExp(String.raw`(${NAME})${LIST_SEPARATOR}?`, 'uy');
/** "Zhang Wei", "Kim Min", "Kovács Anna": a common East Asian or Hungarian surname before a known given name, in that order. */
const WORD_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)[ \t]+$/u;

/**
 * Code around a capitalised word makes it an identifier: a call, a property, a type's parameter or union, an
 * arrow, a scope, backticks, a keyword, an import list or a camel-case key ("name: Type.String()", "Identifier | null",
 * "=> Jack`", "this.Max", "class Jack {", "import { Min }", "kernelName: Min"). Only what is
 * attached: "Joe Smith <joe@x.org>" and "| Anna Berg | CEO |" are people.
 */
const CODE_AFTER = /^(?:\.\w|:\d|_|#\w|\((?!\p{Lu}\p{Ll}+\))|<(?![^>\n]*@|\/)|\[|`|[ \t]+extends\b|[ \t]*(?:=>|::|=(?![=>])|\|[ \t]*(?:null|undefined|string|number|boolean|void|never|any|unknown|object)(?![\w$])))/u;
const ATTACHED_BEFORE = /(?:[\w)\]]\.|[`_<]|(?:(?<![\p{L}])\p{Ll}[\p{Ll}\d_.-]*|\.{1,2})\/)$/u;
const KEYWORD_BEFORE = /(?:^|[^\p{L}])(?:import|class|extends|implements|interface|enum|function|typeof|instanceof|var|const)[ \t]+$/u;
const IMPORT_LIST_BEFORE = /(?:import|export)[ \t]+(?:type[ \t]+)?\{[^}\n]*$/;
/** A camel-case key of code, unless it names a person ("reportedBy:", "fullName:", "contactPerson:"). */
const CAMEL_KEY_BEFORE = /\p{Ll}\p{Lu}\w*:[ \t]*$/u;
const PERSON_KEY =
  /(?:(?:reported|created|updated|modified|assigned|requested|approved|owned|submitted|written|signed|sent|opened|closed|resolved|edited|reviewed)By|(?:full|first|last|given|family|middle|display|user|customer|client|patient|employee|contact|owner|author|sender|recipient|assignee|manager|person|member)Name|Person|Owner|Author|Assignee|Manager|Contact|Sender|Recipient)["']?:[ \t]*$/;

/**
 * A firm named after its partners joins their surnames ("Mraz - Mitchell", "Dupuis et Vincent", "Braun, Graham and
 * Buckridge", "Martins e Xavier"): a name joined so to a capitalised word that is no given name is a partner's. People
 * joined so are named by given names ("Anna y Pedro", "Tom and Jerry"); "and" or a comma alone join people as often,
 * so they count only in a list of three ("Koss, Mitchell and Young"). A known given name is a partner's only beside
 * another language's "and" and a known surname ("Dupuis et Vincent"): "Kevin - Backend", "Kevin & Morgan", "Kevin,
 * Garcia and Lopez", "Emma und Jörg" are people.
 */
/** "And" in the languages whose firms join their partners' names with it, and "and" itself, which joins a list's last. */
const FOREIGN_AND_WORDS = 'et|e|y|und|og|och|és';
const FOREIGN_AND_SET = new Set(FOREIGN_AND_WORDS.split('|'));
/** A given name or a surname the lists hold, in any case. */
const listedName = (word: string) => knownName(word) || isListedSurname(word);
const LIST_AND = `(?:and|&|${FOREIGN_AND_WORDS})`;
/** A surname's particles before a partner's name ("van der Horst"). */
const PARTNER_PARTICLE = '(?:van|von|de|der|den|la|le|du|da|di)';
const FIRM_JOINER = String.raw`(?:[ \t]+(?:${FOREIGN_AND_WORDS}|&)[ \t]+|[ \t]+[-–][ \t]+)`;
const FOREIGN_AND = String.raw`[ \t]+(?:${FOREIGN_AND_WORDS})[ \t]+`;
const FOREIGN_AND_IN_LIST = new RegExp(String.raw`,[^,\n]{1,30}[ \t](?:${[...FOREIGN_AND_SET].filter((word) => word !== 'e').join('|')})[ \t]`);
const DASH_PARTNER_BEFORE = new RegExp(String.raw`(?<!\p{Lu}\p{Ll}*[ \t]+|[\p{L}])(\p{Lu}\p{Ll}+)[ \t]+[-–][ \t]+(?:${PARTNER_PARTICLE}[ \t]+){0,2}$`, 'u');
const DASH_PARTNER_AFTER = new RegExp(String.raw`^[ \t]+[-–][ \t]+(\p{Lu}\p{Ll}+)(?![\p{L}]|[ \t]+\p{Lu})`, 'u');
const FOREIGN_PARTNER_BEFORE = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}+)${FOREIGN_AND}$`, 'u');
const FOREIGN_PARTNER_AFTER = new RegExp(String.raw`^${FOREIGN_AND}(\p{Lu}\p{Ll}+)(?![\p{L}])`, 'u');
const PARTNER_BEFORE = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}+)${FIRM_JOINER}$`, 'u');
const PARTNER_AFTER = new RegExp(String.raw`^${FIRM_JOINER}(?:${PARTNER_PARTICLE}[ \t]+){0,2}(\p{Lu}\p{Ll}+)(?![\p{L}])`, 'u');
const LISTED_PARTNERS = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}+),[ \t]+$`, 'u');
/** The list's last word ends it: not "Alshamsi, Abdulaziz" (a list of surnames and given names) or "Harm de Vries". */
/** A professional firm's word after its partners' surnames: "Soto, Niño y Vaca Asociados", "Mayer, Brown and Platt Partners". */
const FIRM_TAIL = String.raw`(?:Asociados|Associates|Partners|Abogados|Avocats|Advocaten|Rechtsanwälte|Consultores|Consultants)(?![\p{L}])`;
const LAST_PARTNER = new RegExp(String.raw`^,?[ \t]+${LIST_AND}[ \t]+(\p{Lu}\p{Ll}+)(?![\p{L},]|[ \t]+(?:(?!${FIRM_TAIL})\p{Lu}|${PARTNER_PARTICLE}[ \t]))`, 'u');
/** The first two of a list of three before its last ("Marshall, Hernandez and Simpson"), and the last two after its first. */
const FIRST_PARTNERS = new RegExp(String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}+),[ \t]+(\p{Lu}\p{Ll}+),?[ \t]+${LIST_AND}[ \t]+$`, 'u');
const OTHER_PARTNERS = new RegExp(String.raw`^,[ \t]+(\p{Lu}\p{Ll}+),?[ \t]+${LIST_AND}[ \t]+(\p{Lu}\p{Ll}+)(?![\p{L},]|[ \t]+(?!${FIRM_TAIL})\p{Lu})`, 'u');
function firmPartner(text: string, start: number, end: number, given: boolean): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  const surname = (word: string | undefined) => word !== undefined && !isGivenName(word) && !isGivenName(foldAccents(word)) && !NOT_NAMES.has(word.toLowerCase());
  // A known given name's partner must be a known surname too: "Emma und Jörg", "Anna y Aubrey" are people.
  const knownSurname = (word: string | undefined) => surname(word) && SURNAMES.has(word!.toLowerCase());
  // Of the census's lists too.
  const listedSurname = (word: string | undefined) => knownSurname(word) || (surname(word) && isListedSurname(word!));
  const first = FIRST_PARTNERS.exec(before);
  const others = OTHER_PARTNERS.exec(after);
  const threePartners = () =>
    (surname(LISTED_PARTNERS.exec(before)?.[1]) && surname(LAST_PARTNER.exec(after)?.[1])) ||
    (first !== null && surname(first[1]) && surname(first[2])) ||
    (others !== null && surname(others[1]) && surname(others[2]));
  // A given name that is a surname too is a partner among two others that are no given names ("Roob, Bernhard and
  // Ondricka", "Botsford, Lakin and Reid"); "Kevin, Garcia and Lopez" are people.
  if (given) {
    if (knownSurname(FOREIGN_PARTNER_BEFORE.exec(before)?.[1]) || knownSurname(FOREIGN_PARTNER_AFTER.exec(after)?.[1])) return true;
    // A list of three joined by another language's "and", the other two no given names: "Burkhard, Kettenis und Humbert".
    if (FOREIGN_AND_IN_LIST.test(before + after) && threePartners()) return true;
    // A dash between two single names: "Dickinson - Graham", "Rohan - Bauch" (a person's team or firm after a dash has no
    // surname of the lists: "Kevin - Backend").
    if (listedSurname(DASH_PARTNER_BEFORE.exec(before)?.[1]) || listedSurname(DASH_PARTNER_AFTER.exec(after)?.[1])) return true;
    return GIVEN_NAME_SURNAMES.has(text.slice(start, end).toLowerCase()) && threePartners();
  }
  return surname(PARTNER_BEFORE.exec(before)?.[1]) || surname(PARTNER_AFTER.exec(after)?.[1]) || threePartners();
}

/** "Byte Order Mark (BOM)": the initials of the words that end at the name spell the acronym in brackets after it. */
function expandsAcronym(acronym: string, upToName: string): boolean {
  const words = upToName.split(/[ \t\n-]+/).filter(Boolean);
  return words.length >= acronym.length && words.slice(-acronym.length).map((w) => w[0]!.toUpperCase()).join('') === acronym;
}

/**
 * Whether code stands right before `start`. Each pattern is anchored at the end and so tried from every position
 * of what it is given: each is given only as much text as it can match, and the longer ones only when cheap signs
 * ("port", ":") say they may.
 */
function codeBefore(text: string, start: number): boolean {
  const last = text[start - 1];
  if (last === undefined) return false;
  const before = (length: number) => text.slice(Math.max(0, start - length), start);
  // Each pattern ends in a character of its own: the last one before the word says which can match.
  if (last === '.' || last === '`' || last === '_' || last === '/' || last === '<') return ATTACHED_BEFORE.test(before(24));
  const blank = last === ' ' || last === '\t';
  return (
    (blank && KEYWORD_BEFORE.test(before(24))) ||
    ((blank || last === ':') && /:[ \t]*$/.test(before(24)) && CAMEL_KEY_BEFORE.test(before(48)) && !PERSON_KEY.test(before(48))) ||
    ((blank || last === '{' || last === ',') && before(60).includes('port') && IMPORT_LIST_BEFORE.test(before(60)))
  );
}
/**
 * "Per-isolate", "Max-width": a word joined to a lower-case one is a compound, not a name ("Anne-Marie" is one
 * word, and so is Korean "Min-jun" before its surname).
 */
const COMPOUND_AFTER = /^-\p{Ll}+(?![\p{L}'’-]|[ \t]+\p{Lu})/u;
const THING_BEFORE = /(?:^|[^\p{L}])(?:the|this|these|those|our|your|its|their)[ \t]+(?:(?:first|second|last|new|old|same|other|whole)[ \t]+)?$/iu;
/** Suffixes of abstract nouns, which no surname has: "Static Resolution", "Cumulative Aggregation", "Extension Types". */
const NOUN_SUFFIX = /\p{L}{3}(?:tion|sion|ment|ity|ism|ssor|ware|ship|ency|ancy)s?$/u;

/**
 * A known given name, or one joined by a hyphen to another or to a short second part ("Jean-Pierre", "Anna-Lena",
 * "Jean-Luc", "Wei-Ning"; not "Max-Age", "Per-Recipient": a given name that is a word starts no compound); any case.
 */
const isGivenName = remembered((word: string): boolean => {
  const [first, ...rest] = word.toLowerCase().split('-');
  // With its accents or without: the list holds "ivan" and "josé", the text may write "Iván" or "Jose".
  if (!listHolds(GIVEN_NAMES, first!)) return false;
  return rest.length === 0 || (rest.length === 1 && (GIVEN_NAMES.has(rest[0]!) || (rest[0]!.length <= 4 && !WORDLIKE_NAMES.has(first!))));
});

/**
 * What the lists say of a word in a text written all in lower case (`truecase.ts`): a writer would have capitalised a
 * given name that is no common English word ("marie", "oskar"; not "will", "grace"), and a word that is no English one
 * ("desrosiers", "københavn").
 */
const knownGivenName = (word: string) => isGivenName(word) && !COMMON_ENGLISH_WORDS.has(word.toLowerCase()) && !WORDLIKE_NAMES.has(word.toLowerCase());
/** Asked of every word of a text written in lower case: remembered, as a text's words come again and again. */
export const CASING_FACTS: CasingFacts = {
  givenName: knownGivenName,
  capitalised: remembered((word) => {
    const lower = word.toLowerCase();
    if (isGivenName(word)) return knownGivenName(word);
    return !(ENGLISH_WORDS.has(lower) || NOT_NAMES.has(lower) || DETERMINERS.has(lower));
  }),
  common: remembered((word) => COMMON_ENGLISH_WORDS.has(word.toLowerCase()) || DETERMINERS.has(word.toLowerCase())),
  name: writtenName,
};

/**
 * The last word of a candidate is a name's: a known surname, or no common English word ("Siriano Martini", "Anna
 * Berg"; not "Pandora Radio", "Northwind Traders").
 */
function lastWordNamelike(candidate: string): boolean {
  const last = clean(candidate).split(/[ \t]+/).pop()!;
  return writtenName(last) || !(COMMON_ENGLISH_WORDS.has(last.toLowerCase()) || NOT_NAMES.has(last.toLowerCase()));
}
/**
 * The last word after a given name of the published lists is a surname's: no common English word, or mid-sentence and
 * followed as a person is, one of the census's common surnames that are words, right after the given name ("I've known
 * Rhiannon Stokes for", "Mack West"; not "Amber Alert", "Thai Green Curry with").
 */
function surnameAfterListedGiven(candidate: string, atSentenceStart: boolean, followedAsPerson: boolean): boolean {
  const words = clean(candidate).split(/[ \t]+/);
  const common = words.length === 2 && !atSentenceStart && followedAsPerson && COMMON_WORD_SURNAMES.has(words[1]!.toLowerCase());
  return lastWordNamelike(candidate) || common;
}
/** Before a lower-case name, a title, a relative or a verb that only people follow: "Dr. sondre arnesen", "my son antoinette durand". */
const LOWER_PERSON_BEFORE = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:(?:dr|mr|mrs|ms|prof|sr|sra|srta)\.?|detective|officer|i['’]m|i am|(?:hi|hey|hello|hiya)[,!]?[ \t]+(?:it['’]?s|this[ \t]+is)|(?:hola|oi|olá|ciao|salve),?[ \t]+(?:soy|sono|sou)|(?:my|our|his|her)[ \t]+(?:${FAMILY}|${PEOPLE_ROLES})|sat next to|trust|who is|who's|is this|thank you,|thanks,|(?:thank you|thanks)[ \t]+(?:again|so much),|congratulations,?|congrats,?|happy (?:birthday|anniversary),?)[ \t]+$`,
  'iu',
);
/** After a lower-case name, what a person does or has: "johannes prinsen cancelled", "sondre arnesen's name", ", who". */
const LOWER_PERSON_AFTER = /^(?:['’]s[ \t]|,?[ \t]+(?:who|said|says|asked|told|cancell?ed|handed|walks|walked|says hi|is coming|was sitting|swapped|recommended|posted|forgot|just called|called again|is on (?:holiday|vacation|leave)|is (?:out|off) sick|is the only one)(?![\p{L}]))/u;
/** A lower-case word that can be part of a name: none of the sentence's small words. */
function lowerNameWord(word: string): boolean {
  return !NOT_LOWER_NAMES.has(word);
}
/** The lists `lowerNameWord` rules out, joined once: it asks about every lower-case word of every text. */
const NOT_LOWER_NAMES = new Set([...COMMON_ENGLISH_WORDS, ...NOT_NAMES, ...LINKING_WORDS, ...FOLLOWING_WORDS, ...DETERMINERS]);
/**
 * A Dutch surname alone with its particles, which no word starts with: "pass this note to van der Heijden", "ask for
 * van Dijk" (not German "von", a preposition: "von der Steuer absetzen"; nor "ten" and "ter", which start Dutch places:
 * "ter Apel", "ten Boer").
 */
const PARTICLE_SURNAME = /(?<![\p{L}\p{N}])van(?:[ \t]+(?:der|den|de|het))?[ \t]+(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}]|[ \t]*\d)/gu;
/** Dutch streets named after such a surname: "van Vlietdijk 8", "van der Horstplantsoen". */
const DUTCH_STREET_END = /(?:straat|laan|plein|weg|plantsoen|gracht|kade|singel|park|hof|pad|steeg|markt|dijk|dreef|erf|kwartier|ring)$/;
/** Eponyms of science with such a particle: "van der Waals forces", "the van der Pol oscillator", "Van Allen belts". */
const EPONYM_AFTER_PARTICLE = /^(?:Waals|Pol|Allen|Emde|Wijngaarden|Cittert|Hove|Kampen|Leer)$/;
/**
 * A parcel's or a letter's label, a name and its address on one line: "Return address: Stehr, 2097 Lake Street",
 * "Shipping label: Inga, Slaz 526", "SHIP TO: Cooper / 6666 Cartwright Circuit".
 */
const NAME_THEN_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}])(?:${['return address', 'sender', 'shipping label', 'ship to', 'deliver to', 'bill to', 'registered owner', 'addressee', 'recipient'].map(anyCase).join('|')})[ \t]*:[ \t]*(${NAME})[ \t]*[,/][ \t]*(?:\d{1,5}[A-Za-z]?[ \t]+\p{Lu}|\p{Lu}\p{Ll}+[ \t]+\d{1,5}(?![\d.]))`,
  'dgu',
);
/** A firm's words in a name's place: "Acme Logistics", "Nordic Trading Group". */
const FIRM_WORD = /(?:^|[ \t])(?:Group|Logistics|Trading|Holdings|Industries|Company|Services|Solutions|Systems|Partners|Associates|Store|Shop|Bank|Inc|Ltd|LLC|GmbH)(?![\p{L}])/u;
/**
 * A place, a country or a product of the lists' exclusions ("Amsterdam", "Sweden", "Django"); with `anyLanguage`, a
 * country in any of the languages prompts come in too ("Deutschland"), where the text is in one ("Guten Morgen …!",
 * "het museum van …"): in English "Maurice" is a name, in French Mauritius.
 */
function placeOrCountry(word: string, anyLanguage = false): boolean {
  const lower = word.toLowerCase();
  return (anyLanguage ? COUNTRIES_IN_ANY_LANGUAGE : COUNTRIES).has(lower) || PLACES_AND_EPONYMS.has(lower) || NOT_PEOPLE.has(lower) || TIME_ZONE_CITIES.has(lower);
}
/** Articles that start places' and teams' names: "Los Angeles Lakers", "Las Vegas", "El Paso", "La Paz", "Le Mans". */
const PLACE_ARTICLE = /^(?:Los|Las|El|La|Le|Les|Il|Lo|Der|Die|Das|De|Den|Het|Al)$/;
/** A given name of the written or the published lists, or a known surname. */
function knownName(word: string): boolean {
  return writtenName(word) || isListedGivenName(word);
}
/** A given name or a surname of the lists written for this project: the published lists name products too ("Apollo"). */
function writtenName(word: string): boolean {
  return isGivenName(word) || SURNAMES.has(word.toLowerCase());
}
/** A word of the sentence rather than of a name: an English word or a word that is no name, unless a known given name. */
const sentenceWord = remembered((word: string): boolean => {
  const lower = word.toLowerCase();
  return !isGivenName(word) && (ENGLISH_WORDS.has(lower) || NOT_NAMES.has(lower) || DETERMINERS.has(lower));
});
/**
 * What of capitalised words found where a person's name stands is one: the sentence's words before it left out
 * ("Copyright Julian Gruber", "Describe Kafka"), then a known name's words ("Imani Hyatt", "Koivisto"), one word that is
 * no English one, or words whose first is none and whose last no common one ("Siriano Martini"; not "Northwind Traders",
 * "Design Twitter", "Monday"). Empty when none.
 */
function personLike(candidate: string): string {
  // A word joined to a lower-case one is a compound ("Jira-obsessed", "Epic-based").
  if (/-\p{Ll}/u.test(candidate)) return '';
  let name = candidate;
  while (name.includes(' ') && sentenceWord(name.slice(0, name.search(/[ \t]/)))) name = name.slice(name.search(/[ \t]/)).trimStart();
  const words = name.split(/[ \t]+/);
  if (knownName(words[0]!) || (words.length > 1 && knownName(words[words.length - 1]!) && !sentenceWord(words[0]!))) return name;
  if (words.length === 1) return sentenceWord(name) ? '' : name;
  return !sentenceWord(words[0]!) && lastWordNamelike(name) ? name : '';
}

/**
 * The name a strong cue (an office, an age) stands beside, whole when a word of it is a name of the lists: "Olympic
 * champion Joy Welch, 22," and "Prime Minister Isa van Loon" keep their words that are English ones too.
 */
function cuedName(candidate: string): string {
  const words = candidate.split(/[ \t]+/);
  // A sentence's word that is no name before it is the sentence's ("Patient Sempronio Scala").
  const nameWord = (word: string) => listedName(word) || COMMON_WORD_SURNAMES.has(word.toLowerCase());
  while (words.length > 1 && sentenceWord(words[0]!) && !nameWord(words[0]!)) words.shift();
  candidate = words.join(' ');
  // A name of the lists in it, no English word in it, or a particle ("Isa van Loon").
  const named = words.some(listedName) || !words.some(sentenceWord) || ROMANCE_PARTICLE.test(candidate) || /[ \t](?:van|von|ter|ten)[ \t]/.test(candidate);
  const whole = words.length > 1 && words.length <= 4 && named && !words.some((word) => placeOrCountry(word));
  return whole ? candidate : personLike(candidate);
}

/** Capitalised words without the sentence's words that end them ("Aristide Vasseur Card" -> "Aristide Vasseur"). */
function withoutTrailingWords(candidate: string): string {
  const words = candidate.split(/[ \t]+/);
  while (words.length > 1 && sentenceWord(words[words.length - 1]!)) words.pop();
  return words.length === 1 ? words[0]! : candidate.slice(0, candidate.lastIndexOf(words[words.length - 1]!) + words[words.length - 1]!.length);
}

const LOG_LINE_BEFORE = /(?:^|\n)[^\n]{0,40}(?<![\p{L}])(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)(?![\p{L}])[^\n]*$/u;
/**
 * A word standing as prose writes one, between blanks and a sentence's punctuation, not inside code ("this.Hh",
 * "Func<Args>", "{ h: Ch, l: Cl }" have a dot, a bracket or a colon's field around them).
 */
function inProse(text: string, start: number, end: number): boolean {
  if (!/[\s"'“‘(«¡¿*-]/.test(text[start - 1] ?? ' ')) return false;
  // A log's line names components and pools ("WARN Hikari pool exhausted"), not people.
  if (LOG_LINE_BEFORE.test(text.slice(Math.max(0, start - 120), start))) return false;
  const after = text[end] ?? ' ';
  if (/[\s,;!?"'”’)»:]/.test(after)) return after !== ':' || !/[,}]/.test(text.slice(end + 1, end + 40).split(/\s/, 3).join(' '));
  return after === '.' && /[\s"'”’)]/.test(text[end + 1] ?? ' ');
}

/** What the lists say of a word, for the context model (`person-context.ts`) and its training. */
export const WORD_FACTS: WordFacts = {
  flags(word) {
    const lower = word.toLowerCase();
    const flags: string[] = [];
    if (isGivenName(word)) flags.push('given');
    else if (isListedGivenName(word)) flags.push('listed_given');
    if (SURNAMES.has(lower)) flags.push('surname');
    else if (isListedSurname(word)) flags.push('listed_surname');
    if (COMMON_ENGLISH_WORDS.has(lower)) flags.push('common_english');
    else if (ENGLISH_WORDS.has(lower)) flags.push('english');
    if (NOT_NAMES.has(lower) || DETERMINERS.has(lower)) flags.push('not_name');
    if (placeOrCountry(word, true)) flags.push('place');
    if (flags.length === 0) flags.push('unknown');
    return flags;
  },
  common: sentenceWord,
};

/** A name of the published lists (`LISTED_GIVEN_NAMES`), with its accents or without. */
const isListedGivenName = remembered((word: string): boolean => {
  const lower = word.toLowerCase();
  return listHolds(LISTED_GIVEN_NAMES, lower);
});

/**
 * A surname of the census's list, with its accents or without ("Araújo"), or one by an ending only surnames have
 * ("Jeknić"). Not through German umlauts: the census holds German nouns as surnames, and German text capitalises them
 * ("Unbekannter Schlüssel").
 */
const isListedSurname = remembered((word: string): boolean => {
  const lower = word.toLowerCase();
  return listHolds(LISTED_SURNAMES, lower, /[^\x00-\x7f]/.test(lower) && !/[äöüß]/.test(lower)) || surnameByEnding(word);
});

/** Whether a list holds a lower-case word, as written or, where `folding` allows, without its accents ("Iván" as "ivan"). */
function listHolds(list: Set<string>, lower: string, folding = /[^\x00-\x7f]/.test(lower)): boolean {
  return list.has(lower) || (folding && list.has(foldAccents(lower)));
}

/** "María" as "maria", "Søren" as "soren": the list holds most names without their accents. */
function foldAccents(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ø/g, 'o').replace(/Ø/g, 'O').replace(/æ/g, 'ae').replace(/ł/g, 'l').replace(/đ/g, 'd');
}

function clean(text: string): string {
  return text.replace(/['’]s$/, '').replace(/[.,]$/, '');
}

/**
 * The name at the start of a lower-case candidate: its words up to the first that belongs to the sentence
 * ("lisa know" → "lisa"; in lower case "per", "by" and "die" are the words: "miles per gallon", "maria die").
 * A lone letter between two name words is a middle initial. Empty when the first word is no name.
 */
function lowerCaseName(candidate: string, prepositionRefutes: boolean): string {
  const words = [...candidate.matchAll(/\S+/g)];
  const nameWord = (w: string) => !NOT_NAMES.has(w) && !LINKING_WORDS.has(w) && !FOLLOWING_WORDS.has(w) && !DETERMINERS.has(w);
  let end = 0;
  for (; end < words.length; end++) {
    const word = words[end]![0];
    if (end > 0 && end < words.length - 1 && /^\p{L}\.?$/u.test(word) && nameWord(words[end + 1]![0])) continue;
    if (prepositionRefutes && end > 0 && LINKING_WORDS.has(word)) return '';
    if (!nameWord(word)) break;
  }
  if (end === 0) return '';
  // Sliced from the text, not joined again: "anna  schmidt" keeps its two spaces, so offsets stay true.
  const last = words[end - 1]!;
  return candidate.slice(0, last.index! + last[0].length);
}

/** Before a lower-case given name, words that make it a place or a brand ("san francisco", "st louis", "red robin", "in charlotte"). */
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:in|san|santa|santo|são|st\.?|saint|fort|port|mount|mt\.?|lake|new|red)[ \t]+$/iu;
/** Where a sentence starts: a text's or a line's start, after its end, a code comment's marker or a quote. */
const SENTENCE_START = /(?:^|\n|[.!?:][ \t]+|(?:\/\/|#|\*)[ \t]*|["'(])[ \t]*$/;
const NEXT_WORD = /^[ \t]+(\p{Ll}[\p{Ll}'’]*)/u;
const INSTITUTION_FIRST = /^(?:Banca|Banco|Bank|Cassa|Caisse|Credito|Crédit|Poste|Società|Studio|Fondazione|Associazione|Comune|Agenzia)(?![\p{L}])/u;
/** A letter's closing after its adjective: "Liebe Grüße", "Beste Groeten", "Warm Wishes" (the adjective is no name). */
const CLOSING_NOUN_AFTER = /^[ \t]+(?:Grüße|Grüsse|Gruß|Gruss|Groeten|Saluti|Saludos|Wishes|Regards)(?![\p{L}])/u;
const THING_NAME_LABEL = /(?<![\p{L}])(?:business|company|firm|organi[sz]ation|brand|product|project|app|file|street|pet|team|store|shop|trading|host|domain|venue|hotel|restaurant|school|bank|device|server|server's)[ \t_-]*$/iu;
const ARTICLE_NEXT = /^(?:the|a|an|all|your|my|this|these|each|every)$/;
/** A word the person rules know to follow a name: a person's verb, a function word, a verb or adverb ending a lower-case name. */
function knownAfterName(word: string): boolean {
  return PERSON_VERB.test(` ${word}`) || FUNCTION_WORDS.has(word) || FOLLOWING_WORDS.has(word);
}
/** A word after a name that can be its verb: a known one, or one ending as verbs do. */
function verbLike(word: string): boolean {
  return knownAfterName(word) || /(?:ed|s)$/.test(word);
}
/**
 * After a name's word standing alone: a known word, an article, or a verb in the past ("Adeyemi confirmed"), not one
 * in "-s", which things do as often ("Kafka handles").
 */
function followsMention(word: string): boolean {
  return knownAfterName(word) || ARTICLE_NEXT.test(word) || /ed$/.test(word);
}
/**
 * A place's word before a capitalised given name: "Saint Helena", "Fort Collins", "Port Elizabeth". The words are a
 * set (each spelling of an optional period apart), looked up by the text's last words: a pattern of the whole list tried
 * at every position cost 18 µs for 16 characters.
 */
const PLACE_WORDS_BEFORE_CAPITAL = new Set(
  `${PLACE_WORDS}|${SIDE_WORDS}|${STREET_TYPES}|Sainte|Lady`.split('|').flatMap((word) => {
    const plain = word.replace(/\\\./g, '.');
    return plain.endsWith('.?') ? [plain.slice(0, -2), plain.slice(0, -1)] : [plain];
  }),
);
const LONGEST_PLACE_WORD = Math.max(...[...PLACE_WORDS_BEFORE_CAPITAL].map((word) => word.length));
/** Whether `before` ends with such a word, after blanks, where no letter stands before the word. */
function placeWordBefore(before: string): boolean {
  const word = before.replace(/[ \t_]+$/, '');
  if (word.length === before.length) return false;
  for (let length = 1; length <= Math.min(LONGEST_PLACE_WORD, word.length); length++) {
    if (PLACE_WORDS_BEFORE_CAPITAL.has(word.slice(-length)) && !/\p{L}$/u.test(word.slice(0, -length))) return true;
  }
  return false;
}
/** Given names that are months' names, which a day's number or a year beside them makes: "Jan 26, 2015", "9 May", "Jan 2024". */
const MONTHS = /^(?:Jan|April|May|June|July|August)$/;
const DAY_BEFORE = /(?<!\d)\d{1,2}[ \t]+$/;
const DAY_AFTER = /^[ \t]+(?:\d{1,2}|\d{4})(?!\d)/;
/**
 * Words that address or introduce a person and not a product, before a name of the published lists: "Tell Leora",
 * "seconded by Valentino", "went to Liza" (not "with", "to" or "from", which products follow as often).
 */
/**
 * Telling, asking, thanking and apologising to someone in the languages prompts come in: "Sag X bitte", "Kannst du X
 * fragen", "Dis à X", "Dile a X", "Perdón X", "Ho detto a X", "Chiedi a X", "Pergunta ao X", "Obrigado X", "Vraag X",
 * "Zapytaj X", "Dziękuję X"; talking with someone ("falar com X", "hablar con X", "sprechen mit X").
 */
const FOREIGN_ADDRESSING =
  "falar com|fala com|hablar con|habla con|parlare con|parla con|sprechen mit|spreken met|praten met|parler à|parler avec|hartelijk dank,?|sag|sage|sagen sie|frag|frage|kannst du|könnten sie|danke|dis à|dites à|demandé à|demande à|merci|dile a|pregúntale a|pregunta a|perdón|perdona|gracias|ho detto a|chiedi a|dì a|grazie(?: mille)?|pergunta ao|pergunta à|diz ao|diz à|disse ao|disse à|obrigad[oa]|vraag|bedankt|dank je|zapytaj|powiedz|powiedziałem|powiedziałam|dziękuję|tack";
const ADDRESSES_PERSON = new RegExp(String.raw`(?:^|[^\p{L}])(?:tell|ask|asked|meet|met|remind|invite|ping|dear|hi|hello|hey|thanks|thank|seconded by|went to|married|marrying|named|called|regulars like|friends? like|(?:say|said) (?:hi|hello) to|(?:talk|talked|spoke|speak|chat|chatted) (?:to|with)|(?:lunch|dinner|coffee|drinks|interview) with|(?:text|message|call|email|letter|note|gift|postcard) from|heard from|sat next to|worried about|directed by|played by|founded by|signed by|(?:worked|working) with|addressed to|assigned to|escalated to|moderated by|recommend|ran into|bumped into|invited|pick up|picked up|miss (?:u|you)|congrats to|shout-?out to|(?:payments?|transfer|transfers|wire) to|issued to|share with|shared with|(?:call-?back|call back) for|delivered to|(?:novels?|books?|poems?|songs?) by|(?:sponsored|written|co-written|painted|composed|produced|authored|illustrated|narrated|photographed) by|co-written with|accused|fired|hired|sued|visited|interviewed|acquitted|convicted|sentenced|described|(?:succeeded|replaced|led|owned|bought|interviewed|shared) by|dedicated to|estate of|marriage of|(?:goodbye|love|condolences) to|jury found|approved by|taken by|accepted by|especially|ask for|unlike|everyone (?:but|except)|toward|towards|beside|despite|who is|who's|who was|(?:email|letter|note|message|reply|card|apology) to|(?:taught|coached|trained|mentored|treated|represented|raised|replaced|stood up) by|avoid|adore|adores|highly recommend|played (?:doubles|tennis|chess|golf) with|just saw|overheard|overhear|payable to|is this|(?:have|has|had|I['’]ve|we['’]ve) known|remove|introduced|from my account to|(?:letter|note|message|card|toast|poem|speech|gift|present|party|eulogy)[ \t]+for|(?:call|meeting|1:1|one-on-one)[ \t]+with|(?:filed|posted|post|comment) by|attention|attn\.?|authori[sz]e|(?:my|our|a) conversation with|covering for|rsvp to|thank u|thx|(?:so )?sorry|excuse|congratulate|waiting on|(?:coffee|lunch|dinner) w(?:ith|\/)|approval from|reopened by|co-authored-by:|nominate|nominated|nominating|(?:music|lyrics|screenplay|vocals|artwork) by|death of|on behalf of|drinks are on|${FOREIGN_ADDRESSING})[ \t]+$`, 'iu');
/** A question about someone, the name after its verb where the sentence starts: "Is Volpe still the manager?", "Does Kunze have". */
const QUESTION_VERBS = 'is does did has was will can could should would'.split(' ');
/** The verb where the sentence starts ("Can Majewski pick up my prescription?"); not after "why" or "when", before products as often. */
const QUESTION_BEFORE = new RegExp(String.raw`(?:^|[.!?\n][ \t]*)(?:${QUESTION_VERBS.map((verb) => `[${verb[0]!.toUpperCase()}${verb[0]}]${verb.slice(1)}`).join('|')})[ \t]+$`);
/** The same verbs capitalised, as a sentence's first word. */
const QUESTION_WORD = new RegExp(`^(?:${QUESTION_VERBS.map((verb) => verb[0]!.toUpperCase() + verb.slice(1)).join('|')})$`);
/**
 * A person's pronoun a few lower-case words after a name, in the same clause: "Marlena does her best", "If Costa isn't
 * in my payee list yet, add her". No capitalised word between, which the pronoun may be about; no article, relative
 * or conjunction bringing in another noun or clause ("Liverpool were brilliant, and the captain said his", "Mercedes is
 * what she drives", "hit Cornwall and she brought"). "His/her" is anyone's ("Quora writers … his/her thanks").
 */
const PRONOUN_AFTER =
  /^(?:[ \t]+(?!(?:the|a|an|my|our|your|their|this|that|these|those|what|where|which|who|whom|whose|and|but|or|so|because|while|when|if)(?![\p{L}]))[\p{Ll}\d'’]+,?){0,6}?[ \t]+(?:she|he|her|his|him)(?![\p{L}/])/u;
/** A person's act after a name: "Liza asked me", "Valentino said", "Leora will be talking". */
const ACTS_AFTER = /^[ \t]+(?:said|says|asked|told|wrote|replied|explained|thinks|believes|lives|lived|walked|was born|just (?:texted|messaged|emailed|rang)|is allergic to|(?:is|will be) out of (?:the )?office|once (?:said|quipped|wrote|remarked|joked)|quipped|will be (?:talking|speaking|joining|presenting|our)|is coming|called me|texted me|emailed me|forgot|scored|won the|married|used to|and (?:his|her) (?:husband|wife|partner|kids|children|son|daughter|family)|turns \d{1,3}|turned \d{1,3}|(?:still )?owes me|won['’]t be home|as an? (?:authori[sz]ed|additional) user|was (?:arrested|sworn in|elected|appointed|sentenced|charged|convicted|acquitted|hospitali[sz]ed)|emigrated|immigrated|equali[sz]ed|pleaded|testified|studied|told reporters|quit (?:his|her)|turned down|took over|stepped down|moved out|brought up|muttered|shouted|whispered|yelled|snapped|(?:has|had|have) (?:already |just |never |once )?lived|no longer works|(?:was|has been) reported missing|(?:dies|died) at|was (?:so |very |really |super )?(?:friendly|rude|polite|lovely|charming|helpful|patient|kind|nervous|pregnant)|(?:has been|was) (?:appointed|named|hired)|joins us|has joined|has worked as an?|co-founded|was given a (?:final |formal |written |verbal )*warning|was (?:fired|dismissed|suspended|laid off|promoted)|is retiring|is expected to (?:resign|step down|testify|plead)|was \d{1,3} when|just called|called (?:again|back|in sick)|is (?:on (?:holiday|vacation|leave|maternity leave|paternity leave|parental leave|sick leave|annual leave)|off sick|out sick|the only one (?:who|in|that))|(?:had |has )?already left|is still working|posted (?:last|yesterday|this|on|in|a|an|the)|quit(?=[ \t]*[?!.]))(?![\p{L}])/u;
/**
 * A verb in the past after a census surname alone: "Kristensen resigned", "Trnka cancelled the". Products do things
 * in the past too (and can't, doesn't, isn't: "Gradle can't find the JDK"), and bear given names more often than
 * surnames ("Loki crashed", "Athena failed"): not after a given name of the lists, nor a machine's verb.
 */
const PAST_ACT_AFTER = /^[ \t]+(\p{Ll}{3,}ed)(?![\p{L}])/u;
const MACHINE_VERBS = /^(?:crashed|failed|errored|froze|hung|restarted|rebooted|booted|timed|deployed|returned|loaded|logged|leaked|stopped|started|updated|upgraded|installed|compiled|rendered|crawled|indexed|synced|cached|queued|parsed|scaled|throttled|dropped|blocked|flagged|rejected|accepted|supported|based|powered|hosted|backed|built|released|launched|deprecated)$/;
function pastAct(after: string): boolean {
  const verb = PAST_ACT_AFTER.exec(after)?.[1];
  return verb !== undefined && !MACHINE_VERBS.test(verb);
}
/** A verb in the past done to or with a person, after any name of the lists: "Liana recommended me", "Góra swapped shifts with me", "Clovis announced her". */
const PAST_ACT_ON_PERSON = /^[ \t]+(?:\p{Ll}{3,}ed|was[ \t]+\p{Ll}{3,}ing)(?:[ \t]+\p{Ll}{2,}){0,2}[ \t]+(?:his|her|him|me|us|my|our)(?![\p{L}])/u;
const MACHINE_DOING = /^[ \t]+was[ \t]+(?:running|loading|failing|crashing|hanging|working|building|deploying|syncing|updating|blocking|throttling|logging|tracking|using)(?![\p{L}])/u;
function pastActOnPerson(after: string): boolean {
  return PAST_ACT_ON_PERSON.test(after) && (/^[ \t]+was[ \t]/.test(after) ? !MACHINE_DOING.test(after) : pastAct(after));
}
/** A capitalised word compared with the one before or after it: "vs", "versus" or "or" between them. */
const COMPARED_AFTER = /^[ \t]+(?:vs\.?|versus|or)[ \t]+(\p{Lu}[\p{L}\p{N}.+#-]*)/u;
const COMPARED_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}.+#-]*)[ \t]+(?:vs\.?|versus|or)[ \t]+$/u;
/** Whether the word at [start, end) is weighed against a word that is no name (a product, a language, a tool). */
function comparedWithThing(text: string, start: number, end: number): boolean {
  const other = COMPARED_AFTER.exec(text.slice(end, end + 40))?.[1] ?? COMPARED_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1];
  return other !== undefined && !knownName(other.replace(/[.+#-]+$/, '')) && !isListedSurname(other);
}
/** A word before a lower-case name that introduces a person ("meet with max", "tell frank"); not "and" ("min and max"). */
const INTRODUCES_PERSON = /(?:^|[^\p{L}])(?:with|to|tell|ask|asked|call|meet|met|from|by|under|named|called|contact|email|text|remind|invite|cc|ping|dear|hi|hello|hey|thanks|thank)[ \t]+$/iu;

/** A house's number of three digits or more right before a name, no time's minutes ("359 Ashley Loop", not "10:30 Jimin Park"). */
const STREET_NUMBER_BEFORE = /(?<![\d.,:])\d{3,5}[A-Za-z]?[ \t]+$/;
/**
 * A team or a department that signs or is addressed ("Accounts Receivable", "Customer Service", "Human Resources", "The
 * Support Team"), in the languages of the contact labels too ("Referente: Ufficio Tecnico", "Persona de contacto: Recursos
 * Humanos", "Ansprechpartner: Technischer Vertrieb", "Osoba kontaktowa: Dział Kadr").
 */
const DEPARTMENT_WORDS = new Set(
  (
    'ufficio uffici tecnico tecnica acquisti vendite commerciale amministrazione servizio servizi clienti assistenza risorse umane segreteria direzione qualità responsabile reparto contabilità logistica magazzino produzione departamento oficina servicio servicios atención cliente recursos humanos soporte técnico ventas compras administración contabilidad calidad sistemas recepción abteilung vertrieb technischer technische kundenservice kundendienst einkauf verkauf personalabteilung buchhaltung geschäftsführung empfang zentrale sekretariat innendienst außendienst dział działu kadr obsługa obsługi klienta biuro księgowość sprzedaży zakupów recepcja zarząd ' +
    'the accounts account receivable payable customer customers client clients service services support care team billing sales marketing human resources hr it help desk helpdesk front office reception admissions finance legal operations management department dept staff board committee security compliance payroll procurement purchasing shipping returns logistics engineering product research development recruitment recruiting talent acquisition partnerships success relations investor public press media communications administration admin member membership guest guests patient patients student students international claims underwriting collections treasury facilities maintenance').split(' '),
);
function department(value: string): boolean {
  const words = value.toLowerCase().split(/[ \t]+/);
  return words.length > 1 && words.every((word) => DEPARTMENT_WORDS.has(word));
}
/** Days' and months' short names: "Tue Sep 09 2025" is a date ("Jan", "Sun" alone may be a person's). */
const DATE_ABBREVIATIONS = new Set('mon tue tues wed thu thur thurs fri sat sun jan feb mar apr may jun jul aug sep sept oct nov dec'.split(' '));
function isNameish(candidate: string): boolean {
  const words = candidate.split(/\s+/);
  // A lone letter between two words is a middle initial ("benjamin a seiler"), not the article.
  if (DETERMINERS.has(words[0]!.toLowerCase())) return false;
  if (words.length > 1 && words.every((w) => DATE_ABBREVIATIONS.has(w.toLowerCase().replace(/\.$/, '')))) return false;
  return words.every((w, i) => (i > 0 && i < words.length - 1 && /^\p{L}\.?$/u.test(w)) || !NOT_NAMES.has(w.toLowerCase()));
}

export const personDetector: Detector = {
  name: 'person',
  category: 'person',
  priority: 30,
  detect(text) {
    const out: Finding[] = [];
    // Where a capitalised word can start, found once for the patterns tried there.
    const capitals = cueStarts(text, CAPITAL_START);
    // Where its lines start, for the patterns that open with `^`.
    const lines = lineStartsOf(text);
    // The text in lower case, asked for the words that gate a pattern (`holds`, far cheaper than a caseless scan).
    const lowerText = text.toLowerCase();
    const callerIntroduced = holds(lowerText, 'this is');
    // Names found with strong evidence, whose other mentions in the text are names too.
    const seeds: Finding[] = [];
    const seed = (added: boolean) => {
      if (added) seeds.push(out[out.length - 1]!);
    };
    const add = (start: number, raw: string, confidence: number, afterDeterminer = false): boolean => {
      // A form's next label, after a tab or three blanks or more, is no part of the name before it ("Name: Brun   Allergies:
      // peanuts", "Anna Berg\tDept: HR"); a chat's "Jari Ahonen: hi" and "Anna  Berg: hi" are one name.
      const cleaned = clean(raw);
      const value = text[start + cleaned.length] === ':' ? cleaned.replace(/(?:\t| {3,})[ \t]*\S+$/, '') : cleaned;
      if (value.length < 2 || !isNameish(value) || department(value)) return false;
      const after = text.slice(start + value.length, start + value.length + 80);
      if (CODE_AFTER.test(after) || COMPOUND_AFTER.test(after) || codeBefore(text, start)) return false;
      const words = value.split(/[ \t]+/);
      // A possessive inside is an owner and what it owns, not one name ("Bridgewater's Parker Suknović").
      if (words.slice(0, -1).some((word) => /['’]s$/.test(word))) return false;
      const first = words[0]!.toLowerCase();
      const given = isGivenName(first);
      const several = words.length > 1;
      // "Fort Worth", "Cape Town", "Mount Vernon": a place's first word ("Charles Fort" is a person).
      if (several && (PLACE_FIRST.test(words[0]!) || PLACE_LAST.test(words.at(-1)!))) return false;
      if (TOWN_SIDE_AFTER.test(after)) return false;
      // "Columbus Day", "Boxing Day", "Hogmanay Eve": a feast, on weak evidence ("Doris Day" has a given name first).
      if (several && confidence < STRONG && /^(?:Day|Eve)$/.test(words.at(-1)!) && !given) return false;
      // "Bognár Bt.", "Hansen AS": the last word is a firm's legal form, or its first.
      // "Janik Sp. z o.o.": the last word starts a legal form of several words.
      if (several && (LEGAL_FORM_LAST.test(value + (after.startsWith('.') ? '.' : '')) || LEGAL_FORM_FIRST.test(` ${words.at(-1)!}${after}`))) return false;
      // "Canada Post", "Canada Goose", "Nissan Qashqai": a country's or a brand's name first, against weak evidence; a
      // brand named after its founders, or the given name that starts one ("Louis Vuitton", "Morgan Stanley").
      if (several && confidence < STRONG && (COUNTRIES.has(first) || NOT_PEOPLE.has(first)) && !given) return false;
      if (FOUNDER_BRAND_AT.test(text.slice(start, start + 40))) return false;
      // The brand's or the drink's first word before the name: "a Bloody Mary", "Earl Grey" without "Earl".
      const brandFirst = WORD_BEFORE.exec(text.slice(Math.max(0, start - 20), start))?.[1];
      if (brandFirst && FOUNDER_BRAND_FIRST_WORDS.has(brandFirst.toLowerCase()) && FOUNDER_BRAND_AT.test(`${brandFirst} ${text.slice(start, start + 40)}`)) return false;
      // A town's side or a street's type first, unless a title or a phrase says a person ("Dear West Thompson").
      const weak = confidence < STRONG;
      if (several && weak && (SIDE_FIRST.test(words[0]!) || STREET_TYPE_FIRST.test(words[0]!) || MOUNTAIN_FIRST.test(words[0]!))) return false;
      // "the first Batching Span Processor", "this Closing Handshake": a determiner before words makes them a thing.
      // "the Robert Johnson account" is Robert Johnson's; "the Max Plan", "the Grace Period" are things.
      if (several && !afterDeterminer && !(given && !WORDLIKE_NAMES.has(first)) && THING_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return false;
      if (words.some((w) => NOUN_SUFFIX.test(w) && !GIVEN_NAMES.has(w.toLowerCase()))) return false;
      // "Certificate Authority (CA)": the words' initials in brackets expand an acronym.
      const acronym = /^[ \t]*\([`'"]?([A-Z]{2,6})[`'"]?\)/.exec(after)?.[1];
      // Its own initials in brackets may follow a person's name ("Jorge Villa (JV)"); words before it in the acronym make
      // it a term's last word ("Byte Order Mark (BOM)").
      if (acronym && (!given || acronym.length > words.length) && expandsAcronym(acronym, text.slice(Math.max(0, start - 60), start + value.length))) return false;
      if ((several ? LEGAL_FORM_AFTER : JOINED_LEGAL_FORM_AFTER).test(after) || FIRM_AFTER.test(after)) return false;
      // "358 Kenneth Mount", "7463 Darren Gateway": a house number, then a name and a street's suffix.
      const suffix = several ? words[words.length - 1]! : /^[ \t]+(\p{Lu}\p{Ll}+)/u.exec(after)?.[1];
      // A name sure of itself gives way only to a house's number of three digits or more, not a time's minutes or a count
      // ("09:00 Sarah Hill", "seat 14 Emma Green", "2 James Woods" are people).
      const sureNameAfterHouseNumber = several && STREET_NUMBER_BEFORE.test(text.slice(Math.max(0, start - 12), start));
      if ((weak || sureNameAfterHouseNumber) && suffix && STREET_SUFFIX.test(suffix) && houseNumberBefore(text, start)) return false;
      // "Arroyo Fernando Bañuelos s/n.", "Calleja Felipe Magaña, 31", "Incrocio Catullo 8": a street's type in another
      // language, then the person the street is named after and its number (or "s/n", without one).
      if ((ROMANCE_STREET_TYPE_FIRST.test(value) || ROMANCE_STREET_TYPE_BEFORE.test(text.slice(Math.max(0, start - 16), start))) && NUMBER_AFTER_STREET_NAME.test(after)) return false;
      // "Joaquin Suarez 2906.", "Pavla Pejačevića 335": a street named after a person, then its house number.
      if (weak && several && HOUSE_NUMBER_AFTER.test(after)) return false;
      // "… 17 Apt. 209 Montehermoso Cáceres": after a flat's number, an address's town.
      if (weak && UNIT_BEFORE.test(text.slice(Math.max(0, start - 24), start))) return false;
      // One word only: "John Smith & Acme Corp." and "Anna Berg - Google" are a person and a company.
      if (!several && weak && firmPartner(text, start, start + value.length, given)) return false;
      out.push(finding(this, start, value, confidence));
      return true;
    };
    // Where a person's place holds one unknown word, it is masked, but does not name the word's other mentions: a wrong
    // guess ("Reporter: Dependabot") then stays one finding.
    const addPerson = (end: number, name: string, confidence: number) => {
      const added = add(end - name.length, name, confidence);
      if (name.includes(' ') || knownName(name)) seed(added);
    };
    // The person in a pattern's first group (the sentence's words before it left out, so the name ends where the group
    // does); where departments, services and malware stand as often, only a name that `namesAPerson`.
    const addGroupPerson = (m: RegExpExecArray, confidence: number, onlyListed: boolean) => {
      const name = personLike(m[1]!);
      if (name && (!onlyListed || namesAPerson(name))) addPerson(m.indices![1]![1], name, confidence);
    };
    // One pass over both cues' starts, so a title found from either is found once ("il signor Dr. Rossi").
    const titleStarts = holdsLowerHonorific(text) ? [...cueStarts(text, TITLE_START), ...cueStarts(text, LOWER_TITLE_START)].sort((a, b) => a - b) : TITLE_START;
    for (const m of cuedMatches(text, titleStarts, TITLE)) {
      // "Dr. Martens will see you at 3" is a doctor: a person's verb after the brand's words makes them a person's.
      if (TITLED_BRAND.test(m[0]) && !TITLED_BRAND_PERSON_VERB.test(text.slice(m.index + m[0].length, m.index + m[0].length + 32))) continue;
      // "9145 Hamish Estate Dr. Proszę o podpisanie": after a house number and a street's name, "Dr." is its drive.
      if (/^Dr\.?[ \t]/.test(m[0]) && HOUSE_THEN_STREET_BEFORE.test(text.slice(Math.max(0, m.index - 48), m.index))) continue;
      seed(add(m.index + m[0].lastIndexOf(m[1]), m[1], 0.9));
    }
    for (const m of matches(text, LOWER_TITLE)) {
      const words = m[1].split(/\s+/);
      // A second word only after a known given name ("mr. john smith"); "mr. elliott flew" is one name.
      const name = words.length === 2 && GIVEN_NAMES.has(words[0]!) && !NOT_NAMES.has(words[1]!) && !PERSON_VERB.test(` ${words[1]}`) ? m[1] : words[0]!;
      // After a capitalised title, a lower-case word is a sentence's as often ("als Dr. bei Becker"): a known name only.
      const typedLower = /^\p{Ll}/u.test(m[0]) || knownName(words[0]!) || isListedSurname(words[0]!);
      if (typedLower && !NOT_NAMES.has(words[0]!) && !ARTICLE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) {
        seed(add(m.index + m[0].lastIndexOf(m[1]), name, 0.8));
      }
    }
    for (const m of matches(text, GREETING)) {
      // Birthdays and congratulations are wished to teams, clubs, countries and projects too ("Congrats Juventus!").
      if (WISHES.test(m[0]) && !namesAPerson(m[1])) continue;
      // "Guten Morgen Deutschland!", "Buongiorno Roma!", "Hola España": a country or a town greeted; one word hailed with
      // "!" only when the lists hold it as a person's.
      if (placeOrCountry(m[1], true) || (!m[1].includes(' ') && text[m.index + m[0].length] === '!' && !namesAPerson(m[1]))) continue;
      seed(add(m.index + m[0].length - m[1].length, m[1], 0.8));
    }
    for (const m of matches(text, FAMILY_TITLE)) {
      const name = personLike(m[1]!);
      if (name && namesAPerson(name)) add(m.indices![1]![0] + m[1]!.indexOf(name), name, 0.8);
    }
    for (const m of matches(text, PHRASE)) {
      // The name taken may hold the next trigger ("Emergency contact\nName: Renner"): the search goes on from the name.
      PHRASE.lastIndex = m.index + m[0].length - m[1].length;
      const trigger = m[0].slice(0, m[0].length - m[1].length).trim().toLowerCase();
      // "name: Identifier;", "(name: Name)": a type annotation, not a name.
      if (trigger === 'name:' && /^[;)]/.test(text[m.index + m[0].length] ?? '')) continue;
      // "Business name:", "Company name:", "Street name:": the name of something else.
      if (/^name:?$/.test(trigger) && THING_NAME_LABEL.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
      // Weak triggers (and a possessive's name, which may be a company's) need two words or a known given name.
      // "hi High 32 bits": a greeting greets where a line or a sentence starts.
      const addressed = /^[ \t]*[,!:]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 3));
      const greeting = /^(?:hi|hello|hey|good morning|good afternoon|good evening|cześć|witaj)$/.test(trigger);
      if (greeting && !addressed && !SENTENCE_START.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      // "Good morning Vietnam", "Hello Kraków!": a place greeted.
      if (greeting && placeOrCountry(m[1], true)) continue;
      // Other languages' greetings and the day's greet groups and words too ("Good morning Ladies and Gentlemen", "Cześć
      // Wszystkim", "Witaj Świecie", "Carissimo Amico"): one word only a name of the lists.
      // A Polish greeting names the person in the vocative ("Cześć Kasiu").
      const vocative = () => /^(?:cześć|witaj)$/.test(trigger) && namesAPersonInPolishVocative(m[1]);
      if (/^(?:good morning|good afternoon|good evening|cześć|witaj|carissim[oa])$/.test(trigger) && !/[ \t]/.test(m[1]) && !namesAPerson(m[1]) && !vocative()) continue;
      // One follows up with a role or a firm too ("Follow up with GP", "follow up with VikingNetværk").
      if (/^(?:follow(?:ing)? up with|check in with)$/.test(trigger) && (/^\p{Lu}{2,}(?![\p{Ll}])/u.test(m[1]) || INNER_CAPITAL_FIRST.test(m[1]) || /\p{Ll}\p{Lu}/u.test(m[1].split(/[ \t]/)[0]!))) continue;
      // An account is held by a bank or a firm as often ("intestato a Banca Intesa", "a Poste Italiane").
      if (trigger === 'intestato a' && INSTITUTION_FIRST.test(m[1])) continue;
      // A possessive's name is a person's when the owner is one ("my partner's name Heikkinen", not "Acme's name").
      const relative = /^['’]s name$/.test(trigger) && RELATIVE_BEFORE.test(text.slice(Math.max(0, m.index - 16), m.index));
      const strong = relative || !/^(from|by|with|to|for|ask|tell|contact|meet|met|and|['’]s name|the late)$/.test(trigger);
      // "Name: van de Veen Phone:": a label's word after the name ends it.
      const name = strong ? m[1].replace(TRAILING_LABEL, '') : m[1];
      const words = name.split(/\s+/);
      const known = isGivenName(words[0]);
      // After a weak trigger, unknown words with a Romance particle are a place's as often ("flew to Reguengos de Monsaraz"),
      // and so are a leading particle's ("the corner of 74 Main Street and ten Pas Pass").
      // The last word a name's: no common English word, unless a common surname ("to Moira Pagan"; not "from Red Hat",
      // "and Stripe Billing", "to Order Items").
      const surnameLast = lastWordNamelike(name) || COMMON_WORD_SURNAMES.has(words[words.length - 1]!.toLowerCase());
      // The words before the name, its trigger with them ("… town called ", "Frankfurt and ").
      const uptoName = text.slice(Math.max(0, m.index - 40), m.index + m[0].length - m[1].length);
      const weakPair = words.length >= 2 && !INNER_CAPITAL_FIRST.test(name) && !ROMANCE_PARTICLE.test(name) && !/^\p{Ll}/u.test(name) && surnameLast && !placeOrCountry(name) && !thingsJoined(trigger, uptoName, words[0]!);
      // "called" and "named" name things as often ("a class called Request Handler").
      const personal = strong && !/^(?:called|named)$/.test(trigger);
      // "Follow up with Isaksson": a common surname alone after a weak phrase, standing as a person does ("and Myers
      // paper" is the paper's); and so must a surname with its leading particle ("called van der Waals force").
      const end = m.index + m[0].length;
      const nextWord = NEXT_WORD.exec(text.slice(end, end + 30))?.[1];
      const standsAsPerson = !nextWord || followsMention(nextWord);
      if (/^\p{Ll}/u.test(name) && !standsAsPerson) continue;
      // A surname or a given name of the published lists only after a phrase that introduces a person ("meet with Sobotka",
      // "ask Liana", "the emergency contact to Hjort"; not "from Harlev", "for Cortesi SPA", "to Florence", "Batz, Nicolas and
      // Gutmann"): after "to", "for" and "by" not where a journey or a match ends ("a trip to Metz", "lost to Brighton", "from
      // Lisbon to Porto"), a thing is for a place or a dish ("a recipe for Pavlova") or a firm does it ("distributed by Warner").
      const lead = text.slice(Math.max(0, m.index - 40), m.index);
      const thingOrPlace = thingOrPlaceAfter(trigger, lead);
      const listedSurname =
        (isListedSurname(words[0]!) || isListedGivenName(words[0]!)) && /^(?:with|ask|tell|contact|meet|met|by|for|to)$/.test(trigger) && !thingOrPlace && !placeOrCountry(words[0]!);
      const knownSurname = words.length === 1 && (SURNAMES.has(words[0]!.toLowerCase()) || listedSurname) && standsAsPerson;
      // "a folder called Tickets", "the full name Field": one word of the sentence there is a thing's name.
      if ((!personal || trigger === 'full name') && strong && words.length === 1 && !known && sentenceWord(name)) continue;
      // "a harbour town called Saltmarsh", "a dog named Biscuit": what a place, a work, a firm or an animal is called.
      if (!personal && THING_CALLED.test(uptoName)) continue;
      // "Markets in Frankfurt and Milan": joined to a place by "and", a given name is a place's too.
      if (!strong && placeJoined(uptoName)) continue;
      if (strong || known || weakPair || knownSurname) {
        const added = add(m.index + m[0].length - m[1].length, name, strong ? 0.85 : 0.7);
        if (personal || known) seed(added);
      }
    }
    for (const m of cuedMatches(text, FAMILY_OWNER, FAMILY_BEFORE_NAME)) {
      // In brackets a grade, a year or a business partner stands as often ("My son (Grade 5)", "Our partner (Accenture)").
      if (m[0].includes('(') && !namesAPerson(personLike(m[1]!))) continue;
      seed(add(m.index + m[0].length - m[1]!.length, m[1]!, 0.85));
    }
    const roles = ROLE_WORD_IN_TEXT.test(text);
    for (const m of roles ? cuedMatches(text, ROLE_OWNER, ROLE_BEFORE_NAME) : []) {
      const name = personLike(m[1]!);
      // A form's field names services and charities too ("The recipient is Mailchimp", "The beneficiary is Unicef").
      if (name && (!PEOPLE_FIELD.test(m[0]) || namesAPerson(name))) addPerson(m.indices![1]![1], name, 0.75);
    }
    for (const m of roles ? matches(text, PERSON_LABEL) : []) {
      // A label's slot holds only a name: no sentence's word before it is left out; the next field's label after it is
      // ("Cardholder name: Aristide Vasseur Card number: …", "Prepared by: Kristine Martinsen    Approved by: …").
      const trimmed = withoutTrailingWords(m[1]!);
      const nextLabel = /^[ \t]+[\p{L} \t]{1,30}:/u.test(text.slice(m.indices![1]![0] + trimmed.length, m.indices![1]![0] + trimmed.length + 40));
      const value = nextLabel ? trimmed : m[1]!;
      // Where only a person's name stands, a first word that is a word too ("Owner: Beryl Hagenes", "(account holder: Iris
      // Mulder)") is the name's.
      const name = value.includes(' ') ? (personLike(value) !== '' || (isGivenName(value.slice(0, value.search(/[ \t]/)).toLowerCase()) && cuedName(value) === value) ? value : '') : listedName(value) ? value : '';
      if (name) add(m.indices![1]![0], name, 0.75);
    }
    for (const m of /['’]s[ \t]/.test(text) ? matches(text, PERSONAL_OWNED) : []) {
      const owner = OWNER_BEFORE.exec(text.slice(Math.max(0, m.index - 40), m.index));
      if (!owner) continue;
      const word = owner[1]!;
      // A name the lists hold: firms have birthdays and bosses too ("Mozilla's birthday", "Netflix's boss").
      if (!listedName(word) || (sentenceWord(word) && !knownName(word)) || placeOrCountry(word, true)) continue;
      add(m.index - word.length, word, 0.7);
    }
    for (const m of /know/.test(text) ? matches(text, LET_KNOW) : []) {
      const words = m[1]!.split(/[ \t]+/);
      // Not "let us know", "let everyone know", "let the team know", "let Slack know".
      if (words.some((word) => (sentenceWord(word) && !knownName(word)) || DETERMINERS.has(word.toLowerCase()) || placeOrCountry(word, true))) continue;
      if (words.length === 1 && /^\p{Ll}/u.test(m[1]!) && !knownName(m[1]!)) continue;
      add(m.indices![1]![0], m[1]!, 0.7);
    }
    for (const m of /(?:^|\n)(?:\?\?\?|>)/.test(text) ? matches(text, CARD_ADDRESSEE) : []) {
      const line = withoutTrailingWords(m[2]!);
      const name = cuedName(line) || (listedName(line) ? line : '');
      if (name !== '' && !placeOrCountry(name) && !LEGAL_FORM_AFTER.test(text.slice(m.indices![2]![0] + name.length, m.indices![2]![0] + name.length + 30))) add(m.indices![2]![0], name, 0.7);
    }
    for (const m of /\d:\d\d/.test(text) ? cuedMatches(text, lines, CHAT_SPEAKER) : []) {
      const name = personLike(m[1]!);
      if (name === m[1] && !placeOrCountry(name)) add(m.indices![1]![0], name, 0.75);
    }
    for (const m of /(?:^|\n)[ \t]*By[ \t]/.test(text) ? matches(text, BYLINE) : []) {
      const name = personLike(m[1]!);
      if (name === m[1] && !placeOrCountry(name)) add(m.indices![1]![0], name, 0.7);
    }
    for (const m of PARTY_WORD.test(text) ? cuedMatches(text, PARTY_START, PARTY_BEFORE_NAME_AT) : []) {
      // Whole with a given name that is a word too ("cardholder Hunter Farrell,").
      const name = cuedName(m[1]!);
      const end = m.indices![1]![0] + name.length;
      const closed = /^[ \t]*[,(]/.test(text.slice(end, end + 3)) || PERSON_VERB.test(text.slice(end, end + 24));
      if (name && name === m[1] && !placeOrCountry(name) && (name.includes(' ') || namesAPerson(name) || closed)) add(m.indices![1]![0], name, 0.75);
    }
    for (const m of AGE_SHAPE.test(text) ? matches(text, AGE_AFTER_NAME) : []) {
      const age = Number(m[1] ?? m[4] ?? m[5] ?? m[6] ?? m[7]);
      const person = age > 0 && age <= 110 ? personBefore(text, m.index, true) : undefined;
      // One word with an age is a version's or a count's as often, unless a known name, of a place, doing what only
      // people do, or given an age by the word.
      const personal = m[2] !== undefined || m[5] !== undefined || m[6] !== undefined || m[7] !== undefined || PERSON_ONLY_AFTER_AGE.test(m[3] ?? '');
      if (person && (person.name.includes(' ') || listedName(person.name) || personal)) addPerson(person.end, person.name, 0.75);
    }
    for (const m of matches(text, OFFICE_TITLE)) {
      const name = cuedName(m[1]!);
      if (name) addPerson(m.indices![1]![0] + m[1]!.lastIndexOf(name) + name.length, name, 0.8);
    }
    for (const m of OCCUPATION_THEN_CAPITAL.test(text) ? matches(text, OCCUPATION_BEFORE_NAME) : []) addGroupPerson(m, 0.75, false);
    for (const m of callerIntroduced ? matches(text, CALLER) : []) addGroupPerson(m, 0.8, false);
    // Firms call and say where from too ("Hi there, this is Verizon from New Jersey"): one word only a name of the lists.
    for (const m of callerIntroduced ? matches(text, GREETING_CALLER) : []) addGroupPerson(m, 0.8, true);
    // "Hey, it's Monday!", "Hi, it's Google": one word only a name of the lists.
    for (const m of /it['’]?s /i.test(text) ? matches(text, GREETING_ITS) : []) addGroupPerson(m, 0.8, true);
    // Before a mailbox the sender is a company's as often ("From: Duolingo <hello@…>"): one word there only a listed name.
    for (const m of text.includes(':') ? matches(text, MAIL_HEADER) : []) addGroupPerson(m, 0.75, m[0].endsWith('<'));
    for (const m of WROTE_WORD.test(text) ? matches(text, WROTE) : []) {
      // At a line's start the capitalised words before "wrote:" are the name ("Iris Mulder wrote:"); after a date's words,
      // only those the name's cue leaves ("… 10:02 AM Mennone wrote:").
      const words = /^\n?[ \t>]*On[ \t]/.test(m[0]) ? m[1]!.replace(DATE_WORDS_FIRST, '') : m[1]!;
      // The whole name when its last words are a person's ("Iris Mulder", whose "Iris" is a flower too), not a firm's.
      const liked = personLike(words);
      const name = liked && words.endsWith(liked) ? words : liked;
      if (name && !ASSISTANT_NAMES.test(name)) addPerson(m.indices![1]![1], name, 0.75);
    }
    for (const m of text.includes(',') ? matches(text, ADDRESSED) : []) if (!ASSISTANT_NAMES.test(m[1]!) && !INTERJECTION.test(m[1]!)) addGroupPerson(m, 0.8, false);
    for (const m of text.includes('(') ? matches(text, ROLE_THEN_NAME_IN_BRACKETS) : []) addGroupPerson(m, 0.8, false);
    for (const m of holds(text, ' from ') ? matches(text, PERSON_FROM_FIRM) : []) {
      const name = m[1]!;
      if (personLike(name) === name && !placeOrCountry(name)) add(m.indices![1]![0], name, 0.7);
    }
    for (const m of /name/.test(text) ? matches(text, NAME_CHANGED_TO) : []) {
      const name = personLike(m[1]!);
      if (name !== '' && !placeOrCountry(name)) add(m.indices![1]![0] + m[1]!.indexOf(name), name, 0.75);
    }
    // A chat's mention of a person by name ("@Iris Aalbers @Gonzalez the pallets…"); not an annotation of code ("@Override",
    // "@Component(…)", "@Nullable String"), a handle in lower case or camel case, or an address's part.
    for (const m of text.includes('@') ? matches(text, MENTION) : []) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 2);
      const aloneOnLine = /(?:^|\n)[ \t]*$/.test(text.slice(Math.max(0, m.index - 20), m.index)) && /^[ \t]*(?:\r?\n|$)/.test(after);
      if (/^[(/]/.test(after) || aloneOnLine || DECLARATION_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 120))) continue;
      const name = m[1]!;
      // Two words after "@" are one name when the last is a name's ("@Hunter Farrell"), not a team's ("@Support Team").
      const named = name.includes(' ') ? lastWordNamelike(name) && !sentenceWord(name.slice(name.indexOf(' ') + 1)) : personLike(name) === name;
      if (named && !placeOrCountry(name)) add(m.index + 1, name, 0.7);
    }
    // A record's field that people fill ("first_name": "Laakso", <recipient>Darrell</recipient>): one word that is no
    // sentence's (a party's field, which firms fill too, only a listed name; a bare "name" or "contact" beside a person's
    // phone, mail or card as a person's own), or a known given name first in lower case.
    for (const field of namesInFields(text)) {
      const lower = /^\p{Ll}/u.test(field.value);
      // A type's name in camel case is code's ("candidate: LargeNumberLike"); "McDonald" has one inner capital.
      const typeName = /\p{Ll}\p{Lu}.*\p{Ll}\p{Lu}/u.test(field.value);
      const named = lower ? knownName(field.value.split(/[ \t]+/)[0]!) : !typeName && personLike(field.value) === field.value && (field.personal || namesAPerson(field.value));
      if (named) addPerson(field.start + field.value.length, field.value, 0.75);
    }
    for (const cell of namesInColumns(text)) {
      // A column of people's names holds names in any form: in lower case, a known given name first ("hunter farrell");
      // capitalised, no word of a sentence alone, and two words or more with a name's last word.
      const words = cell.value.split(/[ \t]+/);
      const named = words.length > 1 ? lastWordNamelike(cell.value) || words.some(knownName) : personLike(cell.value) === cell.value;
      const name = (/^\p{Ll}/u.test(cell.value) ? knownName(words[0]!) : named) ? cell.value : '';
      if (name) addPerson(cell.start + name.length, name, 0.75);
    }
    for (const pattern of text.includes('(') ? BRACKETS_AFTER_NAME : []) {
      for (const m of matches(text, pattern)) {
        const person = personBefore(text, m.index);
        if (person) addPerson(person.end, person.name, 0.8);
      }
    }
    for (const m of holds(lowerText, 'add ') ? matches(text, ADDED_CONTACT) : []) addGroupPerson(m, 0.75, false);
    for (const m of holds(text, ' added ') || holds(text, ' removed ') ? matches(text, ADDED_TO_GROUP) : []) {
      for (const group of [1, 2]) {
        const name = cuedName(m[group]!);
        if (name && (name.includes(' ') || namesAPerson(name) || COMMON_WORD_SURNAMES.has(name.toLowerCase()))) addPerson(m.indices![group]![1], name, 0.75);
      }
    }
    // Teams and bots say where they are too ("Support here,", "Dependabot here"): a name of the lists, or a whole name.
    for (const m of holds(text, ' here') ? matches(text, HERE_AGAIN) : []) addGroupPerson(m, 0.75, true);
    for (const m of /["”]/.test(text) ? matches(text, QUOTE_SPEAKER) : []) addGroupPerson(m, 0.8, false);
    // A source is quoted so too ("” - Reuters", "” - Forbes"): a whole name only.
    for (const m of /["”][ \t]*[-–—―]/.test(text) ? matches(text, QUOTE_AUTHOR) : []) if (/[ \t]/.test(m[1]!)) addGroupPerson(m, 0.75, false);
    for (const m of text.includes(',') ? matches(text, ROLE_AFTER_NAME) : []) {
      const person = personBefore(text, m.index);
      if (person) addPerson(person.end, person.name, 0.75);
    }
    for (const m of /['’]s[ \t]+\p{Lu}/u.test(text) ? matches(text, ORGANISATION_PERSON) : []) {
      const name = m[1]!;
      if (personLike(name) === name) seed(add(m.indices![1]![0], name, 0.7));
    }
    for (const m of OCCUPATION_WORD.test(text) ? matches(text, IS_OCCUPATION) : []) {
      const person = personBefore(text, m.index);
      // "Pt is a retired nurse": a clinical abbreviation.
      if (person && person.name.length >= 3) addPerson(person.end, person.name, 0.75);
    }
    for (const m of ['attn', 'attention:', 'identified as'].some((word) => holds(lowerText, word)) ? matches(text, ATTENTION_OR_IDENTIFIED) : []) addGroupPerson(m, 0.75, true);
    const chat = text.includes(':') ? [...cuedMatches(text, lines, CHAT_LINE)].filter((m) => TALKS.test(m[2]!)) : [];
    for (const m of chat.length >= 2 ? chat : []) {
      const name = personLike(m[1]!);
      if (name === m[1] && !NOT_PEOPLE.has(name.toLowerCase()) && !CHAT_ROLES.has(name.toLowerCase())) addPerson(m.index + m[0].indexOf(name) + name.length, name, 0.75);
    }
    for (const m of text.includes('I, ') ? matches(text, SELF_NAMED) : []) addGroupPerson(m, 0.8, false);
    for (const m of holds(text, ' under ') ? matches(text, BOOKED_UNDER) : []) addGroupPerson(m, 0.75, true);
    for (const m of matches(text, PERSON_TEMPER)) addGroupPerson(m, 0.75, false);
    // One pass for all their words; then the cues they open.
    const lowerWords = lowerCueWordsIn(lowerText);
    for (const { pattern, words, cased, onlyListed } of PERSON_CUES) {
      const held = cased ? words.some((word) => text.includes(word)) : words.some((word) => lowerWords.has(word));
      for (const m of held ? matches(text, pattern) : []) addGroupPerson(m, 0.8, onlyListed === true);
    }
    for (const [i, { pattern, words, nameFirst, cued }] of KNOWN_NAME_CONTEXTS.entries()) {
      // The words are where the pattern is tried (`cued`), or what the text must hold for it to be tried at all.
      const held = () => (CONTEXT_WORDS[i]?.some((word) => lowerWords.has(word)) ?? true) && words.test(text);
      for (const m of cued ? cuedMatches(text, words, pattern) : held() ? matches(text, pattern) : []) {
        const found = nameFirst ? nameBefore(text, m.index) : { name: m[1]!, end: m.indices![1]![1] };
        if (!found) continue;
        const name = found.name;
        // The published lists name towns too: one of their words counts only where no place's preposition stands before it
        // ("born in Gubin and I").
        const start = found.end - name.length;
        const listed = !writtenName(name) && (isListedGivenName(name) || isListedSurname(name));
        const place = listed && PLACE_PREPOSITION_BEFORE.test(text.slice(Math.max(0, start - 12), start));
        // "Il conto è intestato a Banca Intesa", "a nome di Poste Italiane": an account held by a bank or an agency.
        if (!nameFirst && INSTITUTION_FIRST.test(name)) continue;
        // Two words or more must read as a name ("Thanks again, Stack Overflow," thanks a site).
        if ((name.includes(' ') && personLike(name) !== '') || writtenName(name) || (listed && !place)) add(start, name, 0.7);
      }
    }
    // Given "his" or "her" something, the name is a person's, whose other mentions are too ("Kamron had given Kamron
    // Quigley his address").
    for (const m of matches(text, GIVEN_TO)) seed(add(m.index + m[0].indexOf(m[1]!, m[0].search(/[ \t]/)), m[1]!, 0.8));
    for (const m of cuedMatches(text, capitals, PAIR)) {
      const first = m[1].toLowerCase();
      const atSentenceStart = /(^|[.!?]\s+|\n)$/.test(text.slice(Math.max(0, m.index - 3), m.index));
      // Capitalised pairs are also places, companies and titles: only a following verb makes them a person.
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const introduced =
        m[0].split(/[ \t]+/).length === 2 && OF_ORGANISATION.test(after) && !ARTICLE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index));
      // A possessive of what a person has counts as a person's verb does ("here's Layla Howe's address"; "Reed
      // Elsevier's shares" is a company's). The pattern takes the "'s" in.
      const possessive = /['’]s$/.test(m[0]) && PERSONAL_THING_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
      const lead = /^\S+[ \t]+/.exec(m[0])![0];
      // A common surname last, mid-sentence and followed as a person is: "Why is Antigone Sanchez so impulsive?"; not a
      // brand's before its model ("Sig Sauer P320"), nor an imperative and an eponym ("Use Thompson sampling").
      const nextAfterPair = NEXT_WORD.exec(after)?.[1];
      // A surname of the census's list or by its ending counts after a word that is no sentence's ("Cettina Fanucci").
      const lastWord = m[0].slice(m[0].search(/\S+$/)).replace(/['’]s$/, '');
      const followedAsPerson = !/^[ \t]+[\p{Lu}\d]/u.test(after) && (!nextAfterPair || followsMention(nextAfterPair));
      const listedSurnameAfter = (word: string) => isListedSurname(lastWord) && !sentenceWord(word);
      const surname = !atSentenceStart && followedAsPerson && (SURNAMES.has(lastWord.toLowerCase()) || listedSurnameAfter(lead.trim()));
      const verb = PERSON_VERB.test(after) || PERSON_DEED.test(after) || possessive || introduced || surname;
      const rest = m[0].slice(lead.length);
      if (isGivenName(first)) seed(add(m.index, m[0], 0.85));
      // "Did Arjun Merhotra", "Meet Anna Berg": a sentence's word before a given name and its surname.
      else if (NOT_NAMES.has(first) && rest.includes(' ') && isGivenName(rest.split(/[ \t]/, 1)[0]!)) seed(add(m.index + lead.length, rest, 0.85));
      // A name of the published lists before a capitalised word: a person, with weaker evidence than the written list's
      // (a street's suffix after a house number still objects: "257 Terrence Lodge").
      // A greeting that is a name too ("Cara Ludovica,") is the greeting's.
      // Its last word must be no English one, or a known surname: "Pandora Radio", "Tate Modern" are things.
      else if (isListedGivenName(first) && !GREETINGS.includes(first) && isNameish(m[0]) && !ROMANCE_PARTICLE.test(m[0]) && surnameAfterListedGiven(m[0], atSentenceStart, followedAsPerson)) {
        seed(add(m.index, m[0], 0.75));
      }
      // "If Nikolas Hirthe calls", "Without Hassie Grant": a sentence's word before a listed given name and a surname.
      else if (
        sentenceWord(lead.trim()) && !PLACE_ARTICLE.test(lead.trim()) && !COUNTRIES_IN_ANY_LANGUAGE.has(rest.toLowerCase()) && /^\S+[ \t]+\S+$/.test(rest) && isListedGivenName(rest.split(/[ \t]/, 1)[0]!) && isNameish(rest) && !ROMANCE_PARTICLE.test(rest) &&
        surnameAfterListedGiven(rest, false, followedAsPerson)
      ) {
        seed(add(m.index + lead.length, rest, 0.75));
      }
      // "Is Theron Greenholt still the manager?": a question's verb where the sentence starts, then two words that are no
      // sentence's.
      else if (atSentenceStart && QUESTION_WORD.test(lead.trim()) && /^\S+[ \t]+\S+$/.test(rest) && rest.split(/[ \t]+/).every((word) => !sentenceWord(word)) && isNameish(rest) && followedAsPerson) {
        add(m.index + lead.length, rest, 0.65);
      }
      // "Then Impi Guðmundsdóttir arrived", "I invited Wacława Adamska too": a sentence's word before such a pair.
      else if (sentenceWord(lead.trim()) && /^\S+[ \t]+\S+$/.test(rest) && followedAsPerson && listedSurnameAfter(rest.split(/[ \t]/, 1)[0]!) && isNameish(rest)) {
        add(m.index + lead.length, rest, 0.65);
      }
      // A Romance particle after an unknown word is a place's or a label's as often ("Rio de Janeiro is"), and so are
      // hyphens a title's ("Elliptic Curve Diffie-Hellman", "Red-Black Search Trees") without a person's verb.
      else if (isNameish(m[0]) && !INNER_CAPITAL_FIRST.test(m[0]) && !ROMANCE_PARTICLE.test(m[0]) && (verb || !m[0].includes('-'))) {
        // A sentence's first word before an owner is the sentence's ("Find Kuypers's address"; "Dawn French wrote" is one name).
        const leading = atSentenceStart && possessive && sentenceWord(lead.trim());
        // Two words of the sentence are a feature's or a heading's name whatever verb follows ("Focus Mode has been moved").
        const sentenceWords = sentenceWord(lead.trim()) && !lastWordNamelike(m[0]) && !COMMON_WORD_SURNAMES.has(lastWord.toLowerCase());
        // Unknown words after "in", "en", "w" are a town's ("staying in Gorzów Wielkopolski"), unless something is theirs
        // ("in Don McLean's song").
        const placed = !/['’]s$/.test(m[0]) && PLACE_ONLY_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index));
        if (leading) add(m.index + lead.length, rest, 0.65);
        else add(m.index, m[0], verb && !sentenceWords && !placed ? 0.65 : atSentenceStart ? 0.4 : 0.45);
      }
    }
    for (const m of INITIAL.test(text) ? cuedMatches(text, capitals, WITH_INITIAL) : []) {
      // "Submit A Request", "Tracer A Tracer", "Lessons I Learned": "A" or "I" without a period is the article or the
      // pronoun, unless a given name comes first or a person's verb follows ("Juliusz A Kwiatkowski lives at").
      const words = m[0].split(/[ \t]+/);
      const end = m.index + m[0].length;
      const article = words[1] === 'A' || words[1] === 'I';
      if (article && !isGivenName(words[0]!) && !PERSON_VERB.test(text.slice(end, end + 12))) continue;
      seed(add(m.index, m[0], 0.85));
    }
    for (const m of matches(text, WORK_OF)) {
      // Two words are a given name and a surname ("the Harper Lee novel"), not a title ("the Star Wars film").
      // One word only before a noun that takes a person's name ("the Dickens novel"), not a product's or a model
      // family's ("the Rust book", "the Llama family", "the Christmas album").
      const words = m[1]!.split(/[ \t]+/);
      const known = isGivenName(words[0]!);
      if (words.length === 1 ? PERSONAL_WORK.test(m[0]) : known) add(m.index + m[0].indexOf(m[1]!, 3), m[1]!, 0.65, true);
    }
    for (const m of text.includes('@') ? matches(text, MAILBOX_IN_BRACKETS) : []) {
      // A team's or a company's mailbox is none of a person's ("Vercel <notifications@vercel.com>", "Infra (infra@…)").
      const before = nameBefore(text, m.index);
      const mailbox = m[1] ?? m[2]!;
      // Judged by the whole name shown ("Hosted Weblate"), not only by what of it is a person's.
      if (!before || ORGANISATION_MAILBOX.test(mailbox) || mailboxNamesOrganisation(before.name, mailbox)) continue;
      const name = personLike(before.name);
      if (name) addPerson(before.end, name, 0.75);
    }
    for (const m of PEOPLE_ACT.test(text) ? cuedMatches(text, capitals, DOES_WHAT_PEOPLE_DO) : []) {
      if (personLike(m[1]!) && !placeOrCountry(m[1]!)) addPerson(m.index + m[1]!.length, m[1]!, 0.7);
    }
    for (const m of OWNED_THING.test(text) ? matches(text, OWNS_PERSONAL_THING) : []) {
      const word = m[1]!;
      // The published lists' names are products' as often ("Django's birthday"): only the written lists' count as known,
      // but for a home, a phone's number or a family, which products have not ("we're at Renner's place", "Adi's number").
      // A family of products is none ("Porsche's family of SUVs").
      const listed = (isListedGivenName(word) || isListedSurname(word)) && LISTED_OWNERS_THINGS.test(m[2]!) && !/^[ \t]+of(?![\p{L}])/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 4));
      const known = writtenName(word) || listed;
      // An unknown word's address or number counts when it is given right after ("here's Kuypers's address:\n\n613 …").
      const end = m.index + m[0].length;
      const given =
        (/address|number/.test(m[2]!) && /^[ \t]*(?::|is)[ \t\r\n]*[^\n]{0,40}\d/.test(text.slice(end, end + 80))) ||
        (/house|flat|apartment/.test(m[2]!) && /^[ \t]+(?:at|on|in)[ \t]+\d/.test(text.slice(end, end + 12)));
      if (known || ((SPOUSE_OR_CHILD.test(m[2]!) || given) && !sentenceWord(word))) addPerson(m.index + word.length, word, 0.75);
    }
    for (const m of cuedMatches(text, lines, ONE_WORD_LINE)) {
      // One word under a sign-off signs the letter ("Best,\nCsonka"), and one opening a block above a contact card
      // heads it ("Horacy\n\nPani\n\nPersonal Info:\nPhone: …"): a name, or a word that is no English one.
      const word = m[1]!;
      const line = previousLine(text, m.index);
      // A sign-off's words, not any line ending in a comma: an enum's or a list's items end so too ("Ollama,\nMistral").
      const signed = SIGN_OFF.test(line);
      // A card's head opens the text, and needs a person's card below, a phone's or an email's label: config, host
      // lists and a document's sections hold lines a card's look like ("Traefik\n\nentryPoints:\n  address: …",
      // "Grafana\n192.168.1.20", "Vendors\n\nAtlassian\n\nEmail: …").
      const heads =
        /^[\s>]*$/.test(text.slice(0, m.index)) &&
        PERSON_CARD_LABEL.test(text.slice(m.index + m[0].length, m.index + m[0].length + 400)) &&
        cardFollows(text, m.index + m[0].length + 1, 8);
      if (!signed && !heads && !LABEL_LINE_BEFORE_NAME.test(line)) continue;
      if (personLike(word)) add(m.index + m[0].indexOf(word), word, signed ? 0.8 : 0.7);
    }
    for (const m of cuedMatches(text, lines, NAME_LINE)) {
      const known = isGivenName(m[1].split(/[ \t]/, 1)[0]!);
      const line = previousLine(text, m.index);
      const signed = SIGN_OFF.test(line) || COMMA_SIGN_OFF.test(line) || LABEL_LINE_BEFORE_NAME.test(line);
      if (known || signed || cardFollows(text, m.index + m[0].length + 1, 8)) add(m.index + m[0].indexOf(m[1]), m[1], 0.7);
    }
    for (const m of /\d[ \t]*\r?$/m.test(text) ? cuedMatches(text, lines, CONTACT_LINE) : []) {
      const name = personLike(m[1]!);
      const digits = m[0].slice(m[0].indexOf(name) + name.length).replace(/\D/g, '').length;
      if (name === m[1] && digits >= 7 && !placeOrCountry(name) && !MEASURE_NAMES.test(name) && !NUMBER_LABEL.test(name) && !OTHER_NUMBER_BEFORE.test(`${name}:`)) add(m.index + m[0].indexOf(name), name, 0.7);
    }
    for (const m of cuedMatches(text, lines, BULLETED_NAME_LINE)) {
      if (cardFollows(text, m.index + m[0].length + 1, 3)) add(m.index + m[0].indexOf(m[1]), m[1], 0.7);
    }
    for (const m of cuedMatches(text, lines, LOWER_NAME_LINE)) {
      const words = m[1].split(/[ \t]+/);
      // Under a sign-off, a name of the lists signs the letter ("Best,\nmaccabeo scaglione").
      if (SIGN_OFF.test(previousLine(text, m.index))) {
        const listed = knownName(words[0]!) || listedName(words.at(-1)!);
        if (listed && lowerCaseName(m[1], true) === m[1]) add(m.index + m[0].indexOf(m[1]), m[1], 0.6);
        continue;
      }
      if (CARD_HEADING_WORD.test(m[1]) || !OPENS_BLOCK.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (!cardFollows(text, m.index + m[0].length + 1, 8)) continue;
      const sign =
        GIVEN_NAMES.has(words[0]!) || words.some((w) => /^\p{L}\.?$/u.test(w)) || CARD_FIELD_LABEL.test(text.slice(m.index + m[0].length, m.index + m[0].length + 400));
      // Every word name-like: "best regards", "call me" and "thanks again" are not names.
      if (sign && lowerCaseName(m[1], true) === m[1]) add(m.index + m[0].indexOf(m[1]), m[1], 0.6);
    }
    for (const m of cuedMatches(text, LOWER_NAME_CUE, LOWER_NAME_AFTER_CUE)) {
      const typed = m.groups!.name!;
      const words = typed.split(/[ \t]+/);
      // The name ends at the sentence's first word that no list holds as a name ("redmond bubeníková et j'ai"); before a
      // strong cue's closing punctuation, at its first function word ("the driver (kristian berg)").
      // strong cue's closing bracket, at its first function word ("the driver (kristian berg)"). A third word must be listed
      // ("Pan olof jonsson mieszka przy").
      const closed = m.groups!.role !== undefined && m.groups!.end !== undefined;
      const ends = (word: string, at: number) =>
        FOREIGN_AND_SET.has(word) ||
        LINKING_WORDS.has(word) ||
        FOLLOWING_WORDS.has(word) ||
        DETERMINERS.has(word) ||
        (!listedName(word) && ((!closed && sentenceWord(word)) || at >= 2));
      let count = 0;
      while (count < words.length && !ends(words[count]!, count)) count++;
      const name = words.slice(0, count).join(' ');
      if (count === 0 || !typed.startsWith(name)) continue;
      const known = listedName(words[0]!) || isListedSurname(words[count - 1]!);
      // After a greeting the whole of what stands before its punctuation, with a listed word: "hi team lead," is none.
      if (m.groups!.greeting !== undefined) {
        if (count < words.length || m.groups!.end === undefined || !known || (count === 1 && (WORDLIKE_NAMES.has(name) || !listedName(name)))) continue;
      } else if (count === 1 ? !listedName(name) || WORDLIKE_NAMES.has(name) : !known && (count < 2 || m.groups!.role !== undefined)) continue;
      add(m.index + m[0].indexOf(typed, m[0].length - typed.length - (m.groups!.end?.length ?? 0)), name, 0.6);
    }
    for (const m of text.includes('@') ? matches(text, LOWER_NAME_BEFORE_MAILBOX) : []) {
      const name = withoutLeadingWordsBeforeMailbox(m[1]!);
      const words = name.split(/[ \t]+/);
      if (lowerCaseName(name, true) === name && (isGivenName(words[0]!) || knownName(words[0]!) || SURNAMES.has(words.at(-1)!))) add(m.index + m[1]!.length - name.length, name, 0.6);
    }
    for (const m of matches(text, LOWER_AFTER_TRIGGER)) {
      const first = m[2].split(/\s+/)[0].toLowerCase();
      const name = lowerCaseName(m[2], false);
      if (!name || (WEAK_LOWER_TRIGGER.test(m[1]) && !GIVEN_NAMES.has(first))) continue;
      // After a form's label or a relative's name a field's words stand as often ("Last name: required", "the child's
      // name is missing"): two words at least, with a known given name first or a known surname last.
      const words = name.split(/\s+/);
      if (FORM_LOWER_TRIGGER.test(m[1]) && (words.length < 2 || !(GIVEN_NAMES.has(words[0]!) || SURNAMES.has(words[words.length - 1]!)))) continue;
      // "the name is known", "the name is returned": a participle, not a name ("my name is shawn" is one).
      if (/^the /i.test(m[1]) && /^\p{L}{3,}(?:ed|wn)$/u.test(first) && !GIVEN_NAMES.has(first)) continue;
      // After "named him" or "follow up with", a word of English is what was named or who ("named her cat", "follow up with them").
      // (Written with capitals, the phrase's other rules judge it: "Follow up with GP", "follow up with VikingNetværk".)
      if (/^(?:named|follow)/i.test(m[1]) && (!/^\p{Ll}/u.test(m[2]) || ENGLISH_WORDS.has(first) || DETERMINERS.has(first) || /^(?:them|him|her|us|me|you|it)$/.test(first)) && !GIVEN_NAMES.has(first)) continue;
      // "call me urgently on …": an adverb, not a name.
      if (/ly$/.test(first) && ENGLISH_WORDS.has(first) && !GIVEN_NAMES.has(first)) continue;
      add(m.index + m[0].length - m[2].length, name, 0.7);
    }
    // A name of the published lists (given names, the census's surnames) alone is a person where only a person stands:
    // after a word that addresses or introduces one ("Tell Leora", "seconded by Valentino", "went to Liza") or before a
    // person's act ("Liza asked me", "Valentino said"; a surname before a verb in the past too: "Kristensen resigned").
    // Products, places and myths bear these names as often ("replaced Athena with Trino", "Loki crashed", "Winston is
    // the logging library"), so neither a function word nor "is" after it is enough, and a word the text also writes in
    // lower case or as code ("grafana/loki") is a thing's.
    // Each word's lower-case search reads the whole text: asked once per word ("Ab and he " over 200 KB took 2.4 s).
    const lowerCase = new Map<string, boolean>();
    const lowerCaseWritten = (lower: string) => {
      let written = lowerCase.get(lower);
      if (written === undefined) lowerCase.set(lower, (written = writtenInLowerCase(text, lower)));
      return written;
    };
    const addListedName = (start: number, word: string, surname: boolean) => {
      const end = start + word.length;
      const before = text.slice(Math.max(0, start - 30), start);
      // The lists hold towns' names too: not after a place's preposition, nor before a hyphen or a slash ("Florence-2",
      // "Berkeley/Facebook"); nor after a capitalised word, unless that word addresses the person ("Tell Leora").
      const introduced = ADDRESSES_PERSON.test(before) || QUESTION_BEFORE.test(before);
      // A place's preposition ends a phrase that addresses a person too ("ran into Vivienne", "heard from Liana").
      // "Lyme disease", "Crohn's disease": an illness named after a town or a doctor.
      if (/^(?:['’]s)?[ \t]+(?:disease|syndrome|palsy)(?![\p{L}])/u.test(text.slice(end, end + 14))) return;
      if (articleBefore(before) || THING_CALLED.test(before) || (!introduced && (PLACE_PREPOSITION_BEFORE.test(before) || /\p{Lu}[\p{L}.]*[ \t]+$/u.test(before)))) return;
      if (/^(?:[ \t]+\p{Lu}|[-/'’])/u.test(text.slice(end, end + 3))) return;
      const actsAfter =
        ACTS_AFTER.test(text.slice(end, end + 24)) || (surname && pastAct(text.slice(end, end + 24))) || pastActOnPerson(text.slice(end, end + 40)) || PRONOUN_AFTER.test(text.slice(end, end + 60));
      if (!introduced && !actsAfter) return;
      if (lowerCaseWritten(word.toLowerCase())) return;
      add(start, word, 0.6);
    };
    for (const m of cuedMatches(text, capitals, SINGLE)) {
      // Joined by a hyphen, both words are given names ("Jean-Pierre"), or the word is a compound ("Max-Width",
      // "Walter-Nernst-Straße") and a surname after it makes a pair, found as such.
      if (!isGivenName(m[1])) {
        if (isListedGivenName(m[1])) addListedName(m.index, m[1], false);
        else if (isListedSurname(m[1])) addListedName(m.index, m[1], true);
        continue;
      }
      // "the Adam optimizer", "a Kelly criterion", "an Adam optimizer": after an English article and before a
      // noun, a name names a thing. "I met a Carmen at…" is a person, and so are Spanish, Italian, Portuguese
      // "a" and German "an" before a name ("Llama a Carmen mañana", "Schick es an Emma weiter").
      const article = ARTICLE_BEFORE_NAME.exec(text.slice(Math.max(0, m.index - 5), m.index))?.[1]?.toLowerCase();
      if (article === 'the') continue;
      const end = m.index + m[1].length;
      // "Julia vs Python", "Bruno or Insomnia", "Hugo vs Jekyll": weighed against a thing, the name is a thing's.
      if (comparedWithThing(text, m.index, end)) continue;
      const previous = text[m.index - 1];
      // "Saint Helena", "Fort Collins"; "Jan 26", "9 May"; a table's column ("Avg   Stdev   Max").
      if ((previous === ' ' || previous === '_') && placeWordBefore(text.slice(Math.max(0, m.index - 16), m.index))) continue;
      if (MONTHS.test(m[1]) && (DAY_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index)) || DAY_AFTER.test(text.slice(end, end + 7)))) continue;
      // At a sentence's start, "Max safe length", "Mark global groups", "Per the spec" use the word, not the name
      // ("Kevin the printer is broken" addresses Kevin).
      // "Histogram Max Size", "Max: 100": a word that is a name too, inside a title, or a measure as a value's label, is
      // the word ("Max: can you review?" is a chat's speaker, "Mark: +44 20 …" a contact).
      // Inside a title: capitalised words before and after ("Histogram Max Size"; "Call Julia ASAP", "told Frank I" are not).
      const title = /^[ \t]\p{Lu}\p{Ll}/u.test(text.slice(end, end + 3)) && TITLE_WORD_BEFORE.test(text.slice(Math.max(0, m.index - 30), m.index));
      const label = MEASURE_NAMES.test(m[1]) && /^:[ \t]*[\d"'+]/.test(text.slice(end, end + 4));
      if (WORDLIKE_NAMES.has(m[1].toLowerCase()) && (title || label)) continue;
      if (brandPossessive(text, m.index, end) || placeJoined(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (WORDLIKE_NAMES.has(m[1].toLowerCase()) && SENTENCE_START.test(text.slice(Math.max(0, m.index - 4), m.index))) {
        const nextWord = NEXT_WORD.exec(text.slice(end, end + 30))?.[1];
        if (nextWord && (ARTICLE_NEXT.test(nextWord) || !verbLike(nextWord))) continue;
      }
      if (previous === '\t' || (previous === ' ' && /[ \t]/.test(text[m.index - 2] ?? ''))) continue;
      if (text[end] === '\t' || (text[end] === ' ' && /[ \t]/.test(text[end + 1] ?? '') && /\S/.test(text[end + 2] ?? ''))) continue;
      if (article) {
        const nounAfter = NOUN_AFTER.exec(text.slice(end, end + 30))?.[1];
        const foreign = FOREIGN_NEAR.test(text.slice(Math.max(0, m.index - 40), end + 40));
        if (nounAfter && !FUNCTION_WORDS.has(nounAfter) && !foreign) continue;
      }
      // Followed by a capitalised word, the given name comes first and the pair is found as such.
      const followed = /^[ \t]+\p{Lu}/u.test(text.slice(m.index + m[1].length, m.index + m[1].length + 3));
      const before = followed ? null : WORD_BEFORE.exec(text.slice(Math.max(0, m.index - 30), m.index));
      const surname = before && SURNAMES_FIRST.has(before[1]!.toLowerCase()) ? before[1]! : '';
      // "Ma Giulia", "Du Anna": a surname that is also a word ("ma", "du") leaves the given name alone.
      if (!surname || !add(m.index - before![0].length, `${surname}${before![0].slice(surname.length)}${m[1]}`, 0.7)) add(m.index, m[1], 0.7);
    }
    for (const m of matches(text, LOWER_NAME_PAIR)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      // "the max value", "a frank discussion": an article before it makes it a word; "san diego", "in charlotte" a place.
      if (articleBefore(before) || PLACE_BEFORE.test(before)) continue;
      const name = lowerCaseName(m[0], true);
      if (!name || (WORDLIKE_NAMES.has(name.split(' ', 1)[0]!) && !INTRODUCES_PERSON.test(before))) continue;
      // In another language's sentence a given name is a word as often ("alle otto davanti al Duomo"): a long word after
      // it must be a surname ("wer ist kevin liu" keeps its short one).
      const second = name.split(' ')[1];
      if (second && second.length >= 5 && !SURNAMES.has(second) && !isListedSurname(second) && FOREIGN_NEAR.test(text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40))) continue;
      add(m.index, name, 0.6);
    }
    for (const m of lowerCasePairs(text)) {
      // "thanks to mirka radmanović", "is eugenia witkowski coming": a given name of the published lists and a surname
      // (of the census, by its ending, or the written list), both in lower case; neither is a word of English.
      const { given, surname } = m;
      if (GIVEN_NAMES.has(given) || /['’]/.test(given)) continue;
      const listedSurname = SURNAMES.has(surname) || isListedSurname(surname) || surnameByEnding(surname[0]!.toUpperCase() + surname.slice(1));
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      // One of the two listed and the other no English word ("johannes prinsen", "kalervo aaltonen") only where a person
      // is introduced or acts: other languages' words are no English ones either ("alten haus", "deve essere").
      const both = isListedGivenName(given) && listedSurname;
      const one = (isListedGivenName(given) && !ENGLISH_WORDS.has(surname)) || (listedSurname && !ENGLISH_WORDS.has(given));
      const end = m.index + given.length + m.gap.length + surname.length;
      const wider = text.slice(Math.max(0, m.index - 24), m.index);
      const introduced =
        (INTRODUCES_PERSON.test(before) && !JOURNEY_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index).replace(/to[ \t]+$/, ''))) || LOWER_PERSON_BEFORE.test(wider);
      if (!both && !(one && (introduced || LOWER_PERSON_AFTER.test(text.slice(end, end + 16)) || PRONOUN_AFTER.test(text.slice(end, end + 60))))) continue;
      // Not amid another language's words, which the lists hold as names ("il pacco verrà consegnato").
      if (articleBefore(before) || PLACE_BEFORE.test(before) || FOREIGN_NEAR.test(text.slice(Math.max(0, m.index - 40), m.index + 60))) continue;
      add(m.index, `${given}${m.gap}${surname}`, 0.6);
    }
    for (const m of text.startsWith('van ') || holds(text, ' van ') ? matches(text, PARTICLE_SURNAME) : []) {
      // After a capitalised word the particle is inside a whole name ("Roos van der Linden"), found as such.
      // Nor beside other names joined by a comma, a dash or "and": a Dutch firm's partners ("Molenaar, van der Meer and de
      // Ruiter", "Peeters - van der Wal"); nor before a capitalised word (a street's or a whole name's: "van Houten Avenue").
      const end = m.index + m[0].length;
      const before = text.slice(Math.max(0, m.index - 20), m.index);
      if (/\p{Lu}[\p{L}.]*[ \t]+$/u.test(before) || PLACE_PREPOSITION_BEFORE.test(before) || EPONYM_AFTER_PARTICLE.test(m[1]!) || DUTCH_STREET_END.test(m[1]!)) continue;
      // Dutch "van" alone is "of" and "from" as often ("het museum van Amsterdam", "de cursus van Coursera"), and "van het"
      // is "of the" before a neuter noun ("de ingang van het Rijksmuseum", "een brief van het Kadaster"): those only after a
      // word that introduces a person, and never a place or a country.
      if (placeOrCountry(m[1]!, true) || (!/^van[ \t]+(?:der|den|de)[ \t]/.test(m[0]) && !INTRODUCES_PERSON.test(before))) continue;
      if (/(?:[,–-]|\p{L}[ \t]+(?:and|en|&))[ \t]*$/u.test(text.slice(Math.max(0, m.index - 8), m.index)) || /^(?:[ \t]*[,–-]|[ \t]+(?:and|en|&)[ \t])|^[ \t]+\p{Lu}/u.test(text.slice(end, end + 8))) continue;
      add(m.index, m[0], 0.7);
    }
    for (const m of text.includes(':') ? matches(text, NAME_THEN_ADDRESS) : []) {
      // A label's name, then the house's number and a street's word: the person a parcel or a letter is for or from.
      // Firms send parcels and have return addresses too ("Sender: Zalando, Postbus 12"): one word only a name of the lists.
      if (!FIRM_WORD.test(m[1]!)) addGroupPerson(m, 0.75, true);
    }
    for (const m of matches(text, LIVES_AT)) {
      if (!NOT_NAMES.has(m[1]!.toLowerCase())) add(m.index + m[0].indexOf(m[1]!), m[1]!, 0.7);
    }
    for (const m of cuedMatches(text, ATTENDEE_WORD, ATTENDEES)) {
      let at = m.index + m[0].length;
      for (let n = 0; n < MAX_LISTED; n++) {
        const item = stickyMatch(ATTENDEE, text, at);
        if (!item) break;
        const name = personLike(item[1]!);
        if (name) addPerson(at + item[1]!.length, name, 0.75);
        if (item[0].length === item[1]!.length) break;
        at += item[0].length;
      }
    }
    addListNeighbours(text, out, (start, value) => add(start, value, 0.6));
    // Capitalised words no rule took, judged by the words around them; consecutive ones make one name.
    if (holdsCapital(text)) {
      // The rules' findings, searched by position (a scan per word made 800 KB of capitalised words take seconds); the
      // model's own findings come in order, after all of them.
      // A guess the rules keep below the threshold ("Inja Vlašić" after "add", "Without Wyatt") leaves its words to the
      // model, which may raise it.
      const confident = out.filter((f) => f.confidence >= DEFAULT_MIN_CONFIDENCE);
      const coveredByRules = coverage(out);
      const coveredByConfidentRules = coverage(confident);
      let modelEnd = -1;
      const taken = (start: number, end: number) => start < modelEnd || coveredByConfidentRules(start, end);
      // A word of a name found is a mention, which `addMentions` judges ("Peter Kafka wrote it. Kafka handles the log.").
      const foundWords = new Set(confident.flatMap((f) => f.value.split(/[ \t]+/)));
      const thingOrPlaceBefore = (start: number) => {
        const before = text.slice(Math.max(0, start - 48), start);
        const preposition = TO_FOR_BY_BEFORE.exec(before);
        return preposition !== null && thingOrPlaceAfter(preposition[1]!.toLowerCase(), before.slice(0, preposition.index));
      };
      // The second word of a thing's name, unless the first is a found name's ("Samuel D. Altamirano Olmos").
      const thingsFirstWord = (start: number) => {
        const first = properNounBefore(text, start);
        return first >= 0 && !coveredByRules(first, first + 1);
      };
      const placeOrThingBefore = (start: number) =>
        thingOrPlaceBefore(start) || placeWordBefore(text.slice(Math.max(0, start - 16), start)) || placeJoined(text.slice(Math.max(0, start - 40), start));
      // After a value and a tab or three blanks or more, a word before ":" is a form's next label ("Johan\tDept: Finance");
      // after a label's own colon it is the value ("Speaker 2:  Okafor: thanks").
      const nextLabel = (word: Token) => text[word.end] === ':' && /[^\s:](?:\t| {3,})$/.test(text.slice(Math.max(0, word.start - 4), word.start));
      // A word the text also writes in lower case or as code is a thing's ("a new `Redis` instance … redis://").
      const judged = (word: Token) =>
        inProse(text, word.start, word.end) &&
        !CLOSING_NOUN_AFTER.test(text.slice(word.end, word.end + 12)) &&
        !nextLabel(word) &&
        !taken(word.start, word.end) &&
        !foundWords.has(word.text) &&
        !lowerCaseWritten(word.text.toLowerCase()) &&
        !comparedWithThing(text, word.start, word.end) &&
        !placeOrThingBefore(word.start) &&
        !thingsFirstWord(word.start) &&
        personProbability(contextFeatures(text, word, WORD_FACTS)) >= CONTEXT_MODEL_THRESHOLD;
      // Its words together may name a place ("Unlike Costa Rica, Panama…").
      // Inside a guess, the model's name raises the whole guess when the model does not doubt its other words either
      // ("Agenore Giglio paid…", not "Deutsche Bahn cancelled…" nor "Porto Alegre"), so no part of the name stays in
      // clear; after a sentence's word or a greeting ("Without Wyatt,", "Cara Ludovica,"), the name stands alone.
      const addJudged = (judgedName: Token) => {
        const greeting = /^(\S+)[ \t]+/.exec(judgedName.text);
        const name = greeting && GREETINGS.includes(greeting[1]!.toLowerCase()) ? { ...judgedName, text: judgedName.text.slice(greeting[0].length), start: judgedName.start + greeting[0].length } : judgedName;
        if (placeOrCountry(name.text, true) || GREETINGS.includes(name.text.toLowerCase())) return;
        const guess = guessAround(name);
        const lead = guess?.value.split(/[ \t]+/, 1)[0];
        const leadingSentenceWord = lead !== undefined && guess!.start < name.start && (sentenceWord(lead) || GREETINGS.includes(lead.toLowerCase()));
        // Not an imperative and an eponym ("Use Thompson sampling"): a person's next word, or none; and a name the lists
        // know ("Without Wyatt,"; not "Without Figma,").
        const nextWord = NEXT_WORD.exec(text.slice(name.end, name.end + 30))?.[1];
        if (leadingSentenceWord && ((nextWord !== undefined && !followsMention(nextWord)) || !name.text.split(/[ \t]+/).some((word) => knownName(word) || isListedSurname(word)))) return;
        // A sentence's first word in another language, before its own words ("Posso passare in ambulatorio?", "Passe
        // récupérer tes affaires", "Quero algo simpático"): a verb or an adverb capitalised, not a name the lists know.
        if (
          !name.text.includes(' ') &&
          /(?:^|[.!?\n][ \t"'«„“]*)$/.test(text.slice(Math.max(0, name.start - 4), name.start)) &&
          nextWord !== undefined &&
          /^\p{Ll}/u.test(nextWord) &&
          !knownName(name.text) &&
          FOREIGN_NEAR.test(text.slice(name.end, name.end + 60))
        )
          return;
        if (guess && !leadingSentenceWord) {
          if (!capitalisedName(guess.value) || placeOrThingBefore(guess.start) || !wordsUndoubted(guess)) return;
          guess.confidence = CONTEXT_MODEL_CONFIDENCE;
          modelEnd = Math.max(name.end, guess.end);
        } else if (add(name.start, name.text, CONTEXT_MODEL_CONFIDENCE)) modelEnd = name.end;
      };
      // The rules' guesses in order, and the one that holds a name found by the model, searched by position: a scan of
      // every finding for each name made 1 MB of names take seconds.
      const guesses = byStart(out.filter((f) => f.confidence < DEFAULT_MIN_CONFIDENCE));
      const reach = furthestReaching(guesses);
      const guessAround = (name: Token) => {
        const at = firstFrom(guesses, name.start, true);
        return at > 0 && reach[at - 1]!.end >= name.end ? reach[at - 1] : undefined;
      };
      // Not `candidateWords`, whose walk over the text this runs inside of.
      const wordsUndoubted = (guess: Finding) => {
        for (const word of guess.value.matchAll(GUESS_WORD)) {
          const start = guess.start + word.index;
          const token = { text: word[0], start, end: start + word[0].length };
          if (!sentenceWord(word[0]) && personProbability(contextFeatures(text, token, WORD_FACTS)) < MODEL_DOUBT) return false;
        }
        return true;
      };
      let name: Token | undefined;
      for (const word of candidateWords(text, WORD_FACTS, capitals)) {
        if (name && /^[ \t]$/.test(text.slice(name.end, word.start)) && inProse(text, word.start, word.end) && !taken(word.start, word.end)) {
          name = { text: text.slice(name.start, word.end), start: name.start, end: word.end };
          continue;
        }
        if (name) addJudged(name);
        name = judged(word) ? word : undefined;
      }
      if (name) addJudged(name);
    }
    addMentions(text, seeds, out, (start, value, alone) => {
      // A surname or a given name alone: as the person, not as a thing named after them ("the Myers algorithm", "a
      // Request instance", "Parsing Examples", "Kafka handles").
      if (!alone) return add(start, value, 0.6);
      const end = start + value.length;
      const nextWord = NEXT_WORD.exec(text.slice(end, end + 30))?.[1];
      if (ARTICLE_BEFORE_NAME.test(text.slice(Math.max(0, start - 5), start)) || /^[ \t]+\p{Lu}/u.test(text.slice(end, end + 3))) return false;
      return (!nextWord || followsMention(nextWord)) && add(start, value, 0.6);
    });
    raiseWholeNames(out);
    if (!/\bwork/.test(text)) return out;
    const firms = [...matches(text, WORK_FOR_PARTNERS)]
      // Given names joined by "and" are people ("I work for Anna and Tom", "for Sarah, Mike and Jen"), and so is a given name
      // that a verb follows ("I work at Microsoft and Sarah works at Amazon"); other names, or another language's "and", a firm.
      .filter((m) => {
        if (!/[ \t](?:and|&)[ \t]/.test(m[0])) return true;
        const words = m[0].match(/\p{Lu}[\p{L}'’-]+/gu)!;
        if (words.every((word) => isGivenName(word))) return false;
        return !(isGivenName(words[words.length - 1]!) && CLAUSE_GOES_ON.test(text.slice(m.index + m[0].length, m.index + m[0].length + 20)));
      })
      .map((m) => [m.index + m[0].search(/\p{Lu}/u), m.index + m[0].length] as const);
    return firms.length === 0 ? out : out.filter((f) => !firms.some(([start, end]) => f.start >= start && f.end <= end));
  },
};

/**
 * A name found whole with weaker evidence ("C. Lawrence Zitnick" as a list's item, 0.6) is as sure as a given name
 * found inside it ("Lawrence", 0.7); otherwise the part would win and leave the rest of the name in clear. Not a mere
 * guess below the default threshold ("Give Oyelaran", "Hola Ximena": a capitalised pair at a sentence's start), nor
 * words in lower case after the name ("I am Kevin a developer"). Names are short, so the findings still open at each
 * start are few.
 */
const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`);
function capitalisedName(value: string): boolean {
  return value.split(/[ \t]+/).every((word) => /^\p{Lu}/u.test(word) || PARTICLE_WORD.test(word));
}
function raiseWholeNames(found: Finding[]): void {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const open: Finding[] = [];
  for (const f of sorted) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.end <= f.start) open.splice(i, 1);
    for (const whole of open) {
      // Not a sentence's word and the name after it ("Find Kuypers" around "Kuypers").
      const raise = whole.end >= f.end && whole.confidence >= DEFAULT_MIN_CONFIDENCE && whole.confidence < f.confidence && capitalisedName(whole.value);
      if (raise && !(whole.start < f.start && sentenceWord(whole.value.split(/[ \t]+/, 1)[0]!))) whole.confidence = f.confidence;
    }
    open.push(f);
  }
}

/**
 * The items listed beside confident names ("Priya Raman, Tomás Ortega and Li Wei"), each checked like any
 * candidate, when the list is an enumeration ("and" or "&" between two of its items) or follows a label
 * that lists people ("Attendees:"). A name and a comma before something else are often a name and its
 * organisation ("Dr. Anna Berg, Wells Fargo"), which neither shape has.
 */
function addListNeighbours(text: string, found: Finding[], add: (start: number, value: string) => void): void {
  // A weak candidate there already (a capitalised pair, 0.45) is raised by being listed beside a name.
  const known = new Set(found.filter((f) => f.confidence >= 0.6).map((f) => f.start));
  const visited = new Set<number>();
  // Seeds are names found with strong evidence (a title, a phrase, a known given name with a surname), not weak pairs.
  for (const seed of found.filter((f) => f.confidence >= STRONG)) {
    if (visited.has(seed.start)) continue;
    visited.add(seed.start);
    const items: Array<[number, string]> = [];
    let enumerated = false;
    for (let end = seed.end; items.length < MAX_LISTED; ) {
      const next = stickyMatch(NEXT_IN_LIST, text, end);
      if (!next) break;
      const at = next.index + next[0].length - next[1]!.length;
      enumerated ||= AND.test(next[0].slice(0, next[0].length - next[1]!.length));
      items.push([at, next[1]!]);
      end = at + next[1]!.length;
    }
    let first = seed.start;
    for (let n = 0; n < MAX_LISTED; n++) {
      const window = text.slice(Math.max(0, first - 80), first);
      const previous = cuedMatches(window, CAPITAL_START, PREVIOUS_IN_LIST).next().value;
      if (!previous) break;
      enumerated ||= AND.test(window.slice(previous.index + previous[1]!.length));
      first = first - window.length + previous.index;
      items.push([first, previous[1]!]);
    }
    // Each item is one list's, whatever is decided: a list is walked once, not once per name in it.
    for (const [at] of items) visited.add(at);
    const lineBefore = text.slice(Math.max(0, first - 200), first);
    if (!enumerated && !PEOPLE_LIST_LABEL.test(lineBefore.slice(lineBefore.lastIndexOf('\n') + 1))) continue;
    for (const [at, value] of items) {
      // One word is a person's item when it is a name of the lists: "Google" and "Acme" are listed beside people too.
      if (known.has(at) || NOT_A_LISTED_PERSON.test(value) || (!value.includes(' ') && !namesAPerson(value))) continue;
      known.add(at);
      add(at, value);
    }
  }
}
