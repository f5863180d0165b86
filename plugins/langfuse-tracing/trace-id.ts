import { createHash, randomBytes } from 'node:crypto';

/**
 * A stable 32-hex trace id derived from Kong's request id (nginx's $request_id is
 * already 32 hex), so that retries and later scores land on the same trace.
 */
export function traceIdFor(requestId: string | undefined): string {
  if (requestId && /^[0-9a-f]{32}$/.test(requestId)) return requestId;
  if (requestId) return createHash('sha256').update(requestId).digest('hex').slice(0, 32);
  return randomBytes(16).toString('hex');
}

export function spanId(): string {
  return randomBytes(8).toString('hex');
}
