import { mayMeet, type InstanceScope } from './instance-scopes';
import type { RouteOfRequest } from './request-route';

/**
 * What llm-proxy's `response_streaming` and `max_request_body_size` make of a route's requests, for a cache hit that
 * answers before llm-proxy runs: a stream a route denies is not served from the cache either, nor a body larger than
 * the route's llm-proxy accepts, and a route that always streams gets its hits streamed. Kong starts llm-proxy lazily, so the cache knows a route's policy once that route's llm-proxy has served a
 * request on this node; until then, or when it cannot tell which llm-proxy runs, it serves no hit there.
 */
export type StreamingPolicy = 'allow' | 'deny' | 'always';

/** What one llm-proxy instance publishes for the cache. */
export interface ProxyPolicy {
  streaming: StreamingPolicy;
  /** Its `max_request_body_size`, in bytes. */
  maxBodyBytes: number;
}

interface Published {
  owner: WeakRef<object>;
  scope: InstanceScope;
  policy: ProxyPolicy;
}

/** By plugin entity: an instance Kong starts for a changed config replaces the one before it. */
const published = new Map<string, Published>();

/** Called by each llm-proxy instance; `owner` is what the instance keeps while it lives (its state). */
export function publishProxyPolicy(pluginId: string, owner: object, scope: InstanceScope, policy: ProxyPolicy): void {
  published.set(pluginId, { owner: new WeakRef(owner), scope, policy });
}

/**
 * The policy of the llm-proxy Kong runs on this route: the most specific instance configured for it (a route's over a
 * service's over a global one), as Kong picks one configuration per plugin and request; undefined when that cannot be
 * told (the route's service unknown and some instance scoped to a service).
 */
function policyOnRoute(route: RouteOfRequest, candidates: Published[]): ProxyPolicy | undefined {
  const onRoute = candidates.find((entry) => entry.scope.routeId === route.id);
  if (onRoute) return onRoute.policy;
  const services = candidates.filter((entry) => entry.scope.routeId === null && entry.scope.serviceId !== null);
  if (services.length > 0) {
    if (route.serviceId === null) return undefined;
    const onService = services.find((entry) => entry.scope.serviceId === route.serviceId);
    if (onService) return onService.policy;
  }
  return candidates.find((entry) => entry.scope.routeId === null && entry.scope.serviceId === null)?.policy;
}

/**
 * How a cache hit answers a request: as a stream, as JSON, not at all ('unknown': which llm-proxy follows cannot be
 * told yet, so the answer is stored and none served), or the request is llm-proxy's alone ('bypass': a stream it
 * refuses; 'too-large': a body over its size limit, which it answers with a 413). The route is free for a route-scoped cache and, by default, fetched for the cache's scope anyway: it is
 * asked for only when some llm-proxy instance may follow the cache.
 */
export async function cachedAnswerForm(
  scope: InstanceScope,
  request: { wantsStream: boolean; bodyBytes: number },
  route: () => Promise<RouteOfRequest | undefined>,
): Promise<'stream' | 'json' | 'bypass' | 'too-large' | 'unknown'> {
  const candidates: Published[] = [];
  for (const [id, entry] of published) {
    if (!entry.owner.deref()) published.delete(id);
    else if (mayMeet(scope, entry.scope)) candidates.push(entry);
  }
  if (candidates.length === 0) return 'unknown';
  const { wantsStream, bodyBytes } = request;
  const form = ({ streaming, maxBodyBytes }: ProxyPolicy) =>
    bodyBytes > maxBodyBytes ? 'too-large' : streaming === 'deny' && wantsStream ? 'bypass' : streaming === 'always' || wantsStream ? 'stream' : 'json';
  // Another route's instance is no answer for this one, even when all agree: this route's may not have started yet.
  const known = await route();
  const policy = known ? policyOnRoute(known, candidates) : undefined;
  return policy ? form(policy) : 'unknown';
}
