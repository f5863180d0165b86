import type { RouteType, TargetSpec } from '../providers';

/**
 * What llm-proxy decides in the access phase and the bridge carries out: the
 * request in OpenAI's format, the candidate targets with their keys and prices,
 * and the reliability settings. It lives in the request context, never in Kong.
 */
export interface PlannedTarget extends TargetSpec {
  weight: number;
  priority: number;
  /** USD per million tokens. */
  inputCost: number;
  outputCost: number;
  /** Prompt tokens the provider read from its prompt cache (billed less by most). */
  cachedInputCost: number;
  /** Prompt tokens the provider wrote to its prompt cache (Anthropic bills them at 1.25x input). */
  cacheWriteCost: number;
  /** Those it wrote to its 1-hour cache (Anthropic: 2x input). */
  hourCacheWriteCost: number;
  /** Whether the model has a price (the table's or the target's); unpriced answers report no cost, not 0. */
  priced: boolean;
  /** Process-wide key for this target's breaker and latency statistics. */
  key: string;
}

export interface BalancerSettings {
  algorithm: 'round-robin' | 'lowest-latency' | 'least-inflight' | 'lowest-cost';
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  maxRetryAfterS: number;
  connectTimeoutMs: number;
  firstTokenTimeoutMs: number;
  totalTimeoutMs: number;
  maxFails: number;
  failTimeoutS: number;
}

export interface CallPlan {
  routeType: RouteType;
  request: Record<string, unknown>;
  stream: boolean;
  /** The client asked for the usage chunk at the end of a stream. */
  includeUsage: boolean;
  clientModel?: string;
  targets: PlannedTarget[];
  balancer: BalancerSettings;
  /** Largest whole answer read from a provider, and largest unfinished event of a stream, in bytes. */
  maxResponseBodyBytes: number;
  /** performance.now() when llm-proxy's access phase started on this request. */
  startedAt: number;
}

/**
 * A plan llm-proxy leaves to the bridge when no suite plugin has read the body yet: the bridge
 * makes it from the body Kong forwards, which saves the body's PDK round trip in access.
 */
export interface DeferredPlan {
  maxBodyBytes: number;
  make(body: unknown): CallPlan;
}

export const PLAN_KEY = 'llm.plan';
export const DEFERRED_PLAN_KEY = 'llm.deferred-plan';
export const RESULT_KEY = 'llm.result';
/** Set while the bridge serves the request: its end is reported through the answer listeners (RESULT_KEY). */
export const IN_BRIDGE_KEY = 'llm.in-bridge';
/** An answer the client got without a provider call (a cache hit): the request's messages and the answer, as recorded. */
export const SERVED_ANSWER_KEY = 'llm.served-answer';
