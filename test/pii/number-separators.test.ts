import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const found = (text: string) => detector.detect(text).map((f) => [f.category, f.value]);
const of = (category: string, text: string) => found(text).filter(([c]) => c === category).map(([, v]) => v);

describe('numbers written with the blanks and dashes of word processors and banking sites', () => {
  it('no-break, narrow no-break and figure spaces inside a card or an IBAN; the finding is the text as typed', () => {
    expect(of('credit_card', 'Carte : 4539\u202f1488\u202f0343\u202f6467')).toEqual(['4539\u202f1488\u202f0343\u202f6467']);
    expect(of('credit_card', '4539\u00a01488\u00a00343\u00a06467')).toEqual(['4539\u00a01488\u00a00343\u00a06467']);
    expect(of('credit_card', '4539\u20071488\u20070343\u20076467')).toEqual(['4539\u20071488\u20070343\u20076467']);
    expect(of('iban', 'IBAN DE89\u00a03704 0044\u00a00532 0130 00 bitte')).toEqual(['DE89\u00a03704 0044\u00a00532 0130 00']);
    const text = 'Virement: DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000.';
    const [iban] = detector.detect(text);
    expect(text.slice(iban!.start, iban!.end)).toBe(iban!.value);
    // Luhn and mod-97 still hold.
    expect(of('credit_card', '4539\u202f1488\u202f0343\u202f6468')).toEqual([]);
    expect(of('iban', 'DE88\u00a03704\u00a00044\u00a00532\u00a00130\u00a000')).toEqual([]);
  });

  it('typographic dashes between digits read as "-"; between words they stay dashes', () => {
    expect(of('phone', 'call 415–555–0132')).toEqual(['415–555–0132']);
    expect(of('phone', 'call 415‑555‑0132')).toEqual(['415‑555‑0132']);
    expect(of('phone', 'call 415‐555‐0132')).toEqual(['415‐555‐0132']);
    expect(of('phone', 'call 415−555−0132')).toEqual(['415−555−0132']);
    expect(of('ssn', 'SSN 536–90–4399')).toEqual(['536–90–4399']);
    expect(found('pages 12–15 of the 2019–2023 report')).toEqual([]);
    expect(found('from 2024–01–15 to 2024–02–01')).toEqual([]);
    expect(of('person', 'Jane Doe – CEO')).toEqual(['Jane Doe']);
  });

  it('amounts grouped in thousands beside a currency are no phones', () => {
    expect(found('Le prix est de 12\u202f345\u202f678\u00a0€.')).toEqual([]);
    expect(found('Total : 1\u202f234\u202f567,89 €')).toEqual([]);
    expect(found('budget € 45 000 000')).toEqual([]);
    expect(of('phone', 'Tél : 06\u202f12\u202f34\u202f56\u202f78')).toEqual(['06\u202f12\u202f34\u202f56\u202f78']);
  });

  it('cards in dots, as some forms print them, in a card\'s groups only', () => {
    expect(of('credit_card', 'card 4539.1488.0343.6467 on file')).toEqual(['4539.1488.0343.6467']);
    expect(of('credit_card', 'Amex 3714.496353.98431.')).toEqual(['3714.496353.98431']);
    expect(of('credit_card', '4539.1488.0343.6468')).toEqual([]);
    expect(of('credit_card', 'v4539.1488.0343.6467.2 and 1.4539.1488.0343.6467')).toEqual([]);
    expect(of('credit_card', 'pi 3.1415926535897932')).toEqual([]);
  });

  it('IBAN groups parted by runs of blanks, tabs or dashes, and a country code apart from its check digits', () => {
    expect(of('iban', 'DE89  3704  0044  0532  0130  00')).toEqual(['DE89  3704  0044  0532  0130  00']);
    expect(of('iban', 'IBAN\tDE89\t3704\t0044\t0532\t0130\t00\tEUR')).toEqual(['DE89\t3704\t0044\t0532\t0130\t00']);
    expect(of('iban', 'to DE89-3704-0044-0532-0130-00 today')).toEqual(['DE89-3704-0044-0532-0130-00']);
    expect(of('iban', 'Konto DE 89 3704 0044 0532 0130 00')).toEqual(['DE 89 3704 0044 0532 0130 00']);
    expect(of('iban', 'gb29-nwbk-6016-1331-9268-19')).toEqual(['gb29-nwbk-6016-1331-9268-19']);
    // A UUID's groups, a wrong check and a lower-case word before digits are none.
    expect(of('iban', 'id de305d54-75b4-431b-adb2-eb6b9e546014')).toEqual([]);
    expect(of('iban', 'DE88-3704-0044-0532-0130-00')).toEqual([]);
    expect(of('iban', 'at 10 1234 5678 9012 3456')).toEqual([]);
  });
});
