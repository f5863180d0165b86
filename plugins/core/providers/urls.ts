/**
 * Where a target's calls go. `upstream_url` may be a full endpoint URL (used as
 * is) or a base URL, to which the provider's own path is appended — without
 * doubling a `/v1` the base already ends with.
 */
export function endpoint(base: string, path: string, fullSuffix: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (trimmed.endsWith(fullSuffix)) return trimmed;
  const version = /^\/v\d+[a-z]*\//.exec(path)?.[0].slice(0, -1);
  if (version && trimmed.endsWith(version)) return trimmed + path.slice(version.length);
  return trimmed + path;
}

export function withQuery(url: string, query: Record<string, string>): string {
  const u = new URL(url);
  for (const [key, value] of Object.entries(query)) u.searchParams.set(key, value);
  return u.toString();
}
