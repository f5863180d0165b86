import http from 'node:http';
import https from 'node:https';
import type { HeaderMap, RequestState } from './request-state';
import { headerMapFrom } from './request-state';
import { flatten } from './kong-responses';

/**
 * The call to the upstream, streaming both ways, with Kong's timeouts and errors:
 * connection failures → 502, timeouts → 504; a client that goes away aborts it.
 */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length', 'host']);

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export class UpstreamError extends Error {
  constructor(readonly status: 502 | 504, message: string) {
    super(message);
  }
}

export function upstreamHeaders(state: RequestState): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, values] of Object.entries(state.upstream.headers)) if (!HOP_BY_HOP.has(name)) out[name] = values;
  const forwardedFor = state.headers['x-forwarded-for']?.[0];
  out['x-forwarded-for'] = [forwardedFor ? `${forwardedFor}, ${state.clientIp}` : state.clientIp];
  out['x-forwarded-proto'] = [state.scheme];
  out['x-forwarded-host'] = [state.host.replace(/:\d+$/, '')];
  out['x-forwarded-port'] = [String(state.port)];
  out['x-forwarded-path'] = [state.path];
  out['x-real-ip'] = [state.clientIp];
  const { host, port, scheme } = state.upstream;
  const defaultPort = scheme === 'https' ? 443 : 80;
  out['host'] = state.route.preserve_host && state.headers.host ? state.headers.host : [port === defaultPort ? host : `${host}:${port}`];
  return out;
}

export interface UpstreamResponse {
  status: number;
  headers: HeaderMap;
  stream: http.IncomingMessage;
}

/** Sends the upstream request; resolves when the upstream's headers arrive. */
export function callUpstream(state: RequestState, onRequest: (req: http.ClientRequest) => void): Promise<UpstreamResponse> {
  const { upstream } = state;
  const body = upstream.body ?? state.body;
  const headers = flatten(upstreamHeaders(state));
  headers['content-length'] = String(body.length);
  const client = upstream.scheme === 'https' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request({
      host: upstream.host,
      port: upstream.port,
      method: upstream.method,
      path: upstream.rawQuery ? `${upstream.path}?${upstream.rawQuery}` : upstream.path,
      headers,
      agent: upstream.scheme === 'https' ? agents.https : agents.http,
    });
    onRequest(req);
    const connectTimer = setTimeout(() => req.destroy(new UpstreamError(504, 'connect timeout')), upstream.connectTimeout);
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.setTimeout(upstream.readTimeout, () => req.destroy(new UpstreamError(504, 'read timeout')));
    req.on('response', (res) => {
      clearTimeout(connectTimer);
      const headers = headerMapFrom(res.headers);
      for (const name of HOP_BY_HOP) if (name !== 'content-length') delete headers[name];
      resolve({ status: res.statusCode ?? 502, headers, stream: res });
    });
    req.on('error', (err) => {
      clearTimeout(connectTimer);
      reject(err instanceof UpstreamError ? err : new UpstreamError(502, err.message));
    });
    req.end(body);
  });
}
