import type { Finding } from './types';

/** Values and patterns that are never touched (the company's own domain, a support number). */
export interface AllowList {
  values?: string[];
  patterns?: string[];
}

export function allowFilter(allow: AllowList | undefined): (f: Finding) => boolean {
  const values = new Set((allow?.values ?? []).map((v) => v.toLowerCase()));
  const patterns = (allow?.patterns ?? []).map((p) => new RegExp(`^(?:${p})$`, 'iu'));
  if (values.size === 0 && patterns.length === 0) return () => true;
  return (f) => !values.has(f.value.toLowerCase()) && !patterns.some((p) => p.test(f.value));
}
