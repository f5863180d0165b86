import { matches } from './context';
import type { MayMatch } from './required-literals';

/**
 * Secrets written as data rather than as an assignment: the name and the value are two fields of one
 * record. Kubernetes' and Compose's env lists and Postman's variables ("- name: DB_PASSWORD\n  value: …",
 * {"key": "api_key", "value": "…"}), .NET's and Spring's XML (<add key="ApiKey" value="…"/>,
 * <property name="password" value="…"/>) and elements named for the secret (Maven's <password>…</password>,
 * <entry key="client.secret">…</entry>). The value is a literal in all of them, as a quoted one is in code.
 */
const SECRET_WORD = /key|token|secret|passw|pwd|pass|credential|auth/i;
/** A field's name says secret when its last word does: "DB_PASSWORD", "x-api-key", not "PasswordPolicy" or "KEYCLOAK_REALM". */
const SECRET_NAME = /(?:key|token|secret|passw(?:or)?d|pwd|pass|passphrase|credentials?|auth|authorization)\d*$/i;
const NAME = String.raw`[\w.:-]{1,80}`;
/** The whole value, not followed by a bracket that would make it a call, an index or a template ("NodeConfig[Key]"). */
const VALUE = String.raw`[^\s"'<>()[\]{},;]{1,200}(?=[\s"'<>,;)\]}]|$)`;

/** A name field, then a value field on the same line (after a comma) or on the next one. */
const NAME_THEN_VALUE = new RegExp(
  String.raw`\b(?:name|key)["']?[ \t]*:[ \t]*["']?(${NAME})["']?[ \t]*(?:,[ \t]*)?(?:\r?\n[ \t]*)?["']?value["']?[ \t]*:[ \t]*["']?(${VALUE})`,
  'dgi',
);
/** Attributes of one XML tag: key="…" or name="…", then (after other attributes, perhaps) value="…". */
const ATTRIBUTES = new RegExp(String.raw`\b(?:key|name)[ \t]*=[ \t]*["'](${NAME})["'][^<>\n]{0,200}?\bvalue[ \t]*=[ \t]*["'](${VALUE})["']`, 'dgi');
/** An element named for its secret, or named by a key attribute, holding the value as its text. */
const ELEMENT = new RegExp(
  String.raw`<(${NAME})(?![\w.:-])(?:[ \t]+(?:key|name)[ \t]*=[ \t]*["'](${NAME})["'])?(?:[ \t][^<>\n]{0,200})?>(${VALUE})</\1>`,
  'dgi',
);
/**
 * A quoted name, a comma and a quoted value given to a call that sets the name's value: PHP's define(), setenv,
 * settings' setters ("define( 'AUTH_KEY', '@E)w)t1Gc[>yET8…' )"). The value runs to its closing quote, whatever it holds
 * but blanks. Other calls of two strings are labels, events, fields and defaults ("_e('Password', 'wp-members')").
 */
const QUOTED_PAIR = new RegExp(
  String.raw`\b(?:define|putenv|setenv|setdefault|ini_set|set|Set|put|setProperty|setSecret)\([ \t]*(["'])(${NAME})\1[ \t]*,[ \t]*(?:'([^'\s]{6,200})'|"([^"\s]{6,200})")`,
  'dg',
);
/** Every pattern above holds one of these words: a text without any skips them. */
const PAIR_WORDS = /value|<\/|['"][ \t]*,[ \t]*['"]/i;

export interface NamedValue {
  name: string;
  value: string;
  start: number;
}

/** Values given to a secret's name as a record's fields or as markup. */
export function namedValues(text: string, may: MayMatch): NamedValue[] {
  if (!may(SECRET_WORD) || !PAIR_WORDS.test(text)) return [];
  const out: NamedValue[] = [];
  const add = (m: RegExpExecArray, name: string, group: number) => {
    if (SECRET_NAME.test(name)) out.push({ name, value: m[group]!, start: m.indices![group]![0] });
  };
  for (const m of matches(text, NAME_THEN_VALUE)) add(m, m[1]!, 2);
  for (const m of matches(text, ATTRIBUTES)) add(m, m[1]!, 2);
  for (const m of matches(text, ELEMENT)) add(m, m[2] ?? m[1]!, 3);
  // A word alone is the next item of a list (["secret", "public", "private"]).
  for (const m of matches(text, QUOTED_PAIR)) if (!/^[A-Za-z]+$/.test(m[3] ?? m[4]!)) add(m, m[2]!, m[3] === undefined ? 4 : 3);
  return out;
}
