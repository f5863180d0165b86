import { mayMeet, type InstanceScope } from './instance-scopes';

/**
 * What llm-proxy's `response_streaming` makes of a route's answers, for a cache hit that answers before llm-proxy
 * runs: a stream a route denies is not served from the cache either, and a route that always streams gets its hits
 * streamed. When the llm-proxy instances that may follow a cache disagree (a global cache before routes of different
 * policies), a request whose form one of them would change or refuse is left to llm-proxy.
 */
export type StreamingPolicy = 'allow' | 'deny' | 'always';

interface Published {
  owner: WeakRef<object>;
  scope: InstanceScope;
  policy: StreamingPolicy;
}

/** By plugin entity: an instance Kong starts for a changed config replaces the one before it. */
const published = new Map<string, Published>();

/** Called by each llm-proxy instance; `owner` is what the instance keeps while it lives (its state). */
export function publishStreamingPolicy(pluginId: string, owner: object, scope: InstanceScope, policy: StreamingPolicy): void {
  published.set(pluginId, { owner: new WeakRef(owner), scope, policy });
}

/** The request's route, when the cache knows it: its id and its service's. */
export interface RouteOfRequest {
  id: string;
  serviceId: string | null;
}

/**
 * The policy of the llm-proxy Kong runs on this route: of the instances configured for it, the most specific (a
 * route's over a service's over a global one), as Kong picks one configuration per plugin and request.
 */
function policyOnRoute(route: RouteOfRequest): StreamingPolicy | undefined {
  let best: { rank: number; policy: StreamingPolicy } | undefined;
  for (const entry of published.values()) {
    const { routeId, serviceId } = entry.scope;
    // A service-scoped instance, and the route's service unknown: which one Kong runs cannot be told here.
    if (serviceId !== null && route.serviceId === null) return undefined;
    if (routeId !== null && routeId !== route.id) continue;
    if (serviceId !== null && serviceId !== route.serviceId) continue;
    const rank = routeId !== null ? (serviceId !== null ? 0 : 1) : serviceId !== null ? 2 : 3;
    if (!best || rank < best.rank) best = { rank, policy: entry.policy };
  }
  return best?.policy;
}

/** How a cache hit answers a request: as a stream, as JSON, or not at all ('bypass': llm-proxy decides). */
export function cachedAnswerForm(scope: InstanceScope, wantsStream: boolean, route?: RouteOfRequest): 'stream' | 'json' | 'bypass' {
  for (const [id, entry] of published) if (!entry.owner.deref()) published.delete(id);
  const exact = route ? policyOnRoute(route) : undefined;
  if (exact) return exact === 'deny' && wantsStream ? 'bypass' : exact === 'always' || wantsStream ? 'stream' : 'json';
  const policies = new Set<StreamingPolicy>();
  for (const entry of published.values()) if (mayMeet(scope, entry.scope)) policies.add(entry.policy);
  if (wantsStream) return policies.has('deny') ? 'bypass' : 'stream';
  if (!policies.has('always')) return 'json';
  // Every llm-proxy after the cache streams whatever is asked: so does the hit. Some would not: llm-proxy decides.
  return policies.size === 1 ? 'stream' : 'bypass';
}
