/** Reading a pasted table line by line: CSV, TSV and Markdown rows, for the detectors that follow a named column. */

/** Where each of the text's lines starts. */
export function lineStarts(lines: readonly string[]): number[] {
  let offset = 0;
  return lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    return start;
  });
}

/** Whether the text can hold a table: a header and a row under it are two lines (asked before any scan for a header). */
export function mayHoldTable(text: string): boolean {
  return text.includes('\n');
}

/** A line's cells as written, blanks kept: a Markdown row's outer "|" left out. */
export function tableCells(line: string, separator: string): string[] {
  return line.replace(/^[ \t]*\|/, '').replace(/\|[ \t]*$/, '').split(separator);
}

/** Where each of `cells` (from `tableCells`) starts in its line. */
export function cellOffsets(line: string, cells: readonly string[], separator: string): number[] {
  let at = line.length - line.replace(/^[ \t]*\|/, '').length;
  return cells.map((cell) => {
    const start = at;
    at += cell.length + separator.length;
    return start;
  });
}

/** The separators a pasted table's cells are split by, in the order they are looked for in a header line. */
const SEPARATORS = ['|', '\t', ';', ','] as const;
/** A Markdown table's rule line ("|---|:---:|") under its header. */
const RULE_LINE = /^[\s|:+-]+$/;
/** What pads a cell's value: blanks and quotes; a header's Markdown emphasis and trailing colon too. */
const unquoted = (cell: string) => cell.trim().replace(/^["']|["']$/g, '');
const title = (cell: string) => cell.trim().replace(/^["'*_`]+|["'*_`:]+$/g, '');

export interface ColumnCell {
  start: number;
  value: string;
  /** The title of its column, as the header writes it. */
  title: string;
}

/**
 * The cells under each header cell `header` accepts, in a CSV, a TSV or a Markdown table: the rows after the header with
 * as many cells, `maxRows` at most; a column's values are known by its header however many rows there are.
 */
export function cellsUnder(text: string, header: { test(title: string): boolean }, maxRows = 500): ColumnCell[] {
  const found: ColumnCell[] = [];
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const separator = SEPARATORS.find((s) => line.includes(s));
    if (!separator) continue;
    const titles = tableCells(line, separator).map(title);
    const columns = titles.flatMap((t, index) => (header.test(t) ? [index] : []));
    if (titles.length < 2 || columns.length === 0) continue;
    let r = i + 1;
    for (; r < lines.length && r <= i + maxRows; r++) {
      const row = lines[r]!.replace(/\r$/, '');
      if (RULE_LINE.test(row) && row.includes('-')) continue;
      const cells = tableCells(row, separator);
      if (cells.length !== titles.length) break;
      const offsets = cellOffsets(row, cells, separator);
      for (const c of columns) {
        const value = unquoted(cells[c]!);
        if (value) found.push({ start: starts[r]! + offsets[c]! + cells[c]!.indexOf(value), value, title: titles[c]! });
      }
    }
    // The table's rows are no headers of their own.
    i = r - 1;
  }
  return found;
}
