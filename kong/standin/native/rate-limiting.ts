import { jsonExit, type NativePlugin } from './types';

/**
 * Kong's rate-limiting (priority 910) with the `local` policy: fixed windows per
 * identifier, RateLimit-* and X-RateLimit-* headers, 429 with Retry-After.
 */
const WINDOWS: Array<[string, number]> = [
  ['second', 1],
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
  ['month', 2_592_000],
  ['year', 31_536_000],
];

const counters = new Map<string, number>();

const limitField = { type: 'number' as const, gt: 0 };

export const rateLimiting: NativePlugin = {
  name: 'rate-limiting',
  priority: 910,
  fields: [
    ...WINDOWS.map(([w]) => ({ [w]: limitField })),
    { limit_by: { type: 'string', default: 'consumer', one_of: ['consumer', 'credential', 'ip', 'service', 'header', 'path', 'consumer-group'] } },
    { header_name: { type: 'string' } },
    { path: { type: 'string' } },
    { policy: { type: 'string', default: 'local', one_of: ['local', 'cluster', 'redis'] } },
    { fault_tolerant: { type: 'boolean', required: true, default: true } },
    { hide_client_headers: { type: 'boolean', required: true, default: false } },
    { error_code: { type: 'number', default: 429, gt: 0 } },
    { error_message: { type: 'string', default: 'API rate limit exceeded' } },
  ],
  access(state, config) {
    const by = config.limit_by as string;
    const identifier =
      (by === 'consumer' && state.consumer?.id) ||
      (by === 'credential' && state.credential?.id) ||
      (by === 'service' && state.service.id) ||
      (by === 'header' && state.headers[String(config.header_name).toLowerCase()]?.[0]) ||
      (by === 'path' && state.path) ||
      state.clientIp;
    const now = Date.now() / 1000;
    const headers: Record<string, string> = {};
    let exceeded = false;
    let reset = Infinity;
    let tightest: { limit: number; remaining: number } | undefined;
    for (const [window, seconds] of WINDOWS) {
      const limit = config[window] as number | null;
      if (!limit) continue;
      const start = Math.floor(now / seconds) * seconds;
      const key = `${state.route.id}:${identifier}:${window}:${start}`;
      const used = (counters.get(key) ?? 0) + 1;
      counters.set(key, used);
      const remaining = Math.max(0, limit - used);
      const name = window[0].toUpperCase() + window.slice(1);
      headers[`X-RateLimit-Limit-${name}`] = String(limit);
      headers[`X-RateLimit-Remaining-${name}`] = String(remaining);
      if (!tightest || remaining < tightest.remaining) tightest = { limit, remaining };
      if (used > limit) {
        exceeded = true;
        reset = Math.min(reset, Math.ceil(start + seconds - now));
      } else reset = Math.min(reset, Math.ceil(start + seconds - now));
    }
    if (tightest) {
      headers['RateLimit-Limit'] = String(tightest.limit);
      headers['RateLimit-Remaining'] = String(tightest.remaining);
      headers['RateLimit-Reset'] = String(reset);
    }
    if (exceeded) {
      return jsonExit(config.error_code as number, config.error_message as string, {
        ...(config.hide_client_headers ? {} : headers),
        'Retry-After': String(reset),
      });
    }
    if (!config.hide_client_headers) {
      for (const [k, v] of Object.entries(headers)) state.responseHeaders[k.toLowerCase()] = [v];
    }
    return undefined;
  },
};
