/** What differs per provider outside the endpoints themselves: credentials and the error wire format. */
import type { IncomingHttpHeaders } from 'node:http';
import type { MockHttpError } from './http-error';

export type ProviderName = 'openai' | 'azure' | 'anthropic' | 'gemini' | 'cohere' | 'bedrock';

/** The one API key the mock rejects; any other non-empty key is accepted. */
export const BAD_KEY = 'bad-key';

/** The request as seen before its body is interpreted. */
export interface Inbound {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export interface Dialect {
  readonly provider: ProviderName;
  /** An error when the credentials are missing or rejected, else undefined. */
  authenticate(inbound: Inbound): MockHttpError | undefined;
  /** The error's body in the provider's wire format. */
  renderError(error: MockHttpError): unknown;
}

export function header(inbound: Inbound, name: string): string | undefined {
  const value = inbound.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

export function bearerToken(inbound: Inbound): string | undefined {
  const match = /^Bearer\s+(\S+)/i.exec(header(inbound, 'authorization') ?? '');
  return match?.[1];
}
