import type { HeaderMap, KongPDK } from './kong-pdk';
import type { RequestContext } from './request-context';

/**
 * The request headers, read once per request (one PDK call) and shared by every
 * suite plugin through the request context.
 */
const KEY = 'request.headers';

export async function readHeaders(kong: KongPDK, ctx: RequestContext): Promise<HeaderMap> {
  const cached = ctx.get<HeaderMap>(KEY);
  if (cached) return cached;
  const headers = await kong.request.getHeaders();
  ctx.set(KEY, headers);
  return headers;
}

/** The first value of a header (names are matched case-insensitively, as Kong lower-cases them). */
export function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name.toLowerCase()] as string[] | string | undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first || undefined;
}

/** Every line of a list header (Cache-Control…) as one list, as HTTP reads repeated lines (RFC 9110 §5.3). */
export function headerList(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name.toLowerCase()] as string[] | string | undefined;
  const joined = Array.isArray(value) ? value.join(', ') : value;
  return joined || undefined;
}
