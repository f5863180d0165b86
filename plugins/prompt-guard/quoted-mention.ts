/**
 * A phrase in quotation marks that the text names as an example ("attackers write things like "ignore previous
 * instructions"", "the worksheet says "do not follow the rules""): the text is about the phrase, not addressed to the
 * model with it. Only the quoted match counts as a mention; the same phrase anywhere outside quotes still counts.
 */
const OPEN = /["“„«][^"“”„«»\n]{0,160}$/u;
const CLOSE = /^[^"“”„«»\n]{0,160}["”»“]/u;
const NAMED = /(?:things|phrases?|words|sentences?|lines?|messages?|text)\s+(?:like|such as)\s*:?\s*$|(?:such as|e\.g\.|for example|for instance|quotes?|quoting|wrote)\s*:?\s*$/iu;

/** The next example in a list of them: "such as "…" and "…"". */
const NAMED_LIST = /(?:like|such as|e\.g\.|for example|for instance)\s*:?\s*["“„«][^"“”„«»\n]{0,160}["”»“]\s*(?:,|,?\s*and|,?\s*or)\s*$/iu;

export function quotedMention(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 160), start);
  const open = before.match(OPEN);
  if (!open || !CLOSE.test(text.slice(end, end + 161))) return false;
  const lead = before.slice(0, open.index);
  return NAMED.test(lead) || NAMED_LIST.test(lead);
}

/** Whether some match of `re` in `text` is not a quoted mention. */
export function usedNotMentioned(re: RegExp, text: string): boolean {
  const all = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = all.exec(text); m; m = all.exec(text)) {
    if (!quotedMention(text, m.index, m.index + m[0].length)) return true;
    if (m[0].length === 0) all.lastIndex++;
  }
  return false;
}
