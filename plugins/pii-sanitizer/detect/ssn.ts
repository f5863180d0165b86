import { matches, nearWords } from './context';
import { OTHER_NUMBER_BEFORE } from './phone';
import { cellsUnder, mayHoldTable } from './table-lines';
import { finding, type Detector } from './types';

/**
 * US Social Security numbers in valid ranges (area not 000, 666 or 9xx; group not
 * 00; serial not 0000). Dashed or spaced forms count; bare nine digits only next to
 * words such as SSN or social security.
 */
const FORMATTED = /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])/g;
const BARE = /(?<!\d)(\d{3})(\d{2})(\d{4})(?!\d)/g;
/** Words that name an SSN, in prose and as a field's name ("social_security_number", "socialSecurityNumber", "customerSSN"). */
const CONTEXT = new RegExp(
  [
    /(?<![A-Za-z])(?:[Ss]sn|[Ss]ocial[ _-]?[Ss]ec(?:urity)?|[Tt]ax[ _-]?[Ii][Dd]|[Tt]axpayer)(?![a-z])/.source,
    /(?<![A-Za-z])(?:SSN|SOCIAL[ _-]?SEC(?:URITY)?|TAX[ _-]?ID|TAXPAYER)(?![A-Za-z])/.source,
    /(?<=[a-z])(?:SSN|Ssn|SocialSecurity|TaxId)(?![a-z])/.source,
  ].join('|'),
);
/** A table's column of SSNs ("name,ssn", "| Name | SSN |"): each row's cell is one, however far below the header. */
const COLUMN = /^(?:ssns?|social[ _-]?security(?:[ _-]?(?:number|no\.?|#))?|ssn[ _-]?(?:number|no\.?|#))$/i;
const CELL = /^(\d{3})([- ]?)(\d{2})\2(\d{4})$/;

/**
 * Nine digits after a country's code or a phone's label on their line are a phone's ("SSN: 611-34-3000\nPhone: +33
 * 700440237"), whatever SSN stands on the line before.
 */
const PHONE_PART_BEFORE = /\+\d{1,4}[ \t\u00a0-]?$|(?<![A-Za-z])(?:phone|telephone|tel|mobile|cell|fax)(?![a-z])[^\n\d]{0,12}$/i;

function validParts(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

export const ssnDetector: Detector = {
  name: 'ssn',
  category: 'ssn',
  priority: 85,
  detect(text) {
    const out = [];
    for (const m of matches(text, FORMATTED)) {
      if (!validParts(m[1], m[3], m[4])) continue;
      const named = nearWords(text, m.index, m.index + m[0].length, CONTEXT);
      // Another identifier's label before it, with no word for an SSN near: "Invoice 412-55-1234", "Kundennummer 532-11-4321".
      if (!named && OTHER_NUMBER_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      out.push(finding(this, m.index, m[0], named ? 0.99 : 0.85));
    }
    for (const m of matches(text, BARE)) {
      if (PHONE_PART_BEFORE.test(text.slice(Math.max(0, m.index - 32), m.index))) continue;
      if (validParts(m[1], m[2], m[3]) && nearWords(text, m.index, m.index + m[0].length, CONTEXT)) out.push(finding(this, m.index, m[0], 0.8));
    }
    if (!mayHoldTable(text) || !/ssn|social[ _-]?security/i.test(text)) return out;
    for (const cell of cellsUnder(text, COLUMN)) {
      const parts = CELL.exec(cell.value);
      if (parts && validParts(parts[1]!, parts[3]!, parts[4]!)) out.push(finding(this, cell.start, cell.value, 0.9));
    }
    return out;
  },
};
