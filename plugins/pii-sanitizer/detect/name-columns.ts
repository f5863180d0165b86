import { alternativesTree } from './alternation';
import { cellOffsets, lineStarts, mayHoldTable, tableCells } from './table-lines';

/**
 * Names in a table's name column: a header line of cells split by "|", a tab, ";" or ",", one of which names people
 * ("Name | Role | Ext.", "first_name,last_name,email", "Employee\tDept"), and the rows under it with as many cells.
 * Pasted spreadsheets, CSV exports and Markdown tables hold people this way, with no sentence around them.
 */
const SEPARATORS = ['|', '\t', ';', ','] as const;
/** Headers of a column that holds only people. */
const PEOPLE_HEADERS = String.raw`full[ _-]?name|first[ _-]?name|last[ _-]?name|given[ _-]?name|family[ _-]?name|surname|employee(?:[ _-]?name)?|contact(?:[ _-]?(?:name|person))?|customer[ _-]?name|patient(?:[ _-]?name)?|student(?:[ _-]?name)?|attendee|participant|guest|candidate|applicant|tenant|owner[ _-]?name|assignee|nome|nombre|vorname|nachname|prénom|nom`;
const PEOPLE_HEADER = new RegExp(`^(?:${PEOPLE_HEADERS})$`, 'i');
/**
 * A bare "Name" column: packages, products and files are named too ("Name | Version"), so it counts only beside a column
 * that people have ("Name | Role | Ext.", "name,email,phone").
 */
const NAME_HEADER = /^name$/i;
const PEOPLE_COLUMN = /^(?:e-?mail(?:[ _-]?address)?|phone(?:[ _-]?number)?|mobile|tel(?:ephone)?|ext\.?|extension|role|title|job[ _-]?title|position|dept\.?|department|team|manager|age|dob|date[ _-]?of[ _-]?birth|birthday|gender|address|salary|start[ _-]?date|hire[ _-]?date|relationship|grade|class)$/i;
/** A cell that can hold a name: one to four words of letters, without digits or markup. */
const NAME_CELL = /^\p{L}[\p{L}'’.-]*(?:[ \t]+\p{L}[\p{L}'’.-]*){0,3}$/u;
const MAX_ROWS = 500;
/** A header's word that may name people: the lines are split only when one stands alone in a cell (`hasHeaderCell`). */
const HEADER_WORD = new RegExp(alternativesTree(`${PEOPLE_HEADERS}|name`, true), 'gi');
/** What pads a header's word in its cell: blanks, quotes, Markdown's emphasis, a trailing colon. */
const CELL_PADDING = new Set([' ', '\t', '"', "'", '*', '_', '`', ':']);
const CELL_END = new Set(['|', '\t', ';', ',', '\n', '\r']);

/**
 * Whether a header's word stands alone in a cell, between separators or a line's ends. Found from the words and checked
 * outwards over the padding, not from each separator: a pattern starting at every tab of a run of tabs read the rest of
 * the run each time (200 KB of tabs took 45 s).
 */
export function hasHeaderCell(text: string): boolean {
  HEADER_WORD.lastIndex = 0;
  for (let m = HEADER_WORD.exec(text); m; m = HEADER_WORD.exec(text)) {
    let before = m.index - 1;
    while (before >= 0 && CELL_PADDING.has(text[before]!) && text[before] !== ':') before--;
    let after = m.index + m[0].length;
    while (after < text.length && CELL_PADDING.has(text[after]!)) after++;
    // A tab pads and separates alike: the padding walked over may have ended at one.
    const opens = before < 0 || CELL_END.has(text[before]!) || text.slice(before + 1, m.index).includes('\t');
    const closes = after === text.length || CELL_END.has(text[after]!) || text.slice(m.index + m[0].length, after).includes('\t');
    if (opens && closes) return true;
  }
  return false;
}

export interface ColumnName {
  start: number;
  value: string;
}

export function namesInColumns(text: string): ColumnName[] {
  const found: ColumnName[] = [];
  if (!mayHoldTable(text) || !hasHeaderCell(text)) return found;
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  for (let i = 0; i < lines.length - 1; i++) {
    const header = lines[i]!;
    const separator = SEPARATORS.find((s) => header.includes(s));
    if (!separator) continue;
    const titles = tableCells(header, separator).map((c) => c.trim().replace(/^["'*_`]+|["'*_`:]+$/g, ''));
    if (titles.length < 2) continue;
    const peopleTable = titles.some((title) => PEOPLE_COLUMN.test(title));
    const columns = titles.flatMap((title, index) => (PEOPLE_HEADER.test(title) || (peopleTable && NAME_HEADER.test(title)) ? [index] : []));
    if (columns.length === 0) continue;
    for (let r = i + 1; r < lines.length && r <= i + MAX_ROWS; r++) {
      const row = lines[r]!;
      // A Markdown table's rule line ("|---|---|") sits under the header.
      if (/^[\s|:+-]+$/.test(row) && row.includes('-')) continue;
      const values = tableCells(row, separator);
      if (values.length !== titles.length) break;
      const offsets = cellOffsets(row, values, separator);
      for (let c = 0; c < values.length; c++) {
        const raw = values[c]!;
        const value = raw.trim().replace(/^["']|["']$/g, '');
        if (columns.includes(c) && NAME_CELL.test(value)) found.push({ start: starts[r]! + offsets[c]! + raw.indexOf(value), value });
      }
    }
  }
  return found;
}
