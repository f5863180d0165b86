import type { InstanceMeta } from './instance-config';

/**
 * Which suite plugin instances are alive in this process, and where Kong can run them.
 *
 * Kong starts an instance lazily, on the first request that runs it, so when a plugin's access
 * phase runs, every suite plugin that ran before it on the same request has an instance here.
 * If no other live instance can apply to this plugin's requests, no earlier suite phase can have
 * created a request context, and looking one up in `kong.ctx.shared` (a round trip to Kong) is
 * skipped. Priority is not trusted to tell which ran first: Kong Enterprise and Konnect let a
 * plugin's `ordering` (before/after) override it, and that field never reaches the plugin server.
 * Closed instances (Kong replaces them on a config change and tells no hook) drop out when
 * collected; until then they only make the answer more cautious.
 */
export interface InstanceScope {
  hasAccess: boolean;
  routeId: string | null;
  serviceId: string | null;
}

const live = new Set<WeakRef<{ scope: InstanceScope }>>();
let version = 0;

/** Records a started instance; `owner` is the object kong-pdk keeps while the instance lives. */
export function registerInstance(owner: { scope: InstanceScope }): void {
  live.add(new WeakRef(owner));
  version++;
}

/** Bumped whenever an instance starts, so a cached answer knows when to look again. */
export function instancesVersion(): number {
  return version;
}

/**
 * Whether two instances can run on one request. Conservative where Kong's own matching needs
 * what an instance does not know (the service of a route-scoped instance's route, the consumer).
 */
export function mayMeet(a: InstanceScope, b: InstanceScope): boolean {
  const route = a.routeId === null || b.routeId === null || a.routeId === b.routeId;
  const service = a.serviceId === null || b.serviceId === null || a.serviceId === b.serviceId;
  return route && service;
}

/** Whether a suite phase before this instance's access phase may have set up a request context. */
export function mayFollowSuitePlugin(self: { scope: InstanceScope }): boolean {
  for (const ref of live) {
    const other = ref.deref();
    if (!other) {
      live.delete(ref);
      continue;
    }
    if (other === self || !other.scope.hasAccess) continue;
    if (mayMeet(self.scope, other.scope)) return true;
  }
  return false;
}

export function scopeOf(hasAccess: boolean, meta: InstanceMeta): InstanceScope {
  return { hasAccess, routeId: meta.routeId, serviceId: meta.serviceId };
}
