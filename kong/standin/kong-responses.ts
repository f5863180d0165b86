import type http from 'node:http';
import type { ExitResponse, HeaderMap, RequestState } from './request-state';

/** How the stand-in writes what Kong writes: its own responses and its headers. */
export const KONG_VERSION = '3.4.2'; // the version the reference's protocol facts were measured on

export function kongMessage(status: number, message: string): ExitResponse {
  return {
    status,
    body: Buffer.from(JSON.stringify({ message })),
    headers: { 'content-type': ['application/json; charset=utf-8'] },
  };
}

export function flatten(headers: HeaderMap): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(headers)) {
    if (values.length === 0) continue;
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** Sends a Kong-generated response (an exit, or Kong's own error). */
export function sendExit(res: http.ServerResponse, state: RequestState | undefined, exit: ExitResponse, headers: HeaderMap): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const out = flatten(headers);
  out['content-length'] = String(exit.body.length);
  out['server'] = `kong/${KONG_VERSION}`;
  if (state) out['x-kong-response-latency'] = String(Date.now() - state.startedAt);
  res.writeHead(exit.status, out);
  res.end(exit.body);
}
