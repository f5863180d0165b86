import { digitsOf } from './context';
import { cellsUnder, type ColumnCell } from './table-lines';

/**
 * Phones in a table's column named for them ("navn,telefon\nPerson 0,33115163", "| Name | Mobile |"): a cell of a phone's
 * characters and 7 to 15 digits is one, however far below the header and however short (Denmark's and Norway's eight
 * digits need no trunk "0" or "+"); one digit over and over is a filler.
 */
const COLUMN =
  /^(?:(?:home|work|office|mobile|cell|contact|primary|private|business)[ _-]?)?(?:phone|telephone|tel\.?|mobile|cell(?:phone)?|fax|telefon|telefonnummer|handy|handynummer|mobil|mobilnummer|tlf\.?|tel[eé]fono|t[eé]l[eé]phone|telefone|telefoon|puhelin|gsm|whatsapp)(?:[ _-]?(?:number|no\.?|nr\.?|#))?$/i;
const CUE = /phone|tel|mobil|cell|fax|handy|tlf|puhelin|gsm|whatsapp/i;
const CELL = /^\+?\(?\d[\d ().\/-]{5,22}\d$/;
const FILLER = /^(\d)\1+$/;

export function phonesInColumns(text: string): ColumnCell[] {
  if (!CUE.test(text)) return [];
  return cellsUnder(text, COLUMN).filter((cell) => {
    const digits = digitsOf(cell.value);
    return CELL.test(cell.value) && digits.length >= 7 && digits.length <= 15 && !FILLER.test(digits);
  });
}
