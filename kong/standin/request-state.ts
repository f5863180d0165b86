import type { Consumer, Credential, Route, Service } from './declarative';

/**
 * Everything Kong knows about one request while it runs its phases: the client
 * request, the upstream request plugins shape, the downstream response, ngx.ctx
 * and kong.ctx.shared, and the fields added to the log serializer.
 */
export type HeaderMap = Record<string, string[]>;

export interface ExitResponse {
  status: number;
  body: Buffer;
  headers: HeaderMap;
}

export interface RequestState {
  id: string;
  startedAt: number;
  phase: 'rewrite' | 'access' | 'response' | 'log';
  clientIp: string;
  clientPort: number;
  method: string;
  path: string;
  rawQuery: string;
  scheme: string;
  host: string;
  port: number;
  httpVersion: number;
  headers: HeaderMap;
  body: Buffer;
  bodyBufferBytes: number;
  route: Route;
  service: Service;
  consumer?: Consumer;
  credential?: Credential;
  ctxShared: Map<string, unknown>;
  ngxCtx: Map<string, unknown>;
  serialize: Record<string, unknown>;
  upstream: {
    scheme: string;
    host: string;
    port: number;
    path: string;
    rawQuery: string;
    method: string;
    headers: HeaderMap;
    body?: Buffer;
    buffering: boolean;
    connectTimeout: number;
    readTimeout: number;
    writeTimeout: number;
  };
  /** Headers plugins set for the downstream response. */
  responseHeaders: HeaderMap;
  responseStatus?: number;
  exit?: ExitResponse;
  source: 'service' | 'exit' | 'error';
  upstreamResponse?: { status: number; headers: HeaderMap; body?: Buffer };
  /** Set when the log phase starts: what kong.log.serialize() returns. */
  snapshot?: Record<string, unknown>;
  latencies: { proxyStart?: number; upstreamStart?: number; upstreamEnd?: number };
}

export function headerMapFrom(raw: NodeJS.Dict<string | string[]>): HeaderMap {
  const out: HeaderMap = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? [...value] : [value];
  }
  return out;
}
