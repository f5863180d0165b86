import type { RequestState } from './request-state';
import { finalHeaders } from './pdk';
import { firstHeaders } from './pdk/request';

/**
 * What kong.log.serialize() returns, taken once when the log phase begins: the
 * basic log serializer's shape plus every field set with set_serialize_value
 * before that moment. External log handlers run afterwards, in a timer.
 */
function queryObject(raw: string): Record<string, string | string[] | boolean> {
  const out: Record<string, string | string[] | boolean> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const prev = out[key];
    out[key] = prev === undefined ? value || true : ([] as string[]).concat(prev as string, value);
  }
  return out;
}

function firstValues(headers: Record<string, string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

/** Kong 3.4's pdk/log.lua default serialize values: these two request headers, when present, read REDACTED. */
function redactedAuthorization(headers: Record<string, string | string[]>): Record<string, string | string[]> {
  for (const name of ['authorization', 'proxy-authorization']) if (headers[name] !== undefined) headers[name] = 'REDACTED';
  return headers;
}

export function takeSnapshot(state: RequestState, responseSize: number, status: number): Record<string, unknown> {
  const now = Date.now();
  const { upstreamStart, upstreamEnd, proxyStart } = state.latencies;
  const proxy = upstreamStart !== undefined && upstreamEnd !== undefined ? upstreamEnd - upstreamStart : -1;
  const kong = (upstreamStart ?? proxyStart ?? now) - state.startedAt;
  const uri = state.rawQuery ? `${state.path}?${state.rawQuery}` : state.path;
  return {
    request: {
      uri,
      url: `${state.scheme}://${state.host}${uri}`,
      querystring: queryObject(state.rawQuery),
      method: state.method,
      // kong.request.get_headers(): the first lua_max_req_headers lines.
      headers: redactedAuthorization(firstValues(firstHeaders(state.headers))),
      size: state.body.length,
    },
    upstream_uri: state.upstream.rawQuery ? `${state.upstream.path}?${state.upstream.rawQuery}` : state.upstream.path,
    response: { status, headers: firstValues(finalHeaders(state)), size: responseSize },
    latencies: { kong, proxy, request: now - state.startedAt, receive: 0 },
    tries: proxy >= 0 ? [{ ip: state.upstream.host, port: state.upstream.port, balancer_latency: 0 }] : [],
    route: state.route,
    service: state.service,
    consumer: state.consumer,
    authenticated_entity: state.credential ? { id: state.credential.id } : undefined,
    client_ip: state.clientIp,
    started_at: state.startedAt,
    source: state.source,
    workspace: 'default-workspace',
    ...structuredClone(state.serialize),
  };
}
