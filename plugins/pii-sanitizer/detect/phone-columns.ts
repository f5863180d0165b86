import { alternativesTree } from './alternation';
import { DATE_SHAPE, digitsOf } from './context';
import { cellsUnder, mayHoldTable, type ColumnCell } from './table-lines';

/**
 * Phones in a table's column named for them ("navn,telefon\nPerson 0,33115163", "| Name | Mobile |"), or for a contact
 * ("| Driver | Contact |", "Kontakt"), whose cells of a number's shape are phones (its mails are the email detector's): a
 * cell of a phone's characters and 7 to 15 digits is one, however far below the header and however short (Denmark's and
 * Norway's eight digits need no trunk "0" or "+"); one digit over and over is a filler, a date when someone was called.
 */
const COLUMN =
  /^(?:(?:home|work|office|mobile|cell|contact|primary|private|business|emergency)[ _-]?)?(?:phone|telephone|tel\.?|mobile|cell(?:phone)?|fax|contact|kontakt|contacto|contato|contatto|telefon|telefonnummer|handy|handynummer|mobil|mobilnummer|tlf\.?|tel[eé]fono|t[eé]l[eé]phone|telefone|telefoon|puhelin|gsm|whatsapp)(?:[ _-]?(?:number|no\.?|nr\.?|#))?$/i;
const CUE = new RegExp(alternativesTree('phone|tel|mobil|cell|fax|handy|tlf|puhelin|gsm|whatsapp|contact|kontakt|contat', true), 'i');
const CELL = /^\+?\(?\d[\d ().\/-]{5,22}\d$/;
const FILLER = /^(\d)\1+$/;

export function phonesInColumns(text: string): ColumnCell[] {
  if (!mayHoldTable(text) || !CUE.test(text)) return [];
  return cellsUnder(text, COLUMN).filter((cell) => {
    const digits = digitsOf(cell.value);
    return CELL.test(cell.value) && digits.length >= 7 && digits.length <= 15 && !FILLER.test(digits) && !DATE_SHAPE.test(cell.value);
  });
}

/**
 * A column named for another number ("NHS_NO", "Patient ID", "Order #", "SSN"; not "Number" alone nor "Contact number"): its cells are that number's, however much
 * they look like a phone ("PATIENT_NAME|NHS_NO|DOB|TEL\nKeith Mills|943 476 5919|…": a 3-3-4 NHS number). Not a phone's
 * number by its short word or by whose or which line it is either ("Mob No", "Ph No", "Emergency Number", "Alternate
 * Number", "Parent No").
 */
const ID_WORDS = 'nhs|ssn|sin|nino?|id|account|order|invoice|ticket|ref|reference|mrn|case|policy|member|customer|tracking';
const ID_COLUMN = new RegExp(
  String.raw`^(?![^\n]*(?:phone|tel|mobil|cell|fax|handy|tlf|gsm|whatsapp|contact|home|work|office|direct|landline|call|(?<![a-z])(?:mob|ph|alt|sms|kin)(?![a-z])|emergenc|altern|parent|guardian|primary|secondary|backup|personal|private|viber|telegram|reach|dial|spouse))(?:(?:[\w ]*[ _-])?(?:${ID_WORDS})(?:[ _-][\w ]*)?|[\w ]*\w[ _-]?(?:no\.?|nr\.?|#|number))$`,
  'i',
);
/** A header's word for such a column (its own word whole, or a number's word ending one: "OrderNo"), without which no table has one. */
const ID_HEADER_WORD = new RegExp(String.raw`(?<![a-z])(?:${ID_WORDS})(?![a-z])|(?:no|nr|number)(?![a-z])|#`, 'i');

/** Where each cell of such a column starts. */
export function idCellStarts(text: string): Set<number> {
  if (!mayHoldTable(text) || !ID_HEADER_WORD.test(text)) return new Set();
  return new Set(cellsUnder(text, ID_COLUMN).map((cell) => cell.start));
}
