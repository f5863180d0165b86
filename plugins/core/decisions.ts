import type { RequestContext } from './request-context';

/**
 * What each suite plugin decided for a request (the guard's verdict, PII counts,
 * the router's choice, the cache's hit or miss), kept in the request context so
 * that tracing can show every decision as an observation. Never values, only
 * verdicts, scores and counts.
 */
export interface Decision {
  plugin: string;
  name: string;
  at: number;
  level?: 'DEFAULT' | 'WARNING' | 'ERROR';
  data: Record<string, unknown>;
}

const KEY = 'decisions';

/** Where prompt-guard leaves its verdict for the plugins after it ('flag': let through, but suspect). */
export const GUARD_VERDICT_KEY = 'guard.verdict';

export function recordDecision(ctx: RequestContext, decision: Omit<Decision, 'at'>): void {
  const list = ctx.get<Decision[]>(KEY) ?? [];
  list.push({ ...decision, at: Date.now() });
  ctx.set(KEY, list);
}

export function decisionsOf(ctx: RequestContext): Decision[] {
  return ctx.get<Decision[]>(KEY) ?? [];
}
