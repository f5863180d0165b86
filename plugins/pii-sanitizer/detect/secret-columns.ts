import { isPlaceholder, looksRandom } from './secret-values';
import { cellOffsets, lineStarts, tableCells } from './table-lines';
import { passwordLike } from './secrets-in-prose';

/**
 * Secrets in a table's column named for them: a CSV's, a TSV's or a Markdown table's header with "password",
 * "passphrase", "secret", "token" or "key", then its rows ("service,username,password\njenkins,svc,fB_xZB-BH!8kk…",
 * "| Env | User | Password |\n|---|---|---|\n| staging | app | 54lydQLq30… |"). A password's cell is judged as a
 * password told in prose is, a key's or a token's as a random value; notes in the cell ("see 1Password", "(LDAP)",
 * "ask #dba-oncall") are none.
 */
const SECRET_HEADER = /^(?:passwords?|passphrase|passwd|pwd|pw|pass|secret|secret[ _-]?key|client[ _-]?secret|token|api[ _-]?token|access[ _-]?token|api[ _-]?key|key|access[ _-]?key)$/i;
const PASSWORD_HEADER = /^(?:passwords?|passphrase|passwd|pwd|pw|pass)$/i;
const SEPARATOR_ROW = /^\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{0,}:?[ \t]*$/;
const HEADER_CELL = /^[\p{L}\d][\p{L}\d _.#/-]{0,39}$/u;
/** Tables are short: a header's column is followed for this many rows at most. */
const MAX_ROWS = 200;

/** A cell's text without its blanks and a code span's backticks. */
const cellText = (cell: string) => cell.trim().replace(/^`(.*)`$/, '$1');

/** [start, value] of each secret in a column named for one. */
export function secretsInColumns(text: string): Array<[number, string]> {
  if (!/(?:pass|pwd|pw|secret|token|key)/i.test(text)) return [];
  const out: Array<[number, string]> = [];
  const lines = text.split('\n');
  const starts = lineStarts(lines);
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i]!.replace(/\r$/, '');
    const separator = header.includes('|') ? '|' : header.includes('\t') ? '\t' : header.includes(',') ? ',' : '';
    if (!separator) continue;
    // A header of labels only, and a CSV's without blanks after its commas: code's "(parent, key, node) {" is none.
    if ((separator === ',' && /,[ \t]/.test(header)) || /[(){};=<>"']/.test(header)) continue;
    const names = tableCells(header, separator).map(cellText);
    if (!names.every((name) => HEADER_CELL.test(name))) continue;
    const column = names.findIndex((name) => SECRET_HEADER.test(name));
    if (column < 0 || names.length < 2) continue;
    const password = PASSWORD_HEADER.test(names[column]!);
    let row = i + 1;
    if (separator === '|' && SEPARATOR_ROW.test(lines[row]?.trim() ?? '')) row++;
    for (; row < lines.length && row <= i + MAX_ROWS; row++) {
      const line = lines[row]!.replace(/\r$/, '');
      const raw = tableCells(line, separator);
      if (raw.length !== names.length) break;
      const value = cellText(raw[column]!);
      if (!value || /\s/.test(value) || /^[[(<{].*[\])>}]$/.test(value) || isPlaceholder(value) || !(password ? passwordLike(value) : looksRandom(value))) continue;
      out.push([starts[row]! + cellOffsets(line, raw, separator)[column]! + raw[column]!.indexOf(value), value]);
    }
    // The table's rows are no headers of their own: each line is read once ("a,password" over and over took 4 s).
    i = row - 1;
  }
  return out;
}
