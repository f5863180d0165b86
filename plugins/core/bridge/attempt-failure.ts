import { redactSecrets } from '../redact';
import { ProviderStreamError } from '../providers/types';

/** Why one attempt at one target failed, and whether trying again can help. */
export interface AttemptFailure {
  kind: 'connect' | 'timeout' | 'status' | 'protocol';
  /** The status the client gets if this is the last failure. */
  status: number;
  message: string;
  retryable: boolean;
  retryAfterS?: number;
  code: string;
  /** The request's field the provider named, for a request the provider refused as it was. */
  param?: string;
  /** This target cannot serve this request (its key, its model, its input format): try the others, not it again. */
  skipTarget?: boolean;
  /** The target is healthy all the same: the failure does not count toward its circuit breaker. */
  healthy?: boolean;
}

export class AttemptError extends Error {
  constructor(readonly failure: AttemptFailure) {
    super(failure.message);
  }
}

export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * A provider's error status, for the client and for the balancer. 401/403 (the gateway's key for that
 * provider) and 404 (a model that target does not serve) are the gateway's configuration, not the
 * client's request: the client gets 502, and another target may still answer; so does a key the provider refuses with
 * another status (`keyRefused`: Gemini's 400 API_KEY_INVALID). Other 4xx mean the
 * request itself is wrong and go back as they are, with the code and the field the provider named (`said`), which
 * clients act on.
 */
export function statusFailure(status: number, message: string, retryAfterS?: number, keyRefused = false, said: { code?: string; param?: string } = {}): AttemptFailure {
  const gatewaySide = keyRefused || status === 401 || status === 403 || status === 404;
  const retryable = status === 429 || status === 408 || status >= 500 || gatewaySide;
  const clientStatus = status === 429 ? 429 : status >= 500 || gatewaySide ? 502 : status;
  const clients = clientStatus === status && status !== 429;
  const code = status === 429 ? 'provider_rate_limited' : status === 404 ? 'provider_model_not_found' : gatewaySide ? 'provider_auth_error' : (clients && said.code) || 'provider_error';
  const param = clients ? said.param : undefined;
  return { kind: 'status', status: clientStatus, message: `The provider answered ${status}: ${message}`, retryable, retryAfterS, code, ...(param ? { param } : {}), skipTarget: gatewaySide };
}

/**
 * How long the provider asks to wait: `retry-after` (seconds or a date), Azure's `retry-after-ms`, or
 * Gemini's `error.details[].retryDelay` ("30s") in the body.
 */
export function providerRetryAfter(headers: Record<string, string | string[] | undefined>, body: unknown): number | undefined {
  const ms = Number(Array.isArray(headers['retry-after-ms']) ? headers['retry-after-ms'][0] : headers['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const fromHeader = retryAfterSeconds(headers['retry-after']);
  if (fromHeader !== undefined) return fromHeader;
  const details = (body as { error?: { details?: Array<{ retryDelay?: unknown }> } } | undefined)?.error?.details;
  const delay = Array.isArray(details) ? details.find((d) => typeof d?.retryDelay === 'string')?.retryDelay : undefined;
  const seconds = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay)?.[1] : undefined;
  return seconds === undefined ? undefined : Number(seconds);
}

/**
 * Why a stream failed before its first byte went to the client: a silence past the first-token timeout, the
 * provider's own error event (with the status it stands for: a throttled stream is a 429 like any other), another
 * failure, or an end before any answer.
 */
export function unansweredStream(targetName: string, timedOut: boolean, error: Error | undefined, empty: boolean): AttemptFailure {
  if (timedOut) return { kind: 'timeout', status: 504, message: `The provider (${targetName}) sent no answer in time.`, retryable: true, code: 'provider_timeout' };
  const protocol = (message: string): AttemptFailure => ({ kind: 'protocol', status: 502, message, retryable: true, code: 'provider_error' });
  if (error instanceof ProviderStreamError) return { ...statusFailure(error.status, error.message), message: `The provider failed before answering: ${error.message}` };
  if (error) return protocol(`The provider failed before answering: ${redactSecrets(error.message || 'stream error')}`);
  return protocol(empty ? 'The provider sent an empty stream.' : 'The provider ended the stream before answering.');
}

/** The error event that ends a stream the provider cut, with what the provider said of it (its own error event). */
export function truncatedEvent(said: string | undefined): Record<string, unknown> {
  return { error: { message: `The provider ended the stream before the answer was complete${said ? `: ${said}` : '.'}`, type: 'server_error', param: null, code: 'stream_truncated' } };
}
