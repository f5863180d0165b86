import { digitsOf, luhnValid, matches, nearWords } from './context';
import { OTHER_NUMBER_BEFORE } from './phone';
import { finding, type Detector, type Finding } from './types';

/**
 * Payment cards: 12–19 digits (spaces or dashes allowed), Luhn-valid, in a known issuer range; not the digits of
 * a decimal number ("score: 0.5768911502526741", "0,4532015112830366"); another comma is a field's end
 * ("Jane,4111111111111111,12/26"); after a "+", digits grouped as no card is ("+49 221 00901728") are an international
 * phone number, while a URL's "+" for a blank leaves a card a card ("pay+with+card+4111111111111111").
 */
const CANDIDATE = /(?<![\d-])(?<!\d\.)(?<!(?:^|[^\d.,])0,)\d(?:[ -]?\d){11,18}(?![\d-])(?!\.\d)/g;
/**
 * Dotted as some forms print a card ("4539.1488.0343.6467", Amex's "3714.496353.98431"): only a card's groups, so a
 * version or an address in dots is never one.
 */
const DOTTED = /(?<![\d.])\d{4}\.(?:\d{4}\.\d{4}\.\d{4}|\d{6}\.\d{4,5})(?!\d|\.\d)/g;
const CONTEXT = /\b(card|credit|debit|visa|mastercard|amex|cc|payment|pay|mir|rupay|troy)\b|карт|kart/i;

/** Issuer prefixes and lengths (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro). */
function issuerKnown(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p4 = Number(d.slice(0, 4));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (d.startsWith('6011') || d.startsWith('65') || (p4 >= 6440 && p4 <= 6499)) return n >= 16 && n <= 19;
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p4 >= 3000 && p4 <= 3059)) return n >= 14 && n <= 19;
  if (p2 === 35) return n >= 16 && n <= 19;
  if (d.startsWith('2131') || d.startsWith('1800')) return n === 15;
  if (d.startsWith('62')) return n >= 16 && n <= 19;
  if (mirRange(d)) return n >= 16 && n <= 19;
  if (rupayOrTroyRange(d)) return n === 16;
  // Maestro: 50, 56–69 and the UK 0604 range, 12 to 19 digits.
  if (d.startsWith('0604') || d[0] === '5' || d[0] === '6') return n >= 12 && n <= 19;
  return false;
}

export const creditCardDetector: Detector = {
  name: 'credit-card',
  category: 'credit_card',
  priority: 90,
  detect(text) {
    const out = [];
    for (const m of matches(text, CANDIDATE)) {
      const card = cardWithin(m[0]);
      if (!card) continue;
      const start = m.index + card.offset;
      if (text[start - 1] === '+' && !CARD_GROUPING.test(card.value)) continue;
      if (regionalRange(digitsOf(card.value)) && !/[ -]/.test(card.value) && !nearWords(text, start, start + card.value.length, CONTEXT)) continue;
      if (anotherCodes(text, start, start + card.value.length)) continue;
      out.push(cardFinding(this, text, start, card.value));
    }
    for (const m of matches(text, DOTTED)) if (isCard(m[0]) && !anotherCodes(text, m.index, m.index + m[0].length)) out.push(cardFinding(this, text, m.index, m[0]));
    return out;
  },
};

function cardFinding(detector: Detector, text: string, start: number, value: string): Finding {
  return finding(detector, start, value, nearWords(text, start, start + value.length, CONTEXT) ? 0.99 : 0.9);
}

/**
 * Mir's, RuPay's and Troy's ranges hold ids as often as cards (one in ten numbers passes Luhn): unbroken, such a number
 * is a card only beside a card's word ("Order ID 8217345900123457" is none).
 */
function regionalRange(digits: string): boolean {
  return mirRange(digits) || rupayOrTroyRange(digits);
}

/** Mir's range (Russia, 2200–2204). */
const mirRange = (digits: string) => /^220[0-4]/.test(digits);
/** RuPay's (India, 81, 82 and 508) and Troy's (Türkiye, 9792). */
const rupayOrTroyRange = (digits: string) => /^(?:8[12]|508|9792)/.test(digits);

/** A card number's digits, Luhn-valid and in an issuer's range. */
function isCard(value: string): boolean {
  const digits = digitsOf(value);
  return digits.length >= 12 && luhnValid(digits) && issuerKnown(digits);
}

/** A card's own words after its number: its expiry, its code, its brand ("4111 … exp 12/26 cvv 123", "… (Visa)"). */
const CARD_WORDS_AFTER = /^[^\n]{0,24}?\b(?:exp|expiry|expires|valid thru|cvv|cvc|cv2|visa|mastercard|amex|maestro)\b/i;

/**
 * Another identifier's label right before the number ("Batch code 5500 0000 0000 0004 is not a card number", "Tracking
 * 4111 1111 1111 1111"), no card's word in the label, or a card's that pays with no bank's money, and none of a card's
 * words after the number: a test card's digits pass Luhn as any code's may.
 */
function anotherCodes(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  if (CARD_WORDS_AFTER.test(text.slice(end, end + 40))) return false;
  return NO_PAYMENT_CARD_BEFORE.test(before) || (OTHER_NUMBER_BEFORE.test(before) && !CONTEXT.test(before));
}
/** A card that pays with no bank's money: "GIFT CARD 6006 4912 0033 8871", "loyalty card no. …", "SIM card 8944…". */
const NO_PAYMENT_CARD_BEFORE = /(?<![A-Za-z])(?:gift|loyalty|rewards?|store|membership|member|library|sim|id|access|key|club|bonus|customer)[ \t-]?card(?:[ \t]*(?:number|no\.?|nr\.?|#|code|id))?[ \t]*[:#]?[ \t]*$/i;

/** How cards are written: in fours (with a short last group), Amex's 4-6-5, or unbroken; 13 digits at least. */
const CARD_GROUPING = /^(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{1,4}(?:[ -]\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{4,5}|\d{13,19})$/;
/** "56 57 58 59 60 61 62 63 64": small numbers in a row, not a card's groups. */
const SMALL_NUMBERS = /^\d{1,3}(?:[ -]\d{1,3}){3,}$/;

/**
 * The card in a run of digit groups: the whole run, or else the longest run of whole groups inside it grouped as cards
 * are, so a number written beside the card does not hide it ("card 4111 1111 1111 1111 0 issues", "item 9 4111 1111
 * 1111 1111"); "6 7 8 9 10 11 12 13" and "5678-9012-3456" inside longer runs are no cards.
 */
function cardWithin(run: string): { value: string; offset: number } | undefined {
  if (SMALL_NUMBERS.test(run)) return undefined;
  if (isCard(run)) return { value: run, offset: 0 };
  const groups = [...run.matchAll(/\d+/g)];
  if (groups.length < 2) return undefined;
  for (let size = groups.length - 1; size >= 1; size--) {
    for (let first = 0; first + size <= groups.length; first++) {
      let digits = 0;
      for (let g = first; g < first + size; g++) digits += groups[g]![0].length;
      // Only windows of a card's length are looked at.
      if (digits < 13 || digits > 19) continue;
      const from = groups[first]!.index!;
      const last = groups[first + size - 1]!;
      const value = run.slice(from, last.index! + last[0].length);
      if (CARD_GROUPING.test(value) && isCard(value)) return { value, offset: from };
    }
  }
  return undefined;
}
