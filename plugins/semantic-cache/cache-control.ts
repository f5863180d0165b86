/** The request Cache-Control directives the cache honours. */
export interface CacheDirectives {
  noStore: boolean;
  noCache: boolean;
  /** Oldest answer the client accepts, in seconds. */
  maxAge?: number;
}

export function parseCacheControl(header: string | undefined): CacheDirectives {
  const out: CacheDirectives = { noStore: false, noCache: false };
  if (!header) return out;
  for (const part of header.toLowerCase().split(',')) {
    const [name, value] = part.trim().split('=', 2).map((s) => s.trim());
    if (name === 'no-store') out.noStore = true;
    else if (name === 'no-cache') out.noCache = true;
    else if (name === 'max-age' && value !== undefined && /^\d+$/.test(value.replace(/"/g, ''))) out.maxAge = Number(value.replace(/"/g, ''));
  }
  if (out.maxAge === 0) out.noCache = true;
  return out;
}
