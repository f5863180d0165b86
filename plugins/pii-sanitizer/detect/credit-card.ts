import { digitsOf, luhnValid, matches, nearWords } from './context';
import { finding, type Detector } from './types';

/**
 * Payment cards: 12–19 digits (spaces or dashes allowed), Luhn-valid, in a known issuer range; not the digits of
 * a decimal number ("score: 0.5768911502526741", "0,4532015112830366"); another comma is a field's end
 * ("Jane,4111111111111111,12/26").
 */
const CANDIDATE = /(?<![\d-])(?<!\d\.)(?<!(?:^|[^\d.,])0,)\d(?:[ -]?\d){11,18}(?![\d-])(?!\.\d)/g;
const CONTEXT = /\b(card|credit|debit|visa|mastercard|amex|cc|payment|pay)\b/i;

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
      const digits = digitsOf(m[0]);
      if (!luhnValid(digits) || !issuerKnown(digits)) continue;
      out.push(finding(this, m.index, m[0], nearWords(text, m.index, m.index + m[0].length, CONTEXT) ? 0.99 : 0.9));
    }
    return out;
  },
};
