import { matches } from './context';
import { finding, type Detector } from './types';

/**
 * Street addresses: a house number and a street name with a street word, in
 * English and several European styles ("12 Baker Street", "Rua do Arenque 1634",
 * "Brucker Bundesstrasse 31"), with an optional unit (Apt., Suite).
 */
const STREET_WORDS = String.raw`street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|lane|ln\.?|drive|dr\.?|court|ct\.?|place|pl\.?|square|sq\.?|way|parkway|pkwy|terrace|highway|hwy|parks?|circle|crescent|close|strasse|straße|str\.|gasse|weg|allee|platz|rue|avenida|rua|calle|via|viale|piazza|straat|laan|gata|gatan|gade|vej|katu|tie|utca|ulica|ul\.`;
const UNIT = String.raw`(?:,?\s+(?:apt\.?|apartment|suite|ste\.?|unit|floor|fl\.?)\s*#?\s*\w+)?`;
const NUMBER_FIRST = new RegExp(String.raw`\b\d{1,5}[A-Za-z]?\s+(?:[\p{L}'’.-]+\s+){0,4}(?:${STREET_WORDS})\b${UNIT}`, 'giu');
const NAME_FIRST = new RegExp(String.raw`\b(?:${STREET_WORDS})\s+(?:[\p{L}'’.-]+\s+){0,3}\d{1,5}[A-Za-z]?\b${UNIT}`, 'giu');
const COMPOUND = new RegExp(String.raw`\b\p{Lu}[\p{Ll}]+(?:strasse|straße|gasse|weg|allee|platz|vej|gata|gatan|gade|katu|straat|laan)\s+\d{1,5}[A-Za-z]?\b${UNIT}`, 'gu');

export const addressDetector: Detector = {
  name: 'address',
  category: 'address',
  priority: 40,
  detect(text) {
    const out = [];
    for (const pattern of [NUMBER_FIRST, NAME_FIRST, COMPOUND]) {
      for (const m of matches(text, pattern)) out.push(finding(this, m.index, m[0], 0.75));
    }
    return out;
  },
};
