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
