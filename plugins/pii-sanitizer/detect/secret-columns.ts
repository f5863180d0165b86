import { isPlaceholder, looksRandom } from './secret-values';
import { cellOffsets, lineStarts, mayHoldTable, tableCells } from './table-lines';
import { passwordLike } from './secrets-in-prose';

/**
 * Secrets in a table's column named for them: a CSV's, a TSV's or a Markdown table's header with "password",
 * "passphrase", "secret", "token" or "key", then its rows ("service,username,password\njenkins,svc,fB_xZB-BH!8kk…",
 * "| Env | User | Password |\n|---|---|---|\n| staging | app | 54lydQLq30… |"). A password's cell is judged as a
 * password told in prose is, a key's or a token's as a random value; notes in the cell ("see 1Password", "(LDAP)",
 * "ask #dba-oncall") are none.
 */
/**
 * A header that names a secret, its words set apart (camelCase and snake_case too): a bare "key", or a secret's word
 * with up to three words before it ("Secret access key", "aws_secret_access_key", "SecretAccessKey", "Auth token"); "pass"
 * alone or after a login's word ("DB pass"; not "Boarding pass");
 * not what names a public part or a secret's metadata ("Access key ID", "Public key", "Token type").
 */
const SECRET_HEADER = /^(?:key|(?:(?:db|admin|root|user|wifi|login) )?(?:pw|pass)|(?:[a-z\d]+ ){0,3}(?:passwords?|passphrase|passwd|pwd|secret|secret key|secret access key|client secret|token|api token|access token|auth token|api key|access key))$/;
const NOT_SECRET_HEADER = /\b(?:public|publishable|id|type|name|hash|expir\w*|length|count|url|file|path)\b/;
const PASSWORD_HEADER = /(?:^| )(?:passwords?|passphrase|passwd|pwd|pw|pass)$/;
/** A header cell's words in lower case: "SecretAccessKey" and "secret_access_key" read "secret access key". */
const headerWords = (name: string) =>
  name
    .replace(/(?<=\p{Ll})(?=\p{Lu})/gu, ' ')
    .replace(/[\s_.#/-]+/g, ' ')
    .trim()
    .toLowerCase();
const namesSecret = (words: string) => SECRET_HEADER.test(words) && !NOT_SECRET_HEADER.test(words);
const SEPARATOR_ROW = /^\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-{0,}:?[ \t]*$/;
const HEADER_CELL = /^[\p{L}\d][\p{L}\d _.#/-]{0,39}$/u;
/** Tables are short: a header's column is followed for this many rows at most. */
const MAX_ROWS = 200;

/** A cell's text without its blanks and a code span's backticks. */
const cellText = (cell: string) => cell.trim().replace(/^`(.*)`$/, '$1');

/** [start, value] of each secret in a column named for one. */
export function secretsInColumns(text: string): Array<[number, string]> {
  if (!mayHoldTable(text) || !/(?:pass|pwd|pw|secret|token|key)/i.test(text)) return [];
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
    const words = names.map(headerWords);
    const columns = words.flatMap((w, column) => (namesSecret(w) ? [column] : []));
    if (columns.length === 0 || names.length < 2) continue;
    let row = i + 1;
    if (separator === '|' && SEPARATOR_ROW.test(lines[row]?.trim() ?? '')) row++;
    for (; row < lines.length && row <= i + MAX_ROWS; row++) {
      const line = lines[row]!.replace(/\r$/, '');
      const raw = tableCells(line, separator);
      if (raw.length !== names.length) break;
      for (const column of columns) {
        const value = cellText(raw[column]!);
        const password = PASSWORD_HEADER.test(words[column]!);
        if (!value || /\s/.test(value) || /^[[(<{].*[\])>}]$/.test(value) || isPlaceholder(value) || !(password ? passwordLike(value) : looksRandom(value))) continue;
        out.push([starts[row]! + cellOffsets(line, raw, separator)[column]! + raw[column]!.indexOf(value), value]);
      }
    }
    // The table's rows are no headers of their own: each line is read once ("a,password" over and over took 4 s).
    i = row - 1;
  }
  return out;
}
