/** Why one attempt at one target failed, and whether trying again can help. */
export interface AttemptFailure {
  kind: 'connect' | 'timeout' | 'status' | 'protocol';
  /** The status the client gets if this is the last failure. */
  status: number;
  message: string;
  retryable: boolean;
  retryAfterS?: number;
  code: string;
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

export function statusFailure(status: number, message: string, retryAfterS?: number): AttemptFailure {
  const retryable = status === 429 || status === 408 || status >= 500;
  const clientStatus = status === 429 ? 429 : status >= 500 ? 502 : status;
  return { kind: 'status', status: clientStatus, message: `The provider answered ${status}: ${message}`, retryable, retryAfterS, code: status === 429 ? 'provider_rate_limited' : 'provider_error' };
}
