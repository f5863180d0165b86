import type { Finding } from './detect';
import { maskCloudIdentifier } from './detect/cloud-identifier';
import { digitsOf } from './detect/context';
import type { PiiAction } from './config';
import { PART_JOINER } from './part-joiner';
import { canonicalPlaceholder, PLACEHOLDER_VARIANT } from './placeholder-variants';

/**
 * What the sanitizer replaced in one request: each distinct value gets one
 * placeholder (`[EMAIL_1]`), so the model can refer to it and the bridge can put
 * the value back in the answer. Values live only in this request's context.
 */
export const PLACEHOLDER = /\[([A-Z][A-Z0-9_]*)_(\d+)\]/g;
export const MAX_PLACEHOLDER_LENGTH = 48;

export class PiiVault {
  private readonly byValue = new Map<string, string>();
  readonly byPlaceholder = new Map<string, string>();
  readonly categoryOf = new Map<string, string>();
  private readonly next = new Map<string, number>();
  readonly counts: Record<string, number> = {};
  readonly blocked = new Set<string>();

  /** Placeholders the request itself writes ("see [EMAIL_1] in the template"): never issued, so never restored. */
  private readonly taken = new Set<string>();

  reserve(text: string): void {
    for (const m of text.matchAll(PLACEHOLDER)) this.taken.add(m[0]);
    // Altered ones too ("[email_1]"): the answer restores those as the placeholder they stand for.
    for (const m of text.matchAll(PLACEHOLDER_VARIANT)) this.taken.add(canonicalPlaceholder(m[1]!, m[2]!));
  }

  placeholderFor(category: string, found: string): string {
    // A value a client's chunking cut across text parts is put back as typed, without the parts' joiner.
    const value = found.replaceAll(PART_JOINER, '');
    const key = `${category}\u0000${value}`;
    let placeholder = this.byValue.get(key);
    if (!placeholder) {
      const label = placeholderLabel(category);
      let n = this.next.get(label) ?? 0;
      do n++;
      while (this.taken.has(`[${label}_${n}]`));
      this.next.set(label, n);
      placeholder = `[${label}_${n}]`;
      this.byValue.set(key, placeholder);
      this.byPlaceholder.set(placeholder, value);
      this.categoryOf.set(placeholder, category);
    }
    return placeholder;
  }

  count(category: string): void {
    this.counts[category] = (this.counts[category] ?? 0) + 1;
  }
}

/**
 * A category's name as a placeholder's label that the restore pattern takes back: letters without their accents, in
 * capitals, digits and underscores, a letter first, 24 characters at most ("über_id" -> "UBER_ID", "2fa_code" ->
 * "PII_2FA_CODE", "社員番号" -> "PII").
 */
function placeholderLabel(category: string): string {
  const label = category
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 24)
    .replace(/_+$/, '');
  return /^[A-Z]/.test(label) ? label : `PII${label ? `_${label}` : ''}`.slice(0, 24).replace(/_+$/, '');
}

/**
 * A value partly shown (`mask`): enough to tell which card or which mailbox, never enough to use. Cards, IBANs and
 * wallet addresses keep their last four, an SSN its last four as the SSA prints them, a national identifier its last two
 * (check digits, mostly), a phone its last four (two when it is short; never its extension's); an email its domain and,
 * when the local part is long enough to hide, its first letter; a secret nothing (a password's shape tells nothing of
 * whether its tail is random); a URL with credentials everything but the password; a cloud identifier what kind it is
 * (an ARN's service, a bucket's host); anything else its first letter when long enough. No mask tells a value's length.
 */
export function maskValue(category: string, value: string): string {
  switch (category) {
    case 'email': {
      const at = value.lastIndexOf('@');
      const local = value.slice(0, Math.max(0, at));
      return at < 0 ? '****' : `${characters(local) >= 4 ? firstLetter(local) : ''}***${value.slice(at)}`;
    }
    case 'credit_card':
      return `****${digitsOf(value).slice(-4)}`;
    case 'iban':
    case 'crypto_address':
      return `****${value.replace(/[\s-]/g, '').slice(-4)}`;
    case 'ssn':
      return `***-**-${digitsOf(value).slice(-4)}`;
    case 'phone': {
      const digits = digitsOf(value.replace(PHONE_EXTENSION, ''));
      return `****${digits.slice(digits.length >= 10 ? -4 : -2)}`;
    }
    case 'national_id':
      return `****${value.replace(/[^\p{L}\p{N}]/gu, '').slice(-2)}`;
    case 'secret':
      return '****';
    case 'cloud_identifier':
      return maskCloudIdentifier(value);
    case 'url_credentials': {
      // The user's information runs to the last "@" (a password may hold one).
      const m = /^([^:/?#\s]+:\/\/[^:@/\s]*:)[^\s]*@([^@]*)$/.exec(value);
      return m ? `${m[1]}****@${m[2]}` : '****';
    }
    default:
      return characters(value) >= 8 ? `${firstLetter(value)}***` : '****';
  }
}

/** Characters, not UTF-16 units: "𝐉𝐚𝐧𝐞" is four, as "Jane" is. */
function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A text's first character whole: a letter beyond the BMP ("𝐉", a name in a fancy font) is two UTF-16 units. */
function firstLetter(text: string): string {
  return String.fromCodePoint(text.codePointAt(0)!);
}
const PHONE_EXTENSION = /\s*(?:x|ext\.?|extension)\s*\d+$/i;

/** Applies the action of each finding to the text; block findings are only recorded. */
export function applyFindings(text: string, findings: Finding[], actionFor: (category: string) => PiiAction, vault: PiiVault): string {
  let out = '';
  let cursor = 0;
  for (const f of findings) {
    vault.count(f.category);
    const action = actionFor(f.category);
    if (action === 'block') {
      vault.blocked.add(f.category);
      continue;
    }
    const replacement =
      action === 'placeholder' ? vault.placeholderFor(f.category, f.value) : action === 'mask' ? maskValue(f.category, f.value) : '[REDACTED]';
    out += text.slice(cursor, f.start) + replacement;
    cursor = f.end;
  }
  return out + text.slice(cursor);
}
