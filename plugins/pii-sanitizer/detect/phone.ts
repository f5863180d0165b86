import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DATE_SHAPE, digitsOf, matches, nearWords } from './context';
import { GIVEN_NAMES } from './names-gazetteer';
import { nhsNumber } from './national-id-formats';
import { idCellStarts, phonesInColumns } from './phone-columns';
import { areaCodeSlashed, internationalSlashed } from './phone-slash';
import { finding, type Detector } from './types';

/**
 * Phone numbers. Candidates are runs of digits with the separators phone numbers
 * use; each is parsed with libphonenumber-js (valid international or US numbers
 * are certain), and otherwise judged by its grouping and nearby words, so local
 * formats of other countries are found without taking dates, amounts or ids.
 *
 * A candidate's digits come in groups, each after a separator, a ")" or before a "(", so a run of
 * digits is never split in every possible way (a 40-digit run costs a few steps, not thousands): a
 * first group of up to five digits (a country or area code, "07911 123456"), France's and Britain's
 * "(0)" trunk prefix, then up to five groups of up to twelve ("+86 13800138000"); or an unbroken run
 * of 7 to 15 digits.
 */
const CANDIDATE = /(?<![\w+.-])(?:\+|00)?(?:\(?\d{1,6}\)?(?:[ .\-\u00a0]?\(0\))?(?:(?:[ .\-\u00a0]|(?<=\))|(?=\())\(?\d{1,12}\)?){1,5}|\d{7,15})(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w-]|\.\d)/g;
/**
 * Letters, not word characters, bound the words that name a phone: "phone_number=…" and "mobile_phone" hold
 * them; "invoice_number" and "cell_count" do not hold "number" or "cell". Dialling, being reachable, a desk's or a
 * direct line's label and "Text" before the number name one too ("reachable at 023 8908069", "Front desk: 0465435452",
 * "Text 0441680692"), calls from it and calls in the languages prompts come in ("Ruf mich an unter …", "appelez-moi au …");
 * not "calling", which code's docs use, nor a config's "direct: true". German labels name one too ("Handynummer", "Mobil",
 * "Telefon").
 */
const PHONE_WORD =
  /(?<![A-Za-z])(?:phone|telephone|mobile|fax|whatsapp|landline|hotline|switchboard|handy(?:nummer)?|mobil(?:nummer|telefon)?|telefon(?:nummer|e)?|tel[eé]fono|t[eé]l[eé]phone|celular|rufnummer|festnetz(?:nummer)?)(?![A-Za-z])|电话|電話|手机|手機|联系方式|聯繫方式|携帯|전화|휴대폰|핸드폰|연락처|телефон|мобильн|هاتف|جوال|טלפון|\b(?:tel|cell|mob|call|caller|contacts?|e?sim|reach|reachable|dial(?:led|ing)?|ring me|ring[ \t]+(?:[\w'’-]+[ \t]+){0,2}(?:on|at)|texted me|texting me|sms|ph|be reached (?:at|on)|contacted (?:at|on)|front desk|direct line)\b|\bdirect:(?=[ \t]*(?:[+(\d]|$))|(?:^|[.!?\n][ \t]*)text(?:[ \t]+(?:me|us))?(?:[ \t]+(?:at|on))?[ \t]*$|\btext(?:ing)?[ \t]+(?:me|us|him|her|them)[ \t]+(?:at|on)\b|(?<![A-Za-z])(?:calls[ \t]+from|called[ \t]+from|missed[ \t]+call|voicemail|anrufen|zurückrufen|ruf(?:en[ \t]+Sie)?[ \t]+(?:mich|uns)[ \t]+an|erreichbar|joignable|appele[rz]|appelle-moi|llámame|llame[ \t]+al|llamar[ \t]+al|chiamami|chiamare|bel[ \t]+(?:me|ons)|zadzwoń|zadzwonił[ao]?|contacter|contactez|contactar|kontaktieren|bereikbaar|pod[ \t]+numer(?:em)?)(?![A-Za-z])/i;
const CONTEXT = new RegExp(`${PHONE_WORD.source}|\\bnumber\\b`, 'i');
/** An IPv4 address's notation: octets without a leading zero, or all of three digits ("02.123.45.67" is a Belgian phone). */
const DOTTED_QUAD = /^(?:0|[1-9]\d{0,2})(?:\.(?:0|[1-9]\d{0,2})){3}$|^\d{3}(?:\.\d{3}){3}$/;
/** One digit or one pair over and over ("0000000000", "6161616161"), and the integer limits code prints ("2147483647"). */
const DUMMY_DIGITS = /^(\d{1,2})\1+$/;
const INT_LIMITS = new Set(['2147483647', '2147483648', '4294967295', '4294967296', '9007199254740991']);
const PAIRS_BEFORE = /(?<![\p{L}\d])[0-9a-fA-F]{2}[ .\-][0-9a-fA-F]{2}[ .\-]$/u;
const PAIRS_AFTER = /^[ .\-][0-9a-fA-F]{2}[ .\-][0-9a-fA-F]{2}(?![\p{L}\d])/u;
/** Groups of one or two digits, as French numbers are written, and as a list of bytes or of days is. */
const PAIRS = /^\d{1,2}(?:[ .\-\u00a0]\d{1,2})+$/;

/** A valid ISBN-10 (a book's number, "0596517742"): one phone in eleven passes by chance, and a phone word near keeps it. */
function isbn10(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (10 - i) * (digits.charCodeAt(i) - 48);
  return sum % 11 === 0;
}
/**
 * A book's ISBN-13, whole and valid ("9783161484100") or in its hyphenated groups, the check digit left off too
 * ("978-3-16-148410-0", "978-1-4028-9462"): no country code is 978 or 979, and a phone is not grouped so.
 */
const ISBN13_GROUPS = /^97[89]-\d{1,5}-\d{1,7}-\d{1,7}(?:-\d)?$/;
function isbn13(value: string, digits: string): boolean {
  if (!digits.startsWith('978') && !digits.startsWith('979')) return false;
  if (ISBN13_GROUPS.test(value) && (digits.length === 12 || digits.length === 13)) return true;
  if (digits.length !== 13 || value !== digits) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (i % 2 === 0 ? 1 : 3) * (digits.charCodeAt(i) - 48);
  return sum % 10 === 0;
}
/** A Unix time in seconds of the years 2017 to 2033 ("sms_sent_at=1712345678"): no phone without a "+". */
const EPOCH_SECONDS = /^1[5-9]\d{8}$/;
const NATIONAL = /^0[1-9]\d{8,9}$|^\(?0[1-9]\d{0,5}\)? \d{4,8}$/;
/** A German mobile's 11 or 12 digits: 015x, 016x or 017x, then the subscriber's ("0151 23456789", "015123456789"). */
const GERMAN_MOBILE = /^01[5-7]\d{1,2}[ -]?\d{6,8}$/;
const EXTENSION = /(x|ext\.?)\s?\d+$/i;
/**
 * A ZIP+4 code or a Brazilian CEP ("90210-1234", "01310-100"), or five digits and three or four not starting
 * with a trunk "0" (a reference: "order 12345 678"), whatever the words around; "Tel.: 07352 1234" is a phone.
 */
const POSTAL_OR_REFERENCE = /^\d{5}-\d{3,4}$|^[1-9]\d{4} \d{3,4}$/;
/**
 * The label of another identifier right before the number: "my driver's license number is 2270-66-1551", "order
 * 4155550133", "Request ID: 2125550199", "serial: 2013101809", "Order ref 2231-4410-77", "PCN 8812 4470 1195", a tax
 * or company register's acronym ("NIF: 245 881 097", "ABN 51 824 753 556"), compounds in German, Dutch and the Nordic
 * languages ("Mitgliedsnummer 118-4402", "klantnummer", "medlemsnummer"). Words that may name a person, a role or a
 * thing ("customer", "patient", "case", "item") need their "number", "no.", "#", "ID", "ref" or "code" ("Customer:
 * 415-555-0133" is the customer's phone; "item no. 800.862.55" a shop's article), and "Caller ID" is a phone's. A word
 * for a phone near keeps it a phone.
 */
export const OTHER_NUMBER_BEFORE = new RegExp(
  String.raw`(?:(?<![A-Za-z])(?:licen[cs]e|passport|account|order|invoice|ticket|tracking|parcel|shipment|consignment|waybill|serial|policy|registration|confirmation|booking|reservation|transaction|claim|sku|vin|request|session|build|trace|job|run|isbn(?:-1[03])?|issn|asin|ean|upc|gtin|barcode|seed|checksum|hash|version|lot(?<![Aa][ \t]+lot)|batch|value|balance|offset|ref|voucher|coupon|contract|case(?<!in[ \t]+case)|pcn|nif|nipc|abn|acn|siren|siret|cnpj|utr|kvk|regon|(?:bestell|auftrags|rechnungs|kunden|vertrags|artikel|sendungs|referenz|versicherungs|steuer|konto|mitglieds|vorgangs|akten|ausweis|buchungs|serien|geräte|zähler|klant|bestel|lid|factuur|dossier|polis|ordre|kunde|kund|medlems|faktura|ärende|saks)(?:nummer|numer|[ \t-]?nr\.?))(?:[ \t]*(?:number|no\.?|nr\.?|#|id|ref\.?|code))?|(?<![A-Za-z])(?:vat|tva|iva|btw|mwst|ust)(?:[ \t-]*(?:number|no\.?|nr\.?|id|idnr\.?|reg(?:istration)?[ \t]+no\.?))?[ \t]*:?[ \t]*[A-Z]{2}|(?<![A-Za-z])(?:member(?:ship)?|customer|reference|patient|employee|routing|part|model|badge|student|tax|vat|social security|insurance|card|item|article|product|catalog(?:ue)?|stock|asset|permit|certificate|receipt|docket|incident|application|loyalty|notice|penalty)[ \t]*(?:number|no\.?|nr\.?|#|id|ref\.?|code)|(?<![A-Za-z])(?<!caller[ \t]?)id)[ \t]*(?:is|was|:|=|-)?[ \t]*#?$`,
  'i',
);
/**
 * Seven to nine digits unbroken are a phone only right after a phone's label or a phrase that gives one ("can be
 * reached at", "call me back at"), in the languages prompts come in: many countries write their numbers so ("Phone:
 * 33115163", "Tlf. 38326182", "Teléfono: 934177302"); ten digits or more are judged by their shape and the words near;
 * a card may put the label alone on the line above, and a label may say whose line it is in brackets ("Phone
 * (mobile):"). Not a count or an amount after the label ("cell 12345678 in the sheet", "mobile 1234567 downloads", "Cell:
 * 1000000"), a date ("tel 20240115"), or code ("int cell = 1234567;").
 */
const BARE_LOCAL = /^\d{7,9}$/;
/** Six digits, as a few countries' local numbers are written ("Tel. 050 455"): a phone only right after a phone's label. */
const SHORT_LOCAL = /^\d{3}[ .\-]?\d{3}$/;
const PHONE_LABEL = String.raw`(?:phone|telephone|tel|mobile|cell|fax|whatsapp|telefon|telefonu|telefoon|telefoonnummer|tlf|teléfono|telefono|telefone|téléphone|móvil|movil|celular|cellulare|cellulaire|handy|handynummer|rufnummer|mobil|mobilnummer|telefonnummer|festnetz|festnetznummer|puhelin|mob|gsm|ph|extension|hotline|helpline|switchboard|viber|telegram|callback|call-back|emergency(?=[ \t]*:))\.?(?:[ \t]*\((?:mobile|cell|work|home|office|private|personal|direct|landline|main|business)\))?(?:[ \t_]*(?:no\.?|nr\.?|number|#))?[ \t]*[:.,]?(?:[ \t]+(?:is|è|est|es|ist|é|är|er|jest|na|on|at|al|au|op|unter))?`;
/** A person's number given as theirs: "my number is", "save this number:", "my husband's number is" (not "order number:"). */
const OWN_NUMBER = String.raw`(?:my|our|his|her|their|this|best|new|callback|contact|(?:husband|wife|partner|spouse|mom|mum|dad|mother|father|son|daughter|brother|sister|friend|boss|manager|colleague|neighbou?r|landlord|landlady|doctor|girlfriend|boyfriend)['’]s)[ \t]+number(?:[ \t]+is|[ \t]*:)`;
/** The same in the languages prompts come in: "mijn nieuwe nummer is", "mein Handy ist", "mój numer telefonu to", "mi número es". */
const OWN_NUMBER_IN_OTHER_LANGUAGES = String.raw`(?:mijn|onze|mein|meine|unsere|mon|notre|mi|nuestro|il[ \t]+mio|o[ \t]+meu|a[ \t]+minha|mój|nasz)[ \t]+(?:(?:nieuwe|neue|nouveau|nuevo|nuovo|novo|nowy)[ \t]+)?(?:nummer|telefoonnummer|handynummer|telefonnummer|numéro|número|numero|numer(?:[ \t]+telefonu)?)(?:[ \t]+(?:is|ist|lautet|est|es|è|é|to|jest)|[ \t]*:)`;
/** A line's or a contact's number named so, as a label is ("contact number 987095988.", "home number, 080408858"): no word after the number. */
const LINE_NUMBER = String.raw`(?:contact|home|work|direct|office|landline|phone|mobile)[ \t]+(?:number|line|no\.|nr\.|#)(?:[ \t]+is|[ \t]*[:,])?|(?:best|emergency|preferred)[ \t]+contact[ \t]*:`;
/**
 * A phrase that gives the number that follows ("text me at", "can be reached on", "my number is", "contact the booking
 * team on", "spent Friday calling the customer ("): whatever comes after it.
 */
const PHONE_PHRASE_BEFORE = new RegExp(
  String.raw`(?<![A-Za-z])(?:(?:call|text|reach|ring|phone|message|whatsapp|ping|buzz)[ \t]+(?:me|us|him|her|them|you)(?:[ \t]+(?:back|urgently|asap|directly|anytime|today|tomorrow|instead))?[ \t]+(?:on|at)|hit[ \t]+(?:me|us)[ \t]+up[ \t]+(?:on|at)|(?:call(?:ed|ing)?|rang|ring(?:ing)?|phoned|phoning|texted|texting)[ \t]+(?:your|the|my|our|his|her|their)[ \t]+(?!function|method|endpoint|api|service|hook|handler|script)[A-Za-z-]+(?:[ \t]+[A-Za-z-]+)?(?:[ \t]+(?:on|at)|[ \t]*\(|(?=[ \t]*$))|call[ \t-]?back[ \t]+(?:on|at)|texts?[ \t]+from|contact(?:[ \t]+(?:number|no\.?))?[ \t]+is|return[ \t]+(?:my|our|the)[ \t]+call[ \t]+(?:on|at)|(?:me|nous|le|la)[ \t]+joindre[ \t]+(?:au|sur)|(?:llámame|llámanos|llame|llamar|llamen)[ \t]+al|(?:stop|keeps?|kept)[ \t]+(?:texting|calling)|(?:rappele[rz]|appele[rz]|rappelle-moi|appelle-moi)[ \t]+(?:au|le)|(?:ligue|ligar|liga)[ \t]+(?:para|pro)|(?:be[ \t]+)?(?:reached|contacted)[ \t]+(?:on|at|via|under)|(?:call|text|ring|phone|whatsapp)[ \t]+(?:me|us)(?:[ \t]+back)?[ \t]*:|(?:nobody|no[ \t]+one|not|isn['’]t|wasn['’]t|aren['’]t|never|didn['’]t|doesn['’]t|don['’]t|won['’]t)[ \t]+(?:answer(?:s|ed|ing)?|pick(?:s|ed|ing)?[ \t]+up)(?:[ \t]+(?:on|at))?|(?:^|(?<=[.!?\n][ \t]{0,3}))(?:[Qq]uestions|[Qq]ueries|[Ee]nquiries|[Ii]nquiries|[Dd]úvidas|[Dd]udas|[Pp]reguntas|[Ff]ragen|[Dd]omande|[Vv]ragen|[Ff]rågor|[Ss]pørgsmål|[Ss]pørsmål)[ \t]*[?:][ \t]*(?:call[ \t]+(?:us[ \t]+)?(?:on|at)?)?|(?:main|direct|office|support|service|customer|phone)[ \t]+line[ \t]+(?:is|becomes|will[ \t]+be|is[ \t]+now)|(?:she|he|they)['’](?:s|re)[ \t]+on|(?:ligou|ligaram|telefonou)[ \t]+do[ \t]+número|(?:llamó|llamaron)[ \t]+(?:desde[ \t]+el|del)[ \t]+número|(?:chiamato|chiamata|chiamati)[ \t]+dal[ \t]+numero|[\w.+-]*@[\w.-]+\.[A-Za-z]{2,}[ \t]+(?:or|and)[ \t]+(?:on|at|by[ \t]+phone(?:[ \t]+(?:on|at))?)|reachable[ \t]+(?:at|on|via|under)|${OWN_NUMBER}|${OWN_NUMBER_IN_OTHER_LANGUAGES}|number[ \t]+(?:she|he|they|you|I)[ \t]+(?:left|gave(?:[ \t]+(?:me|us))?|uses?)[ \t]+(?:is|was|:)|(?:mich|ihn|sie|uns|mir)(?:[ \t]+bitte)?[ \t]+unter|(?:call|ring|phone|contact)[ \t]+(?:the|our|your)[ \t]+(?:[A-Za-z-]+[ \t]+){0,2}(?:team|desk|office|department|helpdesk|hotline|reception|switchboard)[ \t]+(?:on|at)|contact[ \t]+(?:the|our|your|my)[ \t]+[A-Za-z-]+[ \t]+(?:on|at)|dial[ \t-]?in(?:[ \t]+(?:via|on|at|number))?[ \t]*:?|(?:prepaid|pay-as-you-go|mobile|cell|sim)[ \t]+line(?:[ \t]+(?:is|number))?[ \t]*:?|(?:via|through|or|and|with)[ \t]+(?:the|our|your)[ \t]+(?:[A-Za-z-]+[ \t]+){0,2}(?:desk|office|helpdesk|hotline|helpline|reception|switchboard)[ \t]+on|R[üu]ckruf[ \t]+unter|(?:my|our|his|her|their)[ \t]+(?:phone|mobile|cell)[ \t]*,|(?:my|our)[ \t]+contact[ \t]*:|(?:contattare|contattarmi|contattarci|contattami)[ \t]+al|r?appele[rz](?:[ \t]+[^\s\d]+){0,3}[ \t]+au|(?:ri)?(?:chiamami|chiamaci|chiamarmi|chiamatemi|chiamateci)[ \t]+al|chiam(?:are|ate)[ \t]+(?:il|al)(?:[ \t]+numero)?|(?:(?:me|mij|ons)[ \t]+(?:appen|bellen|sms(?:en)?)|(?:app|bel|sms)[ \t]+(?:me|mij|ons))[ \t]+op|bereikbaar[ \t]+(?:op|via|onder)|(?:når|nå)[ \t]+(?:ni|du|dere)[ \t]+(?:mig|meg|oss)[ \t]+på|(?:ich[ \t]+bin|wir[ \t]+sind|er[ \t]+ist|sie[ \t]+ist|sie[ \t]+sind)(?:[ \t]+[^\s\d]+){0,3}?[ \t]+unter|(?:my|our|his|her|their|your)[ \t]+(?:(?:work|home|office|direct|mobile|landline|main|personal|private)[ \t]+)?line(?:[ \t]+is|[ \t]*[,:])|(?:number|phone)[ \t]+on[ \t]+(?:file|record)[ \t]*[(:]|ring[ \t]+(?:meg|mig|oss|os)(?:[ \t]+(?:gärna|gerne|gjerne|bara|bare|bare|gerne))?[ \t]+på|(?:or|and|then|please|pls|just|will|would|shall|must|may|might|(?<=['’])ll|to|can|could|should)[ \t]+(?:text|call|ring|dial|whatsapp)|(?:for|to)[ \t]+(?:[A-Za-z-]+[ \t]+){0,2}[A-Za-z-]+,?[ \t]+(?:call|ring|dial)|(?:phoned|dial(?:l)?ed|rang|rung)|(?:^|(?<=[.!?,;][ \t]{1,3}|\n))[ \t]*(?:call|dial|ring|text|bel|appelez|appelle|llame|llama|chiama|chiamate|ligue|zadzwoń)|(?:with|on)[ \t]+the[ \t]+number|pod[ \t]+numer(?:em)?|voicemail[ \t]+from|(?:calls?|called|calling|texted|texting|messaged)[ \t]+(?:me[ \t]+)?from|(?:texting|calling|ringing)[ \t]+(?:me|us)[ \t]+from|(?:my|our|his|her|their)[ \t]+(?:(?:new|old|phone|mobile|cell|home|work|office|direct|personal|private|landline|emergency|contact)[ \t]+)?number(?:['’]s)?(?:[ \t]+is)?)[ \t]*$`,
  'i',
);
/**
 * A person called by name before "at" or "on" ("call Contreras Zambrano at", "ring Alfredo on", "our AV contact is Lars
 * Nielsen on"), with a middle initial, a role before the name or the name set off by commas ("Call Moa F. Hellström on",
 * "contact listing agent Bergqvist at", "call the caretaker, Marta, on"), case-sensitive: each word a capitalised one
 * (not in capitals: "Text Embeddings API at"), an initial or a role's, so "the message queue at", "call graph on" and a
 * title's words are none ("Call of Duty … peaked at", "Message Broker restarted at").
 */
const CALLED_WORD = String.raw`(?:\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?|\p{Lu}\.|the|our|my|your|his|her|their|agent|nurse|porter|caretaker|duty|listing|site|manager|doctor|dr\.?|mr\.?|mrs\.?|ms\.?|office|desk|front|reception|landlord|landlady|driver|courier|technician|plumber|electrician|recruiter|coordinator|concierge|recipient)`;
const PERSON_CALLED_BEFORE = new RegExp(
  String.raw`(?<![A-Za-z])(?:[Cc]all|[Tt]ext|[Rr]each|[Rr]ing|[Pp]hone|[Mm]essage|[Ww]hats[Aa]pp|[Cc]ontact(?:[ \t]+is)?)[ \t]+(?=(?:\S+[ \t]+){0,3}\p{Lu}\p{Ll})(?:${CALLED_WORD},?[ \t]+){1,4}(?:back[ \t]+)?(?:on|at)[ \t]*$`,
  'u',
);
/** A person typed in lower case after a verb of calling, a given name first ("ring lisa andreasson on"; not "call stack … on"). */
const LOWER_PERSON_CALLED_BEFORE = /(?<![A-Za-z])(?:[Cc]all|[Rr]ing|[Tt]ext)[ \t]+(\p{Ll}{2,})(?:[ \t]+\p{Ll}{2,}){0,2}[ \t]+on[ \t]*$/u;
/** Where someone is reached, some words before "unter" ("Sie erreichen sie montags bis donnerstags unter", "erreichbar unter"). */
const REACHED_UNDER = /(?<![\p{L}])(?:erreichen|erreicht|erreichbar)(?:[ \t]+[^\s\d]+){0,5}[ \t]+unter[ \t]*$/iu;
/** A phrase that gives the number right after it, whatever follows the number; a person's name may stand in it. */
const phraseBefore = (before: string, wider: string) =>
  PHONE_PHRASE_BEFORE.test(before) || REACHED_UNDER.test(wider) || PERSON_CALLED_BEFORE.test(wider) || GIVEN_NAMES.has(LOWER_PERSON_CALLED_BEFORE.exec(wider)?.[1] ?? '');
/**
 * The number said to be a phone's after it: "Is 616 20 478 still the best number to reach you?", "06366611 is my new
 * number", "use 034269705 as the callback number", "993 653, that's my number", "48291734 is my cell". A phone's words
 * only: not "a prime number", "the max number of rows", "my lucky number", "my social security number".
 */
const PHONE_QUALIFIER = String.raw`(?:best|right|correct|new|phone|mobile|cell|callback|call-back|contact|landline|direct|whatsapp|emergency|preferred|alternate|alt|home|work|office|main|UK|US|valid)`;
const NUMBER_NAMED_AFTER = new RegExp(
  String.raw`^[ \t]*,?[ \t]*(?:(?:(?:is|was|as)[ \t]+(?:still[ \t]+)?|still[ \t]+)(?:(?:my|our|his|her|their|your)[ \t]+(?:${PHONE_QUALIFIER}[ \t]+){0,2}(?:number|cell|mobile|phone|landline)|(?:the|a)[ \t]+(?:${PHONE_QUALIFIER}[ \t]+){1,3}number)|that['’]s[ \t]+(?:my|our|his|her|their)[ \t]+(?:${PHONE_QUALIFIER}[ \t]+){0,2}(?:number|cell|mobile|phone)|(?:really|actually|truly)[ \t]+(?:your|the|their|our)[ \t]+(?:[A-Za-z-]+[ \t]+){0,2}(?:team|bank|helpline|hotline|helpdesk|desk|office|department|line))(?![\p{L}]|[ \t]+(?:of|in|on)(?![\p{L}]))`,
  'iu',
);
const PHONE_LABEL_BEFORE = new RegExp(
  String.raw`(?:(?<![A-Za-z])(?:(?:call|text|reach|ring|phone|message|whatsapp)[ \t]+(?:me|us|him|her|them)(?:[ \t]+back)?[ \t]+(?:on|at)|(?:be[ \t]+)?reached[ \t]+(?:on|at)|${OWN_NUMBER}|${LINE_NUMBER}|${PHONE_LABEL})|(?:^|\n)[ \t]*${PHONE_LABEL}[ \t]*\r?\n)[ \t]*\(?$`,
  'iu',
);
/**
 * A card's or a signature's one-letter label starting its line or after a bar ("M: 0603252355", "T 98 55 41 80", "… | M:
 * 01 5238000"), where the card gives
 * a mail or a web address too: a letter alone before a number is a table's or a log's as often ("M 58213947" under
 * "sex", "T: 58213947" under "Totals").
 */
const CARD_LETTER_BEFORE = /(?:^|\|)[ \t>]*(?:[TFMPW]|Tel|Tlf|Mob|Ph|Fax)\.?[ \t]*:?[ \t]*$/;
/** A card's mail or web address: on its own labelled line ("E: a@b.example", "W: acme.example") or after a bar or an "E". */
const CARD_ADDRESS = /(?:^|\n)[ \t>]*(?:E|W|Email|E-mail|Mail|Web)\.?[ \t]*:?[ \t]+[^\s@]+(?:@[^\s@]+)?\.[a-z]{2,}|(?:\||[ \t]E:?)[ \t]+[^\s@|]+@[^\s@]+\.[a-z]{2,}/i;
/** The block around a number, 200 characters either way, up to a blank line. */
function blockAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 200), start);
  const after = text.slice(end, end + 200);
  return before.slice(before.search(/\n[ \t]*\n(?![\s\S]*\n[ \t]*\n)/) + 1) + text.slice(start, end) + after.split(/\n[ \t]*\n/)[0];
}
const cardLetterBefore = (text: string, line: string, start: number, end: number) => CARD_LETTER_BEFORE.test(line) && CARD_ADDRESS.test(blockAround(text, start, end));
/**
 * A label a report's or a table's line has too ("Direct: 4829173" beside "Organic:", "Contact: …" in a CRM export): a
 * phone's where the number starts as a dialled one does, or a card's address or a phone's word stands in its block.
 */
const WEAK_LABEL_BEFORE = /(?<![A-Za-z])(?:contact|direct|alternate|reception|front[ \t]+desk|switchboard|facsimile|\(?main[ \t]+line\)?)[ \t]*:[ \t]*$/i;
/** When the line is open, after its number: "Reception: 81719944 (Mon-Fri, 8-17)", "… 24/7", "… 9am-5pm". */
const OPENING_HOURS_AFTER = /^[ \t]*[(,–-]?[ \t]*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Mo|Di|Lun|Mar|Lu|Ma)[a-z]*\.?[ \t]*[-–]|24\/7|\d{1,2}(?::\d\d)?[ \t]*(?:am|pm|h)?[ \t]*[-–][ \t]*\d)/i;
function weakLabelBefore(text: string, before: string, start: number, end: number): boolean {
  if (!WEAK_LABEL_BEFORE.test(before)) return false;
  const block = blockAround(text, start, end);
  return /^[0+(]/.test(text.slice(start, end)) || OPENING_HOURS_AFTER.test(text.slice(end, end + 12)) || CARD_ADDRESS.test(block) || PHONE_WORD.test(block.replace(/(?:direct|reception|front[ \t]+desk|contact)[ \t]*:/gi, ''));
}
/**
 * "I called …", "SMS from …": a phone only where no noun counts what the number is ("we called 245 789 households",
 * "SMS from 312 485 unique senders"), its sentence ending or going on with when and how often.
 */
const CALLED_BEFORE = /(?<![A-Za-z])(?:(?:I|we|she|he|they)[ \t]+(?:called|rang|dialled|dialed|texted|phoned)|sms[ \t]+from)[ \t]+$/i;
const CALLED_AFTER = /^(?:[ \t]*(?:[.,;:!?)]|\r?\n|$)|[ \t]+(?:(?:\d+|one|two|three|four|five|several|many|multiple)[ \t]+times|twice|again|yesterday|today|earlier|this|last|back|but|and|at|from|before|after|all)(?![\p{L}]))/u;
/**
 * A contact's label, then the person (and what they are to someone) before their number on the line: "Emergency contact:
 * Richter (", "Emergency contact for Albin Holmberg: Albin (sister), ", "Emergency contact: Darko (mother) – ".
 */
const CONTACT_NAMED_BEFORE =
  /(?<![A-Za-z])[Cc]ontact(?:[ \t]+for[ \t]+[^\n:\d]{1,40})?[ \t]*:[ \t]*(?:(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)[ \t]+){0,3}\p{Lu}[\p{Ll}'’-]+(?:[ \t]*\([\p{Ll} ]{1,20}\))?[ \t]*[,(–-]?[ \t]*$/u;
/**
 * A record's field named for a phone, its value quoted: `"phone":"62449189"`, `mobile: '49703563'`, `"homePhone"`. The
 * label starts the key or follows a phone's qualifier: "graph", "hotel" or "paragraph" end in no phone's label.
 */
const PHONE_KEY_QUALIFIER = 'home|work|cell|mobile|contact|office|private|business|primary|secondary|alt|alternate|other|emergency|main|personal|direct|customer|client|user|owner|billing|shipping|fixed|land';
const PHONE_KEY_BEFORE = new RegExp(String.raw`(?:(?<![A-Za-z])|(?<=(?<![A-Za-z])(?:${PHONE_KEY_QUALIFIER})))${PHONE_LABEL}["']?[ \t]*[:=]?[ \t]*["']$`, 'i');
const SHORT_LABEL_BEFORE = new RegExp(String.raw`(?<![A-Za-z])${PHONE_LABEL}[ \t]*\r?\n?[ \t]*$`, 'i');
/**
 * A phone's number named, what it is to someone said, then given ("The phone number linked to it is 77152825", "the
 * phone number stays the same: 70569889"): a bare number's phone whatever words follow it. Not a phone's word alone
 * ("calling getUser with id 48291734", "Mobile users: 4829173", "phone number count is 48291734").
 */
const PHONE_NUMBER_NAMED =
  /(?<![A-Za-z])(?:phone|telephone|mobile|landline)[ \t]+number[ \t]+(?:(?:linked|registered|associated|attached|connected|tied)[ \t]+(?:to|with)[ \t]+(?:it|this|that|the|my|your|his|her|their|our)(?:[ \t]+account)?|on[ \t]+(?:file|record)|(?:stays|remains)[ \t]+the[ \t]+same|for[ \t]+(?:it|me|him|her|us|them))[ \t]*(?:is|:)[ \t]*$/i;
/** The number from `start` to `end` named a phone's, before it or after it (`NUMBER_NAMED_AFTER`). */
function namedAsPhone(text: string, start: number, end: number): boolean {
  return PHONE_NUMBER_NAMED.test(text.slice(Math.max(0, start - 72), start)) || NUMBER_NAMED_AFTER.test(text.slice(end, end + 60));
}
/**
 * A phone's own label, which names no count or cell ("cell 12345678 in the sheet", "mobile 1234567 users"): the bare
 * number after it is a phone whatever words follow ("driver phone 934152883 goes to voicemail").
 */
const PHONE_ONLY_LABEL_BEFORE =
  /(?<![A-Za-z])(?:phone|telephone|tel|whatsapp|telefon|telefonu|telefoon|telefoonnummer|tlf|teléfono|telefono|telefone|téléphone|handy|handynummer|rufnummer|telefonnummer|festnetz|festnetznummer|puhelin)\.?(?:[ \t_]*(?:no\.?|nr\.?|number|#))?[ \t]*:?[ \t]*$/i;
/** What a count counts, after a number: "our phone 4829173 users", "telephone 4829173 subscribers". */
const COUNT_NOUN_AFTER = /^[ \t]+(?:users|subscribers|customers|lines|calls|numbers|units|times|people|accounts|devices|members|minutes|rows|records|messages|texts)(?![\p{L}])/iu;
/** A word after the number (a count's noun: "cell 12345678 in the sheet"), but not "or" before another way to reach someone. */
const NOT_A_BARE_PHONE_AFTER = /^[ \t]*(?:(?!(?:or|o|ou|oder|of|eller|lub|oppure)[ \t])\p{L}|%|[=;])/u;
const ROUND_OR_DATE = /0{3}$|^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;
/** Digits counting up or down, as placeholders are written ("1234567", "98765432"). */
const counting = (digits: string) => '01234567890'.includes(digits) || '98765432109'.includes(digits);
/** A ZIP+4 code or a CEP, then the next address's house number: "72523-7375 560 Fadel Prairie". */
const POSTCODE_THEN_HOUSE = /^\d{5}-\d{3,4} \d{1,5}$/;
/**
 * Two groups of five are no North American grouping (3-3-4) but an Indian mobile's (6 to 9 first), judged as Indian,
 * or a ZIP code and the next address's house number ("Shaniefurt, 97954 53323 Main Street").
 */
const FIVE_FIVE = /^\d{5}[ .\-]\d{5}$/;
const INDIAN_MOBILE = /^[6-9]/;
/** After a candidate: a letter, a capitalised word, or a word or a numbered street's ordinal. */
/**
 * A word after a short number on the same line makes it a house's number or an amount ("8 336 817 and growing"), unless
 * phone words stand near ("text me at 601 634 369 when you're free").
 */
const LETTER_NEXT = /^[ \t]*\p{L}/u;
const CAPITAL_NEXT = /^[ \t]+\p{Lu}/u;
const WORD_NEXT = /^\s*(?:\p{L}|\d{1,3}(?:st|nd|rd|th)(?![\p{L}\p{N}]))/u;
const ACCESS_LOG_BEFORE = /HTTP\/\d(?:\.\d)?"[ \t]*$/;
/**
 * Three groups of letters and digits or more before the number: a tracking number's ("1Z 4F7 A93 03 6621 8874"); one
 * or two are a flat's or a postcode's ("Flat 3B 07700 900123", "SW1A 2AA 020 7925 0918").
 */
const CODE_PART_BEFORE = /(?<![\p{L}\p{N}])(?:(?=[\p{L}\p{N}]{0,5}\d)[\p{L}\p{N}]{1,6} ){2}(?=[\p{L}\p{N}]*\p{L})(?=[\p{L}\p{N}]*\d)[\p{L}\p{N}]{2,} $/u;
/** Letters and digits that are no code: a time, an ordinal, a numbered phone's label ("after 6pm", "the 3rd", "Tel1", "mobile2"). */
const NOT_A_CODE_BEFORE = /(?<![\p{L}\p{N}])(?:\d{1,2}(?:[ap]\.?m\.?|h)|\d+(?:st|nd|rd|th)|(?:phone|tel|mobile|mob|cell|fax|ph|gsm|tlf|telefon|handy|whatsapp)\d{1,2}) $/iu;
/** A British or a Canadian postcode ends what is before the number, after a flat's number ("Flat 3B SW1A 2AA", "Unit 12 M5V 3L9"). */
const POSTCODE_BEFORE = /(?<![\p{L}\p{N}])(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] \d[A-Z]\d) $/u;
/**
 * Phone words before a number, or after it in its own sentence and line: the next field's label ("Ticket no. 220
 * 2417738104\nContact phone: …") or the next sentence's words ("policy 6021-448-91. Her phone …") are another number's.
 */
const SENTENCE_OR_LINE_END = /\n|[.!?;](?=\s|$)/;
function wordsNearNumber(text: string, start: number, end: number, words: RegExp): boolean {
  let before = text.slice(Math.max(0, start - 40), start);
  const lineStart = before.lastIndexOf('\n') + 1;
  // A form's line labelled for another number ("Kundennummer: 4400-1187" under "Telefon: …"): the lines above are other fields.
  if (lineStart > 0 && OTHER_NUMBER_BEFORE.test(before.slice(lineStart))) before = before.slice(lineStart);
  const after = text.slice(end, end + 20);
  const stop = after.search(SENTENCE_OR_LINE_END);
  return words.test(before) || words.test(stop < 0 ? after : after.slice(0, stop));
}
/** A candidate's first group, with its "+", "00" or bracket. */
const FIRST_GROUP = /^(?:\+|00)?\(?\d+\)?/;
const YEAR_DASH_FIRST = /^(?:19|20)\d\d-\d/;
const STARTS_WITH_DATE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}\b/;
/** "Copyright 2012-2015": years from and to. */
const YEARS = /^(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d$/;
/** An operator of code beside a bare run of digits: "(sign << 31 | 2139095040) >>> 0" is a constant. */
const OPERATOR_BEFORE = /(?:[|&^=]|<<|>>)[ \t]*$/;
const OPERATOR_AFTER = /^[ \t]*(?:[|&^]|<<|>>)/;
/**
 * Thousands in groups of three beside a currency: an amount ("1 234 567 €", "12\u202f345,50 EUR", "€ 45 000 000"), as
 * French and other European prices are written.
 */
const THOUSANDS = /^\d{1,3}(?: \d{3})+$/;
const CURRENCY_AFTER = /^(?:[.,]\d{1,2})?[ \t]*(?:[€$£¥₹]|(?:EUR|USD|GBP|CHF|euros?|dollars?|francs?)(?![A-Za-z]))/i;
const CURRENCY_BEFORE = /(?:[€$£¥₹]|(?<![A-Za-z])(?:EUR|USD|GBP|CHF))[ \t]*$/i;
/** A changelog's "6.0.1 (2018-09-14)": a version, then a date. */
const HOLDS_ISO_DATE = /(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)/;

/**
 * Without a "+" a number is parsed as American, and libphonenumber-js takes ~35 µs to reject one that
 * is not (digit-dense text has thousands of candidates). Only these digit shapes can be valid there:
 * ten digits after any leading 1s, the 310 short form, or 011 (the US prefix for dialling abroad).
 */
export function mayBeValidFromUs(digits: string): boolean {
  const national = digits.replace(/^1+/, '');
  return /^[2-9]\d{9}$/.test(national) || /^310\d{4}$/.test(national) || digits.startsWith('011');
}

/** Groups of a run's length that go on from where the run was cut; a phone after them is its own ("… 5566 77 415.555.0133"). */
const GROUPS_GOING_ON = new Map<number, RegExp>();
function groupsGoingOn(length: number): RegExp {
  let pattern = GROUPS_GOING_ON.get(length);
  if (!pattern) GROUPS_GOING_ON.set(length, (pattern = new RegExp(String.raw`(?:[ .\-\u00a0]\d{${length}}(?!\d))+`, 'y')));
  return pattern;
}
/** The groups' length where there are four or more of one length (three digits at least), the last no longer; else 0. */
function equalGroupsLength(value: string): number {
  const groups = value.split(/[ .\-\u00a0]+/);
  const length = groups[0]!.length;
  const equal = groups.length >= 4 && length >= 3 && groups.slice(1, -1).every((g) => g.length === length) && groups[groups.length - 1]!.length <= length;
  return equal ? length : 0;
}

/** `digits`: the value's digits without an extension. */
function shapeScore(value: string, digits: string): number {
  if (digits.length < 7 || digits.length > 15) return 0;
  const bare = value.replace(/^\((.*)\)$/, '$1');
  if (DATE_SHAPE.test(bare) || STARTS_WITH_DATE.test(bare) || HOLDS_ISO_DATE.test(value) || YEARS.test(bare)) return 0;
  if (DUMMY_DIGITS.test(digits) || INT_LIMITS.has(digits) || isbn13(value, digits)) return 0;
  // Cents after a point, where the groups before are set apart otherwise, end an amount ("IKEA 117 289.00", "0412 45.60").
  if (/[ \-\u00a0]\d+\.\d\d$/.test(value) && !/^\d+(?:\.\d+)+$/.test(value)) return 0;
  const groups = value.replace(EXTENSION, '').split(/[ .\-\u00a0()]+/).filter(Boolean);
  // Dotted groups are a phone's in North America and France ("415.555.0133", "01.84.17.61.18"), not an
  // address's or a version's ("68.185.127.196.55").
  const dotted = /^\d+(?:\.\d+)+$/.test(value) && !groups.every((g) => g.length === 2);
  // A one-digit group after the first is a version's or an address's ("66.0.3359.181", "192.168.1"); first, it is
  // North America's country code ("1.800.555.0133").
  // Two dotted groups are a decimal ("3.1415926").
  if (dotted && (groups.length === 2 || groups.slice(1).some((g) => g.length === 1) || /^\d{1,3}(?:\.\d{1,3}){3}\./.test(value))) return 0;
  if (groups.every((g) => /^(\d)\1*$/.test(g))) return 0;
  // A trunk "0" and nine or ten digits, unbroken or after an area code, is a national number as most of Europe and
  // Australia write one ("0441680692", "025 9010611", "(0192) 832894"): ids, amounts and constants do not start with 0.
  // An area code in brackets allows a longer number ("(05490) 8064646").
  const longest = value.startsWith('(') ? 12 : 11;
  if (GERMAN_MOBILE.test(value) && digits.length >= 11 && digits.length <= 12 ) return 0.6;
  if (NATIONAL.test(value) && digits.length >= 10 && digits.length <= longest && !counting(digits) && !(value === digits && isbn10(digits))) return 0.6;
  if (EPOCH_SECONDS.test(value)) return 0;
  // One unbroken group: ten digits or more, or after a "+" (whose country the phone library then judges: "+466479543").
  if (groups.length === 1) return digits.length >= 10 || value.startsWith('+') ? 0.35 : 0;
  // After a "+" and a country's code of up to three digits, a long group is a subscriber's ("+84 991 6551569"), even
  // where the library knows no such country or length.
  if (value.startsWith('+') && groups[0]!.length <= 3 && groups.length >= 3 && digits.length >= 9) return 0.6;
  if (groups.some((g) => g.length > 5)) return 0.3;
  // Two groups with a five-digit one are postal codes ("90010-170", "43 73313"); 4-2-4 is an id shape.
  if (groups.length === 2 && groups.some((g) => g.length === 5)) return 0.35;
  if (groups.map((g) => g.length).join('-') === '4-2-4') return 0.35;
  return 0.6;
}

export const phoneDetector: Detector = {
  name: 'phone',
  category: 'phone',
  priority: 50,
  detect(text) {
    const out = [];
    // Where the rest of a rejected candidate is being looked at again, only a number the phone library
    // accepts or one with phone words near counts: the tail of "2021 2022 2023 2024 2025" is no phone.
    let rescanUntil = -1;
    // Where a number labelled as another identifier ends.
    let labelledUntil = -1;
    // What the phone library says of a number, asked once per number and region in a text: a table or a log repeats its
    // numbers, and the library takes some 40 µs for each (200 KB of one number took 0.8 s).
    const validity = new Map<string, boolean>();
    const validNumber = (number: string, region: 'IN' | 'US') => {
      const key = `${region} ${number}`;
      let valid = validity.get(key);
      if (valid === undefined) validity.set(key, (valid = parsePhoneNumberFromString(number, region)?.isValid() ?? false));
      return valid;
    };
    // Two numbers side by side ("Ticket 12345 4155550133"): when the whole is no phone, the rest is looked at again.
    const rescan = (m: RegExpExecArray) => {
      CANDIDATE.lastIndex = m.index + FIRST_GROUP.exec(m[0])![0].length;
      rescanUntil = Math.max(rescanUntil, m.index + m[0].length);
    };
    for (const cell of phonesInColumns(text)) out.push(finding(this, cell.start, cell.value, 0.85));
    const idCells = /[|,;\t]/.test(text) ? idCellStarts(text) : new Set<number>();
    // Asked once per text, not per candidate: 200 KB of numbers asked it thousands of times.
    const namesNhs = /\bNHS\b/i.test(text);
    // "Tel.: 089/12345678": an area code set apart by a slash, beside a phone's word.
    for (const slashed of areaCodeSlashed(text)) {
      if (nearWords(text, slashed.index, slashed.index + slashed[0].length, PHONE_WORD)) out.push(finding(this, slashed.index, slashed[0], 0.9));
    }
    for (const slashed of internationalSlashed(text)) {
      const end = slashed.index + slashed[0].length;
      const worded = nearWords(text, slashed.index, end, PHONE_WORD);
      // "00" opens references as often ("Az. 0049 2023/4471"): only beside a phone's word, and never after another identifier's label.
      if (slashed[0].startsWith('00') && !worded) continue;
      if (!worded && OTHER_NUMBER_BEFORE.test(text.slice(Math.max(0, slashed.index - 40), slashed.index))) continue;
      const valid = validNumber(slashed[0].replace(/^00/, '+').replace('/', ' '), 'US');
      out.push(finding(this, slashed.index, slashed[0], valid || worded ? 0.95 : 0.7));
    }
    for (const m of matches(text, CANDIDATE)) {
      // A bracket that closes what the number sits in is no part of it ("(a@b.com, 0505 4572685)").
      const trimmed = m[0].trim().replace(/[.\-]$/, '');
      const value = trimmed.endsWith(')') && !trimmed.includes('(') ? trimmed.slice(0, -1) : trimmed;
      const digits = digitsOf(value.replace(EXTENSION, ''));
      const shape = shapeScore(value, digits);
      const rescanned = m.index < rescanUntil;
      // The words right before the number, where a phrase or a label gives it.
      const before = text.slice(Math.max(0, m.index - 32), m.index);
      const wider = text.slice(Math.max(0, m.index - 48), m.index);
      // Pairs that go on before or after the candidate, two more at least, are a list of bytes or days, not a number
      // ("<Buffer 01 02 03 04 05 06 07 08>", "<Buffer 12 34 56 78 9a bc de f0>"); "06 12 34 56 78 24h/24" is a phone.
      const listed =
        PAIRS.test(value) &&
        (PAIRS_BEFORE.test(text.slice(Math.max(0, m.index - 7), m.index)) || PAIRS_AFTER.test(text.slice(m.index + value.length, m.index + value.length + 7)));
      // A dotted quad is an address's notation (the IP detector's to judge), or a version's; after an access log's
      // protocol, a status and a size ('"GET / HTTP/1.1" 200 4521'); after a code of letters and digits, its rest ("1Z
      // 4F7 A93 03 6621 8874").
      // "00" dials abroad before a country's code and eight digits at least; a shorter run is a reference's ("ref 0011-7741").
      const international = value.startsWith('+') || (/^00[1-9]/.test(value) && digits.length >= 10);
      if (idCells.has(m.index) || (namesNhs && nhsNumber(value))) continue;
      if (listed || DOTTED_QUAD.test(value) || ACCESS_LOG_BEFORE.test(before) || (CODE_PART_BEFORE.test(before) && !NOT_A_CODE_BEFORE.test(before) && !POSTCODE_BEFORE.test(before) && !international)) continue;
      const amount =
        THOUSANDS.test(value) &&
        (CURRENCY_AFTER.test(text.slice(m.index + value.length, m.index + value.length + 12)) || CURRENCY_BEFORE.test(text.slice(Math.max(0, m.index - 5), m.index)));
      if (amount) continue;
      // A constant of code has no leading zero, or is an octal's ("0377777777 | flags"): "0382582786 | email" is a
      // signature's phone, "0036202601328 | email" a table's, and so is any after a phone's label ("M: 989668106 | email").
      const operand =
        /^(?!0)\d+$|^0(?!0)[0-7]+$/.test(value) &&
        (OPERATOR_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index)) || OPERATOR_AFTER.test(text.slice(m.index + value.length, m.index + value.length + 4)));
      // The line before the number, 80 characters at most: a line of 200 KB of numbers is not read back for each.
      const near = text.slice(Math.max(0, m.index - 80), m.index);
      const line = near.slice(near.lastIndexOf('\n') + 1);
      const called = CALLED_BEFORE.test(before) && CALLED_AFTER.test(text.slice(m.index + value.length, m.index + value.length + 24));
      const labelled = called || PHONE_LABEL_BEFORE.test(before) || PHONE_KEY_BEFORE.test(before) || cardLetterBefore(text, line, m.index, m.index + value.length) || CONTACT_NAMED_BEFORE.test(line) || weakLabelBefore(text, before, m.index, m.index + value.length);
      if (operand && !wordsNearNumber(text, m.index, m.index + value.length, CONTEXT) && !labelled) continue;
      // Four groups or more of one length, the last maybe shorter, past a phone's fifteen digits, are one code (a parcel's
      // "9400 1118 9922 3344 5566 77", an account's) or a list ("100 200 300 400 500 600 700"): no part of them, nor of the
      // groups that go on after them, is a phone of its own.
      const groupLength = digits.length > 15 ? equalGroupsLength(value) : 0;
      if (groupLength > 0) {
        const goOn = groupsGoingOn(groupLength);
        goOn.lastIndex = m.index + value.length;
        CANDIDATE.lastIndex = goOn.exec(text) ? goOn.lastIndex : m.index + value.length;
        continue;
      }
      if (shape === 0) {
        const end = m.index + value.length;
        // A semicolon ends code's statement ("int cell = 1234567;"), and a form's field after a label's colon ("Celular: 994796359; E-mail:").
        const wordAfter = NOT_A_BARE_PHONE_AFTER.test(text.slice(end, end + 4)) && !(text[end] === ';' && /:[ \t]*$/.test(before));
        const plausible = !DUMMY_DIGITS.test(digits) && !ROUND_OR_DATE.test(digits) && !counting(digits);
        const bare =
          plausible &&
          ((BARE_LOCAL.test(value.replace(/[ \t]*ext\.?[ \t]*\d+$/i, '')) &&
            (called || phraseBefore(before, wider) || namedAsPhone(text, m.index, end) || ((!wordAfter || (PHONE_ONLY_LABEL_BEFORE.test(before) && !COUNT_NOUN_AFTER.test(text.slice(end, end + 16)))) && labelled))) ||
            (SHORT_LOCAL.test(value) && (phraseBefore(before, wider) || (!wordAfter && (SHORT_LABEL_BEFORE.test(before) || labelled)))));
        if (bare) {
          out.push(finding(this, m.index, value, 0.8));
        } else rescan(m);
        continue;
      }
      // Judged before the phone library parses it: a labelled number is another identifier whatever the library says.
      if (!international && OTHER_NUMBER_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)) && !wordsNearNumber(text, m.index, m.index + value.length, PHONE_WORD)) {
        labelledUntil = m.index + m[0].length;
        rescan(m);
        continue;
      }
      // A year first and a dash is a dated id ("ticket 2024-06-1187", "Rechnung Nr. 2024-117"); no phone is written so.
      if (!international && YEAR_DASH_FIRST.test(value) && !labelled && !phraseBefore(before, wider) && !wordsNearNumber(text, m.index, m.index + value.length, PHONE_WORD)) {
        rescan(m);
        continue;
      }
      // No country code starts with 0.
      const fiveFive = !international && FIVE_FIVE.test(value);
      const region = fiveFive ? 'IN' : 'US';
      const next = text.slice(m.index + value.length, m.index + value.length + 12);
      // Before a capitalised word, five and five are a ZIP code and a house number ("…, 97954 53323 Main Street").
      const indian = fiveFive && INDIAN_MOBILE.test(digits) && !CAPITAL_NEXT.test(next);
      const canBeValid = international ? /^[1-9]/.test(value.startsWith('+') ? digits : digits.slice(2)) : fiveFive ? indian : mayBeValidFromUs(digits);
      const valid = canBeValid && validNumber(international ? value.replace(/^00/, '+') : value, region);
      const numberNamed = namedAsPhone(text, m.index, m.index + value.length);
      // The rest of a labelled number ("Order #12345 415-555-0133") counts the label's "number" for nothing.
      const phoneWordsNear =
        !POSTAL_OR_REFERENCE.test(value) &&
        (wordsNearNumber(text, m.index, m.index + value.length, m.index < labelledUntil ? PHONE_WORD : CONTEXT) || phraseBefore(before, wider) || labelled || numberNamed);
      let confidence = valid ? 0.95 : rescanned && !phoneWordsNear ? 0 : shape;
      // "370 3911 Fourth Avenue", "90722-3774 577 6th Avenue": short numbers followed by words are house numbers, not
      // phones; a ZIP+4 code and a house number before a numbered street's ordinal too.
      const houseNext = digitsOf(value).length <= 9 ? LETTER_NEXT.test(next) : POSTCODE_THEN_HOUSE.test(value) && WORD_NEXT.test(next);
      if (confidence < 0.9 && houseNext && !numberNamed) confidence = 0.3;
      if (phoneWordsNear) confidence = Math.min(0.99, confidence + 0.3);
      if (confidence < 0.5) rescan(m);
      out.push(finding(this, m.index, value, confidence));
    }
    return out;
  },
};
