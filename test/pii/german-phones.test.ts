import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const phones = (text: string) => detector.detect(text).filter((f) => f.category === 'phone').map((f) => f.value);

describe('German phone numbers', () => {
  it('mobiles of 11 or 12 digits, labelled in German or not', () => {
    expect(phones('Meine Handynummer ist 0151 23456789')).toEqual(['0151 23456789']);
    expect(phones('Mobil: 0151 23456789')).toEqual(['0151 23456789']);
    expect(phones('Handy 015123456789')).toEqual(['015123456789']);
    expect(phones('0151-23456789')).toEqual(['0151-23456789']);
    expect(phones('Handy: 0171 2345678')).toEqual(['0171 2345678']);
    expect(phones('Peter Schmidt, 0176 98765432, Berlin')).toEqual(['0176 98765432']);
    expect(phones('Meine Telefonnummer: 030 12345678')).toEqual(['030 12345678']);
  });

  it('an area code set apart by a slash, beside a phone\'s word', () => {
    expect(phones('Tel.: 089/12345678')).toEqual(['089/12345678']);
    expect(phones('Telefon 030/1234567')).toEqual(['030/1234567']);
    expect(phones('Tel.: 089 / 123 456 78')).toEqual(['089 / 123 456 78']);
  });

  it('a country code before the area code\'s slash, whatever the words around (Hungarian numbers are written so)', () => {
    expect(phones('I got a text from +36 70/327-5186 saying my parcel 48213 is held')).toEqual(['+36 70/327-5186']);
    expect(phones('O cliente ligou do número +36 30/124-9336 reclamando')).toEqual(['+36 30/124-9336']);
    expect(phones('see 0036 1/234 5678 or +49 89/12345678')).toEqual(['+49 89/12345678']);
    // "00" opens references as often: only beside a phone's word.
    expect(phones('Tel. 0036 1/234 5678')).toEqual(['0036 1/234 5678']);
    expect(phones('Az. 0049 2023/4471 vom Amt')).not.toContain('0049 2023/4471');
    expect(phones('add +3 1/2 cup of flour, version +1 2/3')).toEqual([]);
  });

  it('versions, order numbers, dates, amounts and fractions are none', () => {
    expect(phones('Version 2.0151')).toEqual([]);
    expect(phones('Version 2.0151 23456789 bytes')).toEqual([]);
    expect(phones('Bestellnummer 0151 23456789')).toEqual([]);
    expect(phones('Kundennr. 015123456789')).toEqual([]);
    expect(phones('order 015123456789')).toEqual([]);
    expect(phones('am 01/02/2024, Datum: 15/03/2024')).toEqual([]);
    expect(phones('Betrag: 1 234 567 EUR, 12/345678 Stück')).toEqual([]);
    // A slash without a phone's word near is a fraction's or a path's.
    expect(phones('089/12345678')).toEqual([]);
    expect(phones('ratio 123/4567890 and Rechnung 2024/123456')).toEqual([]);
    expect(phones('Tel.: 01/02/2024')).toEqual([]);
  });
});
