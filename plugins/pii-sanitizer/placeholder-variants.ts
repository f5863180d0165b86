/**
 * A placeholder as a model may write it back altered: in other case ("[email_1]", "[Person_1]"), with a blank for an
 * underscore ("[EMAIL 1]"), or with Markdown's escapes ("\[EMAIL\_1\]", "[EMAIL\_1]"). Each is read as the placeholder
 * it stands for (`canonicalPlaceholder`), which only the vault's own placeholders are restored from.
 */
export const PLACEHOLDER_VARIANT = /\\?\[([A-Za-z](?:[A-Za-z0-9 ]|\\?_){0,47}?)(?:\\?_| )(\d+)\\?\]/g;

/** Inside JSON text a backslash is an escape of JSON's own: only case and blanks vary there. */
export const PLACEHOLDER_VARIANT_IN_JSON = /\[([A-Za-z][A-Za-z0-9_ ]{0,47}?)[_ ](\d+)\]/g;

/** The placeholder a variant stands for ("[email 1]" -> "[EMAIL_1]"), from its label and number as matched. */
export function canonicalPlaceholder(label: string, n: string): string {
  return `[${label.replace(/\\/g, '').replace(/ /g, '_').toUpperCase()}_${n}]`;
}
