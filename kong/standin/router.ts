import type { Route, Service } from './declarative';

/**
 * Route matching in the spirit of Kong's router: hosts (with wildcards), methods
 * and paths (prefix, or `~` regex); more matching criteria win, then regex paths
 * by regex_priority, then the longest prefix.
 */
export interface RouteMatch {
  route: Route;
  service: Service;
  /** What is left of the path after strip_path. */
  strippedPath: string;
}

function hostMatches(pattern: string, host: string): boolean {
  const bare = host.replace(/:\d+$/, '').toLowerCase();
  const p = pattern.toLowerCase();
  if (p.startsWith('*.')) return bare.endsWith(p.slice(1));
  if (p.endsWith('.*')) return bare.startsWith(p.slice(0, -1));
  return bare === p;
}

interface Candidate {
  match: RouteMatch;
  criteria: number;
  regex: boolean;
  weight: number;
}

function matchPath(route: Route, path: string): { stripped: string; regex: boolean; weight: number } | undefined {
  if (route.paths.length === 0) return { stripped: path, regex: false, weight: 0 };
  let best: { stripped: string; regex: boolean; weight: number } | undefined;
  for (const pattern of route.paths) {
    let matched: string | undefined;
    let regex = false;
    if (pattern.startsWith('~')) {
      const m = new RegExp(`^(?:${pattern.slice(1)})`).exec(path);
      if (m) matched = m[0];
      regex = true;
    } else if (path.startsWith(pattern)) matched = pattern;
    if (matched === undefined) continue;
    const weight = regex ? route.regex_priority : matched.length;
    if (!best || (regex && !best.regex) || (regex === best.regex && weight > best.weight)) {
      let rest = route.strip_path ? path.slice(matched.length) : path;
      if (!rest.startsWith('/')) rest = `/${rest}`;
      best = { stripped: rest, regex, weight };
    }
  }
  return best;
}

export function matchRoute(
  routes: Route[],
  services: Map<string, Service>,
  request: { method: string; host: string; path: string },
): RouteMatch | undefined {
  const candidates: Candidate[] = [];
  for (const route of routes) {
    if (route.methods.length > 0 && !route.methods.includes(request.method)) continue;
    if (route.hosts.length > 0 && !route.hosts.some((h) => hostMatches(h, request.host))) continue;
    const path = matchPath(route, request.path);
    if (!path) continue;
    const service = route.service ? services.get(route.service.id) : undefined;
    if (!service) continue;
    const criteria = Number(route.methods.length > 0) + Number(route.hosts.length > 0) + Number(route.paths.length > 0);
    candidates.push({ match: { route, service, strippedPath: path.stripped }, criteria, regex: path.regex, weight: path.weight });
  }
  candidates.sort(
    (a, b) => b.criteria - a.criteria || Number(b.regex) - Number(a.regex) || b.weight - a.weight,
  );
  return candidates[0]?.match;
}

/** The upstream path: the service's path joined with what routing left, as Kong's path_handling v0. */
export function upstreamPath(service: Service, stripped: string): string {
  const base = service.path ?? '/';
  if (stripped === '/' ) return base;
  if (base.endsWith('/')) return base + stripped.slice(1);
  return base === '/' ? stripped : base + stripped;
}
