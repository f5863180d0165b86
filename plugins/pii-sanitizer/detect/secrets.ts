import { wordAlternation } from './alternation';
import { literalFinder } from './literal-set';
import { LiteralGate } from './required-literals';
import { literalPrefixes, matches, sticky } from './context';
import { SECRET_PATTERNS } from './secret-patterns';
import { CONSTANT_NAME, EMULATOR_ACCOUNT, FILE_PATH, insideArn, isDocumentedExample, isOneCharacter, isPlaceholder, isWords, looksRandom, PUBLIC_VALUE, saysStandIn, SEQUENTIAL, UUID } from './secret-values';
import { namedValues, type NamedValue } from './secret-pairs';
import { secretsInColumns } from './secret-columns';
import { secretsInProse } from './secrets-in-prose';
import { finding, type Detector, type Finding } from './types';

/**
 * Secrets: the known formats above, plus values assigned to names that say
 * "secret" (key, token, secret, password…) when the value looks random enough —
 * not a placeholder, a repeated character, a variable reference or a word.
 */
const ASSIGNMENT =
  /\b([A-Za-z0-9_.-]{0,40}(?:key|token|secret|passw(?:or)?d|pwd|pass|pat|auth|credential|api[_-]?key|access[_-]?key|client[_-]?id|session|cookie|psk|[_.-]salt|(?<![a-z])pw(?![a-z]))[A-Za-z0-9_.-]{0,40})\b(?:\\?["'])?\]?(?:\s*(?:=>|==|!=|:=|[:=])[^\S\n]*|(?<=["'])\s*,\s*|[^\S\n]+)(?:(?:\[\]byte|bytes|Buffer\.from)?\(\s*)?(?:b(?=["']))?((?:\\?["']){0,2})([^\s"'`,;<>(){}\[\]&\\]{6,200})/gi;
/**
 * The assignment rule backtracks over names at every word; a text without any of its name words skips it.
 * Its separator alternatives never put two runs of blanks side by side ("password" and 200 KB of
 * spaces took minutes when they did).
 */
const ASSIGNMENT_WORDS = new RegExp(wordAlternation(['key', 'token', 'secret', 'pass', 'pwd', 'pw', 'pat', 'auth', 'credential', 'client', 'session', 'cookie', 'psk', 'salt']), 'i');
/** A password's words, before a user's line is looked for (`passwordsAfterUsers`). */
const PASSWORD_WORDS = new RegExp(wordAlternation(['pass', 'pwd', 'secret']), 'i');
/**
 * Names a password (or a secret) as its last word, perhaps before "key" or an environment's name: "DB_PASSWORD",
 * "smtp.pass", "client_secret", "JWT_SECRET_KEY", "DB_PASSWORD_PROD", "passwort"; not "PasswordPolicy".
 */
const PASSWORD_NAME =
  /(?:passw(?:or)?[dt]|pwd|(?:^|[_.-])pass|(?:^|[_.-])pw|secret)(?:[_.-]?(?:key|token|value|prod|production|dev|development|staging|stage|test|local|old|new))?\d*$/i;
/**
 * An anonymous login's password is public by convention (anonymous FTP asks for any text, usually an
 * email address: RFC 1635), so a literal given to it is not a hard-coded secret.
 */
const ANONYMOUS_USER = /\b(?:user(?:name)?|login|uid)["']?\s*(?:=>|[:=])\s*\\?["']?(?:anonymous|ftp|guest)\b/i;

/**
 * Most formats start with a fixed prefix: a text without any of them skips that pattern. A pattern
 * with no prefix may name what the text must hold, as a literal or as a pattern far cheaper than it.
 */
const PATTERNS = SECRET_PATTERNS.map((p) => ({
  ...p,
  prefixes: typeof p.requires === 'string' ? [p.requires] : p.requires ? undefined : literalPrefixes(p.pattern),
  prechecks: p.requires instanceof RegExp ? [p.requires] : Array.isArray(p.requires) ? p.requires : undefined,
}));

/** Which prefixes a text holds, found in one pass (about 190: asking the text for each one in turn took three times as long). */
const ALL_PREFIXES = [...new Set(PATTERNS.flatMap((p) => p.prefixes ?? []))].sort((a, b) => b.length - a.length);
const prefixesIn = literalFinder(ALL_PREFIXES);
/** A SealedSecret's manifest, whose values are ciphertext that only its cluster's controller can open. */
const SEALED_SECRET = /\bkind:[ \t]*SealedSecret\b|\bkubeseal\b/;
/**
 * Which of the prechecks, the formats without a prefix, the assignments' and passwords' words and the gates of secrets
 * told in prose or given as a record's fields a text may match: the literals each cannot match without, found in one
 * pass over the text. Where a precheck's are missing, it (some fifty, each a scan) is not run, and so on.
 */
const GATE = new LiteralGate();

/** The prefixes that name one provider (not "key-", "sk-", "api-"), with the formats that start with each. */
const PROVIDER_FORMATS = new Map(
  ALL_PREFIXES.filter(
    (prefix) =>
      prefix.length >= 4 &&
      (/^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*[-_.]$/.test(prefix) || /^(?:[A-Z][A-Za-z0-9]{3}|dapi)$/.test(prefix)) &&
      !/^(?:key|api|sdk|secret|token|auth|pat|pass|mosquitto|PuTTY)[-_.]/i.test(prefix) &&
      !/^(.)\1+$/.test(prefix),
  ).map((prefix) => [prefix, PATTERNS.filter((p) => p.prefixes?.includes(prefix)).map((p) => sticky(p.pattern))]),
);
const FILLERS = ['a', '0', 'A'];
const MAX_TRUNCATION_CHECKS = 100;
/**
 * Whether a value with a provider's prefix is the provider's to judge: a token of the provider's format, which the
 * format's own pattern finds or leaves alone with its reasons (a key a web page ships, an emulator's), or one cut short
 * of it, a value the format would take were it longer ("ghr_" and 30 characters of 36, "dapi" and 27 hex digits of 32,
 * "dor_v1_" and 40 of 64): a near miss of the format, unusable, not a secret of another kind. A value the format cannot
 * take at any length (another alphabet, more characters, a variant the format does not know) is judged as any other.
 */
function providerJudged(value: string, budget: { checks: number }): boolean {
  for (const [prefix, formats] of PROVIDER_FORMATS) {
    if (!value.startsWith(prefix)) continue;
    // Each check tries a format at up to 64 lengths: a text of thousands of such values flags them rather than stall.
    if (budget.checks-- <= 0) return false;
    for (const format of formats) {
      format.lastIndex = 0;
      if (format.exec(value)?.[0].length === value.length) return true;
      for (const filler of FILLERS) {
        for (let added = 1; added <= 64; added++) {
          format.lastIndex = 0;
          const m = format.exec(value + filler.repeat(added));
          if (m && m[0].length > value.length) return true;
        }
      }
    }
  }
  return false;
}
/** A name one of whose words says its value is a digest: "token_sha256", "passwordHash", "CHECKSUM" (not "PresharedKey", "hash_salt"). */
function digestName(name: string): boolean {
  // A hash's salt is the secret a digest is made with ("hash_salt").
  return !/salt$/i.test(name) && name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((word) => /^(?:sha\d*|md5|hash(?:ed)?|digest|checksum)$/i.test(word));
}

/** Whether an ellipsis cuts the value ending at `end` ("pk1_...", "xoxb-549684415476-…"): it was never given whole. */
function cutShort(text: string, end: number): boolean {
  return /^[-_.]?(?:\.\.\.|…)/.test(text.slice(end, end + 4));
}

/** The text from `start` to its line's end. */
function restOfLine(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** A quoted value from `start` to its closing quote on the same line (up to 200 characters), or undefined. */
function quotedValue(text: string, start: number, quote: string): string | undefined {
  const end = text.indexOf(quote, start);
  const value = end < 0 ? '' : text.slice(start, end);
  return value.length > 0 && value.length <= 200 && !value.includes('\n') ? value : undefined;
}

/** After an unquoted value, a call's or an index's bracket; after any, a template's brace. */
const CALL = /[([]/;
/** Where an environment line starts: a line, "export", or a Compose list's "- ", commented out or not ("# DB_PASS=…" still gives it away). */
const LINE_START = /(?:^|\n)[ \t]*(?:#[ \t]*)?(?:export[ \t]+|-[ \t]+)?$/;
/**
 * Words holding a secret's word without meaning one: "localModelPath", "patch-package", "author", "tokenizer".
 * The assignment's name pattern takes them (it cannot look around cheaply); the value must then not count.
 */
const NOT_SECRET_WORDS =
  /path|pattern|patch|patient|compat|pass(?!w(?:or)?[dt]|phrase|code)[a-z]+|bypass|compass|author(?!i[sz]ation)|key(?:board|word|stroke|frame|code|press|down|up|ed|of)|tokeni[sz]|hockey|monkey|donkey|turkey|whiskey|(?:recv|send|search|list|import|export)-keys|fingerprint|keychain|idempotency[-_]?key|cache[-_]?key|psk[_-]?identity(?:[_-]?hint)?|psk[_-]?(?:id|hint|file|mode)(?![a-z])/gi;
/**
 * The last word of a name that is about the secret, not it: "PASSWORD_ALLOWED_CHARS", "password_expiry_notice",
 * "auth_secret_rotated_at", "api_key_id", "SECRET_NAME", "TOKEN_TTL".
 */
const ABOUT_THE_SECRET = /[_.-](?:chars|length|len|min|max|policy|expiry|expires|expiration|rotated|rotation|notice|count|enabled|required|regex|pattern|format|hint|label|prompt|field|column|name|type|mode|header|param|version|strength|ttl|timeout|at|date|time|id|ids|encrypted|enc|ciphertext|cipher)$/i;
/** A client key is given to browsers and apps, as a client id is (Adyen's clientKey, Midtrans's data-client-key). */
const CLIENT_KEY_NAME = /client[_-]?key$/i;
/** A user's name assigned on this line or the one before, comments aside: "USER=minioadmin", "user = 'Aladdin'", "username: ci". */
const USER_BEFORE = /(?:user(?:name)?|login)\w*["']?[ \t]*[=:][ \t]*["']?([\w.@-]{2,64})["']?[^\n]*(?:\n[ \t]*(?:#|\/\/|;)[^\n]*){0,3}\n?[^\n]*$/di;
/** Whether a user's name given just before makes the value its default password ("USER=minioadmin … PASSWORD=minioadmin"). */
function defaultLogin(value: string, before: string): boolean {
  const user = USER_BEFORE.exec(before)?.[1];
  return user !== undefined && (value === user || (value.startsWith(`${user}-`) && isWords(value)));
}
/** Whether the value is one of its name's words, three letters or more. */
function nameWord(name: string, value: string): boolean {
  return value.length >= 3 && name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((word) => word.toLowerCase() === value.toLowerCase());
}
/** A call that sets a name's value, right before the quoted name. */
const SETTER_BEFORE = /\b(?:define|putenv|setenv|setdefault|ini_set|set|Set|put|setProperty|setSecret|setItem|environ\.setdefault)\([ \t]*["']$/;
const SEALED_VALUE = /^Ag[A-Za-z0-9+/=]{100,}$/;
/** Codecov's and others' badge URLs carry a token made to be published ("badge.svg?token=…"). */
const BADGE_URL = /badge\.svg\?$/;
/** A template's slot or a reference, not a value: "$(DB_PASS)", "${pass}", "{{ .Values.pw }}", "#{secret}", "%PASS%", "env:P12_PASS". */
const TEMPLATE = /^(?:\$[({]|\{\{|#\{|%[A-Za-z_]\w*%|env:[A-Z_][A-Z0-9_]*$|\$env:\w+$)/;
/**
 * Code, not a value: a concatenated or negated identifier, or the rest of a comparison ("+e.maxKeys+",
 * "!!inputs.past", "===s.token"); "!Qaz2wsx3edc" and "+3xK9…" (base64) are values.
 */
const CODE_VALUE = /^(?:\+[A-Za-z_$][\w$.]*\+?$|!!|![A-Za-z_$][\w$]*\.|=)/;
/** Keys made to be public: "publicKey", "STRIPE_PUBLISHABLE_KEY", Next.js's "NEXT_PUBLIC_…", an analytics snippet's "writeKey"; not "PUBLICATION_API_KEY". */
const PUBLIC_NAME =
  /(?:public|Public)(?![a-z])|PUBLIC(?![A-Z])|publishable|Publishable|PUBLISHABLE|pub[_-]?key|PUB[_-]?KEY|pubKey|verify[_-]?key|verifyKey|VERIFY[_-]?KEY|(?<![A-Za-z])(?:site[_-]?key|sitekey|siteKey|Site[_-]?Key|SITE[_-]?KEY)(?![a-z]|[A-Z]{2})|subscribe[_-]?[Kk]ey|(?<![A-Za-z])_?write[_-]?[Kk]ey(?![a-z])|WRITE[_-]?KEY(?![A-Z])/;
/**
 * Names whose value is a secret even when it is a UUID, as many providers' keys are ("X-CC-Api-Key: <uuid>",
 * "--setup-key <uuid>", "CLIENT_SECRET=<uuid>"); under "key" or "id" alone a UUID is an id.
 */
const UUID_SECRET_NAME = /(?:passw(?:or)?d|secret|api[_-]?key|access[_-]?key|setup[_-]?key|auth[_-]?key|(?:auth|access|api|bearer|refresh)[_-]?token)$/i;
/** A secret's word after the public one: "SITE_KEY_SECRET", "PUBLIC_KEY_PASSPHRASE" name secrets. */
const SECRET_AFTER_PUBLIC = /(?:secret|passw|passphrase|pwd)[^/]*$/i;

/** A route's or a page's path whose parts are words ("/en/enterprise-server@3.0/auth", "cms/sites/passwords#update"). */
function wordPath(value: string): boolean {
  const parts = value.split(/[/#]/).filter(Boolean);
  return (
    value.includes('/') &&
    parts.length >= (value.startsWith('/') ? 2 : 3) &&
    parts.every((part) => /^[\d.]+$/.test(part) || isWords(part.replace(/@[\d.]+$/, '').replace(/^:/, '')))
  );
}

/**
 * Whether a value given to a secret's name is a secret: a literal (quoted, or a record's field) given to a
 * password, however guessable; anything else only when it looks random.
 */
function assignedSecret(name: string, assigned: string, literal: boolean, before: string): boolean {
  // A cookie is "name=value": its value is what may be secret ("undici=getSetCookies" is not).
  const value = /cookie/i.test(name) ? assigned.slice(assigned.indexOf('=') + 1) : assigned;
  if (!ASSIGNMENT_WORDS.test(name.replace(NOT_SECRET_WORDS, '')) || BADGE_URL.test(before) || digestName(name) || ABOUT_THE_SECRET.test(name) || EMULATOR_ACCOUNT.test(before)) return false;
  // "PW" alone in capitals is Palau's country code in locale data ("PW": "6201234"), not a password's name.
  if (name === 'PW') return false;
  // An id, or a key made to be public (shipped to browsers).
  const publicName = PUBLIC_NAME.exec(name);
  if (publicName && !SECRET_AFTER_PUBLIC.test(name.slice(publicName.index + publicName[0].length))) return false;
  if (((/client[_-]?id/i.test(name) || CLIENT_KEY_NAME.test(name)) && !/secret/i.test(name)) || (PUBLIC_VALUE.test(value) && !/secret|passw/i.test(name))) return false;
  // Pusher's app key (twenty hex digits) in a client's config is public; its secret is another value.
  if (/^key$/i.test(name) && /^[0-9a-f]{20}$/.test(value) && /pusher/i.test(before)) return false;
  // A default whose password is its user's name, or the name and a word ("minioadmin", Kafka's "admin-secret"), or a
  // word of its own name ("POSTGRES_PASSWORD=postgres", "redis_password: redis").
  if (defaultLogin(value, before) || nameWord(name, value)) return false;
  // A selector, an anchor or an extension ("#token-field", ".pem"), not ".xZ-vdFhK=sVG6+dP!y@".
  // In a connection string's "…;Password=#gets0m3;" a "#" starts the password.
  if (/label$/i.test(name) || /:$/.test(value) || (/^[#.][\w-]*$/.test(value) && !/;[ \t]*$/.test(before)) || CODE_VALUE.test(value) || TEMPLATE.test(value) || wordPath(value)) return false;
  const literalPassword =
    literal &&
    PASSWORD_NAME.test(name) &&
    value.length >= 6 &&
    !isOneCharacter(value) &&
    !isPlaceholder(value) &&
    !FILE_PATH.test(value) &&
    !SEQUENTIAL.test(value) &&
    !/^[\w.]+\(/.test(value) &&
    !ANONYMOUS_USER.test(before);
  return literalPassword || looksRandom(value) || (UUID.test(value) && UUID_SECRET_NAME.test(name));
}

/**
 * A password's name given a quoted literal the assignment's value cannot open with or hold: a mark first
 * ("'`123QWERasdf'", 'jwtsecret: "7`D\'}/vYR)…"'), or, right after a user's name, blanks ("user = 'Aladdin'\npassword =
 * 'open sesame'"; elsewhere "Password is required" is a message).
 */
const QUOTED_PASSWORD = /\b([A-Za-z0-9_.-]{0,40}(?:passw(?:or)?d|passphrase|pwd|pass|secret))["']?[^\S\n]*(?:=>|:=|[:=])[^\S\n]*(["'`])/gi;
/**
 * An INI file's or a properties file's password after its user, unquoted ("user = Aladdin\npassword = open_sesame"):
 * a literal there, not a variable as in code, so long as it is no property or call ("password = args.password").
 */
const UNQUOTED_AFTER_USER = /(?:^|\n)[ \t]*([A-Za-z0-9_.-]{0,40}(?:passw(?:or)?d|pwd|pass))[ \t]*[=:][ \t]*([^\s"'`<>{}()[\];,]{4,200})[ \t]*(?=\r?\n|$)/gi;

/**
 * Whether a user's name alone stands before, not a label of a form or a translation whose words go on ("Nom
 * d'utilisateur", "Please log in"); a label's password is a label too ("Mot de passe"), capitalised as labels are.
 */
function userAlone(before: string): boolean {
  const user = USER_BEFORE.exec(before);
  return user !== null && !/^[ \t]+(?![\w.-]+["']?[ \t]*[=:])[^\s#;/]/.test(before.slice(user.indices![1]![1]));
}

function passwordsAfterUsers(text: string): NamedValue[] {
  const out: NamedValue[] = [];
  for (const m of matches(text, QUOTED_PASSWORD)) {
    const [, name, quote] = m;
    const start = m.index + m[0].length;
    const value = quotedValue(text, start, quote!);
    // A quote, a bracket, an entity or a variable first is a value quoted twice, filtered, escaped or a reference
    // ("'$PW'", "[FILTERED]", "&lt;YOUR…&gt;"); an encrypted one is made to be committed (EJSON's, Spring's, Jasypt's); one
    // anchored at both ends is a rule's regular expression ("^(?=.*[A-Z]).{8,}$").
    if (value === undefined || !PASSWORD_NAME.test(name!) || /^[\[{(<$%&'"#]|^(?:EJ\[|ENC\()|^\^.*\$$/.test(value)) continue;
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const blanks = /\s/.test(value);
    if (blanks && !(userAlone(before) && value.split(/\s+/).length <= 3 && !/[.!?:]$/.test(value) && !/^\p{Lu}/u.test(value))) continue;
    // Values the assignment's pattern reads already (none of its stops in the first six characters: "!Qaz2wsx3edc" is one).
    if (!blanks && /^[^\s"'`,;<>(){}\[\]&\\]{6}/.test(value)) continue;
    out.push({ start, name: name!, value });
  }
  if (!/user|login/i.test(text)) return out;
  for (const m of matches(text, UNQUOTED_AFTER_USER)) {
    const [, name, value] = m;
    const before = text.slice(Math.max(0, m.index - 200), m.index + 1);
    // Code's variable, constant or property ("password = dbPassword", "password = db_password", "password = DB_PASSWORD",
    // "password = args.password") is no literal; nor is a word alone, a translation's label or a form's rule as often
    // ("password: Kennwort", "password: required"), a count, a date or an address ("pass: 1024/1024", "2024-01-01", "http://…").
    if (!USER_BEFORE.test(before) || CONSTANT_NAME.test(value!) || /^\p{L}+$|^\d+(?:[-/.:]\d+)+$|:\/\//u.test(value!) || /^[A-Za-z_$][\w$]*[.([]|^[a-z]+[A-Z]|^(?:[a-z0-9]+_)*(?:passw(?:or)?d|pass|pwd|pw|secret)(?:_[a-z0-9]+)*$/.test(value!)) continue;
    out.push({ start: m.index + m[0].lastIndexOf(value!), name: name!, value: value! });
  }
  return out;
}

export const secretDetector: Detector = {
  name: 'secrets',
  category: 'secret',
  priority: 110,
  detect(text) {
    const out: Finding[] = [];
    const present = prefixesIn(text);
    const may = GATE.of(text);
    const budget = { checks: MAX_TRUNCATION_CHECKS };
    // A SealedSecret's values are ciphertext that only its cluster's controller can open, made to be committed.
    const sealed = may(SEALED_SECRET) && SEALED_SECRET.test(text);
    for (const { name, pattern, context, window = 100, unlessBefore, prefixes, prechecks, valid } of PATTERNS) {
      if (prefixes && !prefixes.some((prefix) => present.has(prefix))) continue;
      if (!prefixes && !(prechecks ?? [pattern]).every(may)) continue;
      if (prechecks && !prechecks.every((check) => check.test(text))) continue;
      for (const m of matches(text, pattern)) {
        if (context && !context.test(text.slice(Math.max(0, m.index - window), m.index))) continue;
        // A command's name may stand far before its options.
        if (unlessBefore?.test(text.slice(Math.max(0, m.index - 300), m.index))) continue;
        // The value is the first group that took part in the match (alternatives may capture in different groups).
        let group = 1;
        while (group < m.length && m[group] === undefined) group++;
        const value = m[group] ?? m[0];
        if ((valid && !valid(value)) || isDocumentedExample(value) || saysStandIn(value) || cutShort(text, m.index + m[0].length)) continue;
        // A value a carrier holds ("_authToken=", "Bearer ") with a provider's prefix is judged by the provider's format.
        if (!prefixes?.some((prefix) => value.startsWith(prefix)) && providerJudged(value, budget)) continue;
        const [start] = m.indices?.[group] ?? [m.index];
        out.push({ ...finding(this, start, value, 0.97), detector: `secrets:${name}` });
      }
    }
    for (const [start, value] of secretsInColumns(text)) {
      if (!providerJudged(value, budget) && !PUBLIC_VALUE.test(value)) out.push({ ...finding(this, start, value, 0.85), detector: 'secrets:column' });
    }
    for (const [start, value] of secretsInProse(text, may)) {
      if (!cutShort(text, start + value.length) && !providerJudged(value, budget) && !(sealed && SEALED_VALUE.test(value)) && !PUBLIC_VALUE.test(value)) out.push({ ...finding(this, start, value, 0.85), detector: 'secrets:prose' });
    }
    for (const m of may(ASSIGNMENT_WORDS) ? matches(text, ASSIGNMENT) : []) {
      const [, name, quote, matched] = m;
      let value = matched!;
      // The value stops at a call's or a template's bracket: "countTokens(request)", "v1-deps-{{ checksum … }}";
      // inside quotes a bracket belongs to the value ("Xk9#mP2q(z7!"), which then runs to the closing quote.
      const next = text[m.index + m[0].length] ?? '';
      if (next === '{' || (quote === '' && CALL.test(next))) continue;
      const start = m.index + m[0].lastIndexOf(matched!);
      // Inside quotes the value runs to the closing quote past a mark the unquoted pattern stops at ("Tr0ub4dor&3horse",
      // "p@ss;word"), when it holds no blank ("Password is required" is a message).
      if (quote !== '' && next !== quote[quote.length - 1] && next !== '\\' && /\S/.test(next)) {
        const whole = quotedValue(text, start, quote[quote.length - 1]!);
        if (whole !== undefined && (CALL.test(next) || !/\s/.test(whole))) value = whole;
      }
      // A known format's prefix on a value too short for it is a truncated or redacted token ("revoked token glpat-b8Zq8M").
      // And one of a provider's prefix is judged by the provider's format alone.
      if ((value.length < 20 && /^[A-Za-z]{2,8}[-_.]/.test(value) && ALL_PREFIXES.some((prefix) => value.startsWith(prefix))) || providerJudged(value, budget)) continue;
      if (/aws.*secret/i.test(name)) {
        // AWS's own format (40 characters of base64's alphabet) under AWS's own name is a key, random-looking or not.
        if (value.length !== 40) continue;
        if (/^[A-Za-z0-9/+]{40}$/.test(value) && !isPlaceholder(value) && !value.includes('EXAMPLE')) {
          out.push({ ...finding(this, start, value, 0.9), detector: 'secrets:aws-secret-access-key' });
          continue;
        }
      }
      // Only a password's own name stands before its literal with a blank alone: "Pass 'finish' on" is English.
      // A word after a quoted name and a comma is the next item of a list: ["secret", "public", "private"].
      // What the pattern matched stands between the name and the value, however far a quoted value runs on.
      const between = m[0].slice(name.length, m[0].length - matched!.length);
      // A bytes literal cut short by a quote or an escape inside it (Flask's docs' b'_5#y2L"F4Q8z\n\xec]/') is no value.
      if (/b["']$/.test(between) && text[m.index + m[0].length] !== between[between.length - 1]) continue;
      const spaced = !/[=:,]/.test(between);
      // Two strings given to a call set a name's value only in a setter ("define('DB_PASSWORD', '…')", "setenv(…)");
      // elsewhere the second is a label, a field, an event or a default ("_e('Password', 'wp-members')").
      const paired = /^["']?\s*,/.test(between);
      const listed = paired && (/^[A-Za-z]+$/.test(value) || !SETTER_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)));
      // An environment file's or a shell's "DB_PASSWORD=Summer_2024" holds a literal without quotes.
      const lineStart = LINE_START.exec(text.slice(Math.max(0, m.index - 20), m.index));
      // Commented out, the line may document the variable rather than set it: "# DB_PASSWORD=string  (the database's)",
      // "# JWT_SECRET=some-long-random-string".
      const documented =
        lineStart !== null && lineStart[0].includes('#') && (/^[ \t]+\S/.test(restOfLine(text, start + value.length)) || /^[a-z]+(?:-[a-z]+)+$/.test(value));
      const environment = between === '=' && /^[A-Z][A-Z0-9_]*$/.test(name) && lineStart !== null && !documented;
      const literal = ((quote !== '' && (!spaced || /passw(?:or)?d|pwd|passphrase/i.test(name))) || environment) && !listed;
      if (sealed && SEALED_VALUE.test(value)) continue;
      // .NET's appSettings name a setting by its "key" attribute: <add key="ConnectionString_B2B" value="…" />.
      if (/^key$/i.test(name!) && quote !== '' && /^["']\s+value\s*=/i.test(text.slice(start + value.length, start + value.length + 12))) continue;
      if (insideArn(text, m.index)) continue;
      if (assignedSecret(name, value, literal, text.slice(Math.max(0, m.index - 200), m.index))) {
        out.push({ ...finding(this, start, value, 0.8), detector: 'secrets:assignment' });
      }
    }
    // Literals given to a secret's name outside an assignment's pattern: after a user's line or opening with a mark, and
    // as a record's fields.
    const literals: Array<[string, NamedValue[]]> = [
      ['secrets:quoted-password', may(PASSWORD_WORDS) ? passwordsAfterUsers(text) : []],
      ['secrets:named-value', namedValues(text, may)],
    ];
    for (const [detector, values] of literals) {
      for (const { name, value, start } of values) {
        if (!providerJudged(value, budget) && assignedSecret(name, value, true, text.slice(Math.max(0, start - 200), start))) {
          out.push({ ...finding(this, start, value, 0.8), detector });
        }
      }
    }
    return out;
  },
};
