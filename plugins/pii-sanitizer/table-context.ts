import { tableCells } from './detect/table-lines';

/** The separators a table's line is split by, in the order the column detectors try them. */
const SEPARATORS = ['|', '\t', ';', ','] as const;
/** A line longer than this heads no table, and a row's start is not looked for further back. */
const MAX_LINE = 2048;
/** A Markdown table's rule line under its header ("|---|:--:|"). */
const RULE_LINE = /^[\s|:+-]+$/;

interface Shape {
  separator: string;
  cells: number;
}

function shapeOf(line: string): Shape | undefined {
  if (line.length > MAX_LINE) return undefined;
  const separator = SEPARATORS.find((s) => line.includes(s));
  if (!separator) return undefined;
  const cells = tableCells(line, separator).length;
  return cells >= 2 ? { separator, cells } : undefined;
}

/**
 * The context a stream's next window is read after: the last `lookback` characters released, and, inside a table, its
 * header line (with the line before it and a Markdown rule line) followed by the whole rows released last. The
 * detectors that follow a named column (names, passwords) find a row's cell only under its header, which a table's
 * last rows are far from. Each released character is read once, and what is kept is bounded.
 */
export class ScanContext {
  private recent = '';
  /** The released text's last complete line and the line being released. */
  private previous = '';
  private line = '';
  /** The current table's head (lines ending with a line break) and its shape; the text released since the head. */
  private head = '';
  private shape: Shape | undefined;
  private rows = '';
  /** No line yet under the head's header. */
  private underHeader = false;

  constructor(private readonly lookback: number) {}

  get text(): string {
    return this.shape ? this.head + this.rows : this.recent;
  }

  add(released: string): void {
    this.recent = (this.recent + released).slice(-this.lookback);
    let at = 0;
    for (let end = released.indexOf('\n'); end >= 0; end = released.indexOf('\n', at)) {
      this.appendLine(released.slice(at, end));
      this.endLine();
      at = end + 1;
    }
    this.appendLine(released.slice(at));
  }

  private appendLine(piece: string): void {
    // Only a line's start is read (its shape, a table's head): its far end need not be kept.
    if (this.line.length <= MAX_LINE) this.line += piece.slice(0, MAX_LINE + 1 - this.line.length);
    if (this.shape) this.rows = keptRows(this.rows + piece, this.lookback);
  }

  private endLine(): void {
    const line = this.line.replace(/\r$/, '');
    const underHeader = this.underHeader;
    this.underHeader = false;
    if (this.shape) this.rows = keptRows(`${this.rows}\n`, this.lookback);
    const shape = shapeOf(line);
    if (this.shape && underHeader && RULE_LINE.test(line) && line.includes('-')) {
      // The rule line under the header stays with it.
      this.head += `${line}\n`;
      this.rows = '';
    } else if (!(this.shape && shape && tableCells(line, this.shape.separator).length === this.shape.cells)) {
      // A line of another shape ends the table, and may head the next.
      this.shape = shape;
      this.head = shape ? `${this.previous ? `${this.previous}\n` : ''}${line}\n` : '';
      this.rows = '';
      this.underHeader = Boolean(shape);
    }
    this.previous = line.length > MAX_LINE ? '' : line;
    this.line = '';
  }
}

/** The last `lookback` characters of the rows, from a line's start where that start is not too far back. */
function keptRows(rows: string, lookback: number): string {
  if (rows.length <= 2 * lookback) return rows;
  const from = rows.length - lookback;
  const start = rows.lastIndexOf('\n', from - 1) + 1;
  return rows.slice(from - start > MAX_LINE ? from : start);
}
