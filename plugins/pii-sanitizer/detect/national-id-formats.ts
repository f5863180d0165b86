import { stdnum } from 'stdnum';
import { digitsOf } from './context';

/** A check that a value is a valid identifier of its kind (its length, date and check digits). */
type Validate = (value: string) => boolean;
const checked = (validator: { validate(value: string): { isValid: boolean } }): Validate => (value) => validator.validate(value).isValid;

/**
 * A government-issued identifier of a person: how it is written (`pattern`, the value alone), how it is checked
 * (python-stdnum's rules, through `stdnum`: lengths, dates and check digits), and the words that name it. A number that
 * is only digits is found only with its name near: nine or eleven digits with a check digit are phone numbers, order
 * numbers and amounts as often, one in ten or eleven of them valid by chance. A shape no other number has (letters at
 * their places, a country's prefix, dots and dashes as the card prints them) is found alone (`alone`).
 */
export interface NationalIdFormat {
  name: string;
  pattern: string;
  valid: Validate;
  /** Words that name the identifier, in the languages it is written in (whole words, in any case). */
  words: string;
  /** Its abbreviations, in capitals as written ("BSN", "PESEL" is a word): "pan", "sin" and "nas" are words too. */
  acronyms?: string;
  /** Whether the value, as written, is found without its name near. */
  alone?: (value: string) => boolean;
  /** Letters in either case (a code typed in lower case in a chat); otherwise capitals only. */
  anyCase?: boolean;
  /**
   * What a text holding the value holds, cheap to look for: a pattern that opens with letters is tried at every letter
   * of a text, one that opens with a digit only at its digits.
   */
  requires?: RegExp;
}

const ALWAYS = () => true;
/** Written as the card or the letter prints it, with its separators; typed as one run of digits, it needs its name. */
const printed = (separators: RegExp) => (value: string) => separators.test(value);

/**
 * An NHS number's shape and check: three, three and four digits, the last the mod-11 check of the others ("943 476
 * 5919"). Asked only where the text names the NHS: one phone number in eleven passes the check by chance.
 */
export function nhsNumber(value: string): boolean {
  if (!/^\d{3}[ -]?\d{3}[ -]?\d{4}$/.test(value)) return false;
  const digits = digitsOf(value);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

/**
 * Japan's My Number: twelve digits, the last checked against the others weighted 2 to 7 from the right, twice over
 * (the Ministry's ordinance no. 85, article 5).
 */
export function japaneseMyNumber(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 12) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += Number(digits[11 - n]) * (n <= 6 ? n + 1 : n - 5);
  const remainder = sum % 11;
  return Number(digits[11]) === (remainder <= 1 ? 0 : 11 - remainder);
}

/**
 * Singapore's NRIC and FIN: a letter for the century or the holder's kind, seven digits, and a check letter from the
 * digits weighted 2, 7, 6, 5, 4, 3, 2 (the 21st century's and foreigners' issued since 2000 offset by four).
 */
export function singaporeNric(value: string): boolean {
  const m = /^([STFG])(\d{7})([A-Z])$/.exec(value);
  if (!m) return false;
  const weights = [2, 7, 6, 5, 4, 3, 2];
  let sum = [...m[2]!].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  if (m[1] === 'T' || m[1] === 'G') sum += 4;
  const letters = m[1] === 'S' || m[1] === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  return letters[sum % 11] === m[3];
}

/** A US ITIN: nine digits, a 9 first and the middle two in the ranges the IRS issues (50–65, 70–88, 90–92, 94–99). */
const itin = (value: string) => /^9\d\d-?(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])-?\d{4}$/.test(value);

const swedishPersonnummer = checked(stdnum.SE.personnummer);

export const NATIONAL_ID_FORMATS: NationalIdFormat[] = [
  // UK's National Insurance number: two letters, six digits, a letter ("AB 12 34 56 C"); "QQ" is the documentation's.
  { name: 'gb-nino', pattern: String.raw`[A-CEGHJ-PR-TW-Z]{2}(?: ?\d{2}){3} ?[A-D]`, valid: (v) => stdnum.GB.nino.validate(v.replace(/ /g, '')).isValid, words: 'national insurance', acronyms: String.raw`NI (?:number|no)|NINO`, alone: ALWAYS, requires: /\d\d ?\d\d ?\d\d ?[A-D]/ },
  // Spain's DNI and NIE: eight digits and a check letter, or X, Y or Z, seven digits and the letter.
  { name: 'es-dni', pattern: String.raw`\d{8}-?[A-Z]|\d{2}\.\d{3}\.\d{3}-?[A-Z]`, valid: checked(stdnum.ES.dni), words: 'documento nacional', acronyms: 'DNI|NIF', alone: (v) => /[A-Z]$/.test(v) && !/0000-?[A-Z]$/.test(v), anyCase: true },
  { name: 'es-nie', pattern: String.raw`[XYZ]-?\d{7}-?[A-Z]`, valid: checked(stdnum.ES.nie), words: 'número de identidad de extranjero', acronyms: 'NIE|NIF', alone: ALWAYS, anyCase: true, requires: /\d{7}-?[A-Z]/i },
  // Italy's codice fiscale: sixteen letters and digits, with the birth date's letters and a check letter.
  {
    name: 'it-codice-fiscale',
    pattern: String.raw`[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPR-T][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]`,
    valid: (v) => /\d.*\d/.test(v) && stdnum.IT.codicefiscale.validate(v.toUpperCase()).isValid,
    words: 'codice fiscale',
    acronyms: 'C\\.F\\.|CF',
    alone: ALWAYS,
    anyCase: true,
    // Its birth date in digits, as all but the rare codes given to a homonym write it.
    requires: /\d\d[A-EHLMPR-T]\d\d[A-Z]\d{3}[A-Z]/i,
  },
  // France's social security number (NIR): fifteen digits, the key last; alone as the carte Vitale prints it, in groups.
  { name: 'fr-nir', pattern: String.raw`[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}`, valid: checked(stdnum.FR.nir), words: String.raw`s[ée]curit[ée] sociale|carte vitale|num[ée]ro de s[ée]cu`, acronyms: 'NIR|INSEE', alone: printed(/ /) },
  // Brazil's CPF: eleven digits with two check digits, printed "529.982.247-25".
  { name: 'br-cpf', pattern: String.raw`\d{3}\.?\d{3}\.?\d{3}-?\d{2}`, valid: checked(stdnum.BR.cpf), words: 'cadastro de pessoas', acronyms: 'CPF', alone: printed(/^\d{3}\.\d{3}\.\d{3}-\d{2}$/) },
  // Canada's Social Insurance Number: nine digits, Luhn.
  { name: 'ca-sin', pattern: String.raw`\d{3}[ -]?\d{3}[ -]?\d{3}`, valid: checked(stdnum.CA.sin), words: String.raw`social insurance|assurance sociale`, acronyms: 'SIN' },
  // The Netherlands' BSN: nine digits, the eleven test.
  { name: 'nl-bsn', pattern: String.raw`\d{4}\.?\d{2}\.?\d{3}`, valid: checked(stdnum.NL.bsn), words: String.raw`burgerservicenummer|sofi-?nummer`, acronyms: 'BSN' },
  // The Nordic countries' personal numbers: the birth date and a serial with a check digit or character (a Swedish one
  // typed without its separator is checked as printed: the port takes no other length).
  { name: 'se-personnummer', pattern: String.raw`(?:\d{2})?\d{6}[-+ ]?\d{4}`, valid: (v) => swedishPersonnummer(/^\d{10}(?:\d\d)?$/.test(v) ? `${v.slice(0, -4)}-${v.slice(-4)}` : v), words: 'personnummer|personnr|samordningsnummer' },
  // Finland's henkilötunnus: its century sign and check character make it a shape of its own, when one is a letter
  // (a build's "240315-0070" is a date and a serial as much).
  { name: 'fi-hetu', pattern: String.raw`\d{6}[-+A-FU-Y]\d{3}[0-9A-FHJ-NPR-Y]`, valid: checked(stdnum.FI.hetu), words: 'henkilötunnus|hetu|personbeteckning', alone: (v) => /[A-Z]/.test(v) },
  { name: 'dk-cpr', pattern: String.raw`\d{6}-?\d{4}`, valid: checked(stdnum.DK.cpr), words: String.raw`cpr-?(?:nr|nummer)|personnummer` },
  { name: 'no-fodselsnummer', pattern: String.raw`\d{6} ?\d{5}`, valid: checked(stdnum.NO.fodselsnummer), words: String.raw`f[øo]dselsnummer|personnummer`, acronyms: 'FNR|fnr' },
  // The NHS number of England, Wales and the Isle of Man, in the ranges issued (3, 4, 6 and 7 hundred millions): the
  // documentation's "943 476 5919" and "987 654 4321", and the 999 range kept for tests, are no one's.
  { name: 'gb-nhs', pattern: String.raw`\d{3}[ -]?\d{3}[ -]?\d{4}`, valid: (v) => /^[3467]/.test(v) && nhsNumber(v), words: String.raw`nhs (?:number|no)`, acronyms: 'NHS' },
  // Poland's PESEL, Germany's tax id and pension insurance number, Austria's social insurance number.
  { name: 'pl-pesel', pattern: String.raw`\d{11}`, valid: checked(stdnum.PL.pesel), words: 'pesel' },
  { name: 'de-idnr', pattern: String.raw`\d{2} ?\d{3} ?\d{3} ?\d{3}`, valid: checked(stdnum.DE.idnr), words: String.raw`steuer-?id|steuer-?idnr|steueridentifikationsnummer|identifikationsnummer`, acronyms: 'IdNr' },
  { name: 'de-svnr', pattern: String.raw`\d{2} ?\d{6} ?[A-Z] ?\d{3}`, valid: checked(stdnum.DE.svnr), words: String.raw`sozialversicherungsnummer|rentenversicherungsnummer|sv-?nummer|rv-?nummer`, acronyms: 'SVNR' },
  { name: 'at-vnr', pattern: String.raw`\d{4} ?\d{6}`, valid: checked(stdnum.AT.vnr), words: String.raw`sozialversicherungsnummer|versicherungsnummer`, acronyms: 'SVNR|VSNR' },
  // Belgium's national number, Switzerland's AHV number (its "756" country prefix alone is a shape of its own).
  { name: 'be-national-number', pattern: String.raw`\d{2}\.?\d{2}\.?\d{2}[- ]?\d{3}\.?\d{2}`, valid: checked(stdnum.BE.nn), words: String.raw`rijksregisternummer|rijksregister|num[ée]ro national|national number`, acronyms: 'INSZ|NISS' },
  { name: 'ch-ahv', pattern: String.raw`756\.\d{4}\.\d{4}\.\d{2}|756\d{10}`, valid: checked(stdnum.CH.ssn), words: String.raw`sozialversicherungsnummer|num[ée]ro AVS|AHV-?nummer`, acronyms: 'AHV|AVS', alone: printed(/\./) },
  { name: 'ie-pps', pattern: String.raw`\d{7}[A-W][ABWTXZ]?`, valid: checked(stdnum.IE.pps), words: 'personal public service', acronyms: 'PPSN?' },
  { name: 'pt-citizen-card', pattern: String.raw`\d{8} ?\d ?[A-Z]{2}\d`, valid: checked(stdnum.PT.cc), words: String.raw`cart[ãa]o de cidad[ãa]o|citizen card` },
  { name: 'ro-cnp', pattern: String.raw`[1-9]\d{12}`, valid: checked(stdnum.RO.cnp), words: 'cod numeric personal', acronyms: 'CNP' },
  { name: 'cz-birth-number', pattern: String.raw`\d{6}\/?\d{3,4}`, valid: checked(stdnum.CZ.rc), words: String.raw`rodn[ée] [čc][ií]slo`, acronyms: 'RČ' },
  { name: 'gr-amka', pattern: String.raw`\d{11}`, valid: checked(stdnum.GR.amka), words: 'αμκα', acronyms: 'AMKA' },
  { name: 'tr-kimlik', pattern: String.raw`[1-9]\d{10}`, valid: checked(stdnum.TR.tckimlik), words: String.raw`t\.?c\.? kimlik|kimlik (?:no|numaras[ıi])`, acronyms: 'TCKN' },
  // India's Aadhaar (Verhoeff's check digit) and PAN; Mexico's CURP, a shape of its own.
  { name: 'in-aadhaar', pattern: String.raw`[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}`, valid: checked(stdnum.IN.aadhaar), words: 'aadhaa?r|आधार', acronyms: 'UIDAI' },
  { name: 'in-pan', pattern: String.raw`[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]`, valid: checked(stdnum.IN.pan), words: 'permanent account number', acronyms: 'PAN', requires: /\d{4}[A-Z]/ },
  { name: 'mx-curp', pattern: String.raw`[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d`, valid: checked(stdnum.MX.curp), words: 'clave única de registro', acronyms: 'CURP', alone: ALWAYS, requires: /\d{6}[HMX][A-Z]{5}/ },
  // China's resident identity number, South Korea's resident registration number, South Africa's identity number.
  { name: 'cn-resident-id', pattern: String.raw`\d{17}[\dXx]`, valid: checked(stdnum.CN.ric), words: String.raw`身份证(?:号码?)?|公民身份号码|resident identity|identity card|id card` },
  { name: 'kr-rrn', pattern: String.raw`\d{6}-?\d{7}`, valid: checked(stdnum.KR.rrn), words: String.raw`주민등록번호|resident registration`, acronyms: 'RRN' },
  { name: 'za-id', pattern: String.raw`\d{6} ?\d{4} ?\d{2} ?\d`, valid: checked(stdnum.ZA.idnr), words: String.raw`id number|identity number`, acronyms: 'SA ID' },
  // Japan's My Number (its acronym-like English name in capitals only: "my number" is a phone's); the US ITIN.
  { name: 'jp-my-number', pattern: String.raw`\d{4}[ -]?\d{4}[ -]?\d{4}`, valid: japaneseMyNumber, words: 'マイナンバー|個人番号', acronyms: 'My ?Number' },
  { name: 'us-itin', pattern: String.raw`9\d{2}-?\d{2}-?\d{4}`, valid: itin, words: 'individual taxpayer identification', acronyms: 'ITIN' },
  // Asia's and Latin America's: Hong Kong's card number with its check digit in brackets, Thailand's in its 1-4-5-2-1
  // groups, Singapore's NRIC (a shape of its own), Chile's RUN with its dots and Argentina's CUIL in its dashed groups
  // are found alone; Taiwan's, Malaysia's MyKad and Pakistan's CNIC (no check digit: "Batch 240315-01-0001" is a date
  // and serials too) beside their names.
  { name: 'hk-hkid', pattern: String.raw`[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])`, valid: checked(stdnum.HK.hkid), words: '香港身份證|identity card', acronyms: 'HKID', alone: printed(/\(/) },
  { name: 'tw-national-id', pattern: String.raw`[A-Z][12]\d{8}`, valid: checked(stdnum.TW.natid), words: '身分證(?:字號|號碼)?|國民身分證|national id' },
  { name: 'my-nric', pattern: String.raw`\d{6}-?\d{2}-?\d{4}`, valid: checked(stdnum.MY.nric), words: String.raw`mykad|kad pengenalan|no\. ?k\.?p`, acronyms: 'NRIC|IC No' },
  { name: 'th-id', pattern: String.raw`\d[ -]?\d{4}[ -]?\d{5}[ -]?\d{2}[ -]?\d`, valid: checked(stdnum.TH.idnr), words: 'บัตรประจำตัวประชาชน|เลขประจำตัวประชาชน|thai id', alone: printed(/^\d-\d{4}-\d{5}-\d{2}-\d$/) },
  { name: 'sg-nric', pattern: String.raw`[STFG]\d{7}[A-Z]`, valid: singaporeNric, words: 'nric|fin number', acronyms: 'NRIC|FIN', alone: ALWAYS, requires: /[STFG]\d{7}[A-Z]/ },
  { name: 'cl-run', pattern: String.raw`\d{1,2}\.\d{3}\.\d{3}-[\dkK]|\d{7,8}-[\dkK]`, valid: (v) => stdnum.CL.run.validate(v.replace(/\./g, '')).isValid, words: String.raw`rol [úu]nico nacional|c[ée]dula de identidad`, acronyms: 'RUT', alone: printed(/^\d{1,2}\.\d{3}\.\d{3}-[\dkK]$/) },
  { name: 'ar-cuil', pattern: String.raw`2[0347]-?\d{8}-?\d`, valid: checked(stdnum.AR.cuit), words: String.raw`c[óo]digo [úu]nico de identificaci[óo]n laboral`, acronyms: 'CUIL|CUIT', alone: printed(/^\d{2}-\d{8}-\d$/) },
  { name: 'pk-cnic', pattern: String.raw`\d{5}-?\d{7}-?\d`, valid: checked(stdnum.PK.cnic), words: 'computerized national identity|national identity card', acronyms: 'CNIC' },
  // Australia's tax file number; Israel's identity number.
  { name: 'au-tfn', pattern: String.raw`\d{3} ?\d{3} ?\d{2,3}`, valid: checked(stdnum.AU.tfn), words: 'tax file number', acronyms: 'TFN' },
  { name: 'il-id', pattern: String.raw`\d{9}`, valid: checked(stdnum.IL.idnr), words: String.raw`teudat zehut|תעודת זהות|ת\.ז|israeli id` },
];

/**
 * A passport's or a driving licence's number after its label, in the languages prompts come in ("Passport No.:
 * X1234567", "Führerscheinnummer B072RRE2I55", "the other driver was Inga, license 4CPRJ9NH", "I lost my license
 * 51YCVFBA"): no check digit to test, so only there, and only a value with a digit. A new label's first word goes
 * into `national-id.ts`'s DOCUMENT_START too: the labels are looked for only where one of those words stands.
 */
export const DOCUMENT_LABELS = {
  passport: String.raw`passport|passeport|reisepass|pasaporte|passaporto|paspoort|paszport|passnummer|pass-?nr`,
  driving_licence: String.raw`driver['’]?s? licen[cs]e|driving licen[cs]e|(?<=(?:driver|DMV)\b[^.\n]{0,60})licen[cs]e|(?:my|his|her|their|your) licen[cs]e|licen[cs]e(?=[ \t]*(?:no\b|nr\b|number|#))|DL ?(?:#|no\.?|number)|DL(?=[ \t]*:)|führerschein(?:nummer)?|permis de conduire|carn[eé]t? de conducir|licencia de conducir|patente di guida|rijbewijs(?:nummer)?|carteira de motorista`,
};
