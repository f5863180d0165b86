import type { InstanceMeta } from './instance-config';
import type { KongPDK } from './kong-pdk';
import type { RequestContext } from './request-context';

/** The request's route, and its service when known. */
export interface RouteOfRequest {
  id: string;
  serviceId: string | null;
}

const ROUTE_KEY = 'kong.route';

/**
 * The request's route (and its service, when known): a route-scoped instance knows it without asking (Kong gives the
 * route's id, not its service's); any other asks Kong once per request, kept in the request context for the next plugin.
 */
export async function requestRoute(kong: KongPDK, ctx: RequestContext, meta: InstanceMeta): Promise<RouteOfRequest | undefined> {
  if (meta.routeId) return { id: meta.routeId, serviceId: meta.serviceId };
  if (ctx.data.has(ROUTE_KEY)) return ctx.get<RouteOfRequest>(ROUTE_KEY);
  const route = await kong.router.getRoute();
  const found = route ? { id: route.id, serviceId: (route.service as { id?: string } | undefined)?.id ?? null } : undefined;
  ctx.set(ROUTE_KEY, found);
  return found;
}
