import { compileConfiguredPattern } from '../../core/configured-pattern';
import type { Category, Finding } from './types';

/**
 * Values and patterns that are never touched (the company's own domain, a support number), in the categories they
 * apply to. Credentials are not among those by default: a password at the company's domain ("ftp://backup:…@ourcompany.com",
 * "my password is Sup3r@ourcompany.com") is still a password.
 */
export interface AllowList {
  values?: string[];
  patterns?: string[];
  /** The categories the list applies to (default: every category but `secret` and `url_credentials`). */
  categories?: Category[];
}

export const CREDENTIAL_CATEGORIES: readonly Category[] = ['secret', 'url_credentials'];

/** Allow patterns match a finding's whole value, in any case. */
export const ALLOW_PATTERN_FLAGS = 'iu';
export const anchoredAllowPattern = (pattern: string) => `^(?:${pattern})$`;

export function allowFilter(allow: AllowList | undefined): (f: Finding) => boolean {
  const values = new Set((allow?.values ?? []).map((v) => v.toLowerCase()));
  const patterns = (allow?.patterns ?? []).map((p, i) => compileConfiguredPattern(anchoredAllowPattern(p), ALLOW_PATTERN_FLAGS, `allow pattern ${i}`));
  if (values.size === 0 && patterns.length === 0) return () => true;
  const listed = allow?.categories ? new Set(allow.categories) : undefined;
  const applies = (category: Category) => (listed ? listed.has(category) : !CREDENTIAL_CATEGORIES.includes(category));
  return (f) => !applies(f.category) || (!values.has(f.value.toLowerCase()) && !patterns.some((p) => p.test(f.value)));
}
