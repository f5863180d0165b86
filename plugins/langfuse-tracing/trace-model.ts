import { performance } from 'node:perf_hooks';
import type { AnswerRecord } from '../core/bridge/answer-hooks';
import { PLAN_KEY, RESULT_KEY, SERVED_ANSWER_KEY, type CallPlan } from '../core/bridge/plan';
import { decisionsOf } from '../core/decisions';
import type { RequestContext } from '../core/request-context';
import { spanId } from './trace-id';

/**
 * One request as Langfuse will show it, independent of the transport: the trace,
 * the generation (the LLM call), and an observation per gateway decision. Built
 * from the request context when the request has ended.
 */
export type Level = 'DEFAULT' | 'WARNING' | 'ERROR';

export interface TraceIdentity {
  traceId: string;
  name: string;
  userId?: string;
  sessionId?: string;
  tags: string[];
  metadata: Record<string, unknown>;
}

export interface GatewayObservation {
  id: string;
  name: string;
  type: 'guardrail' | 'event';
  time: number;
  level: Level;
  metadata: Record<string, unknown>;
}

/** Token counts; `cacheCreation` holds every prompt-cache write, `cacheCreation1h` those of them written for an hour. */
export interface GenerationUsage {
  input: number;
  output: number;
  total: number;
  cached?: number;
  cacheCreation?: number;
  cacheCreation1h?: number;
}

export interface GatewayGeneration {
  id: string;
  name: string;
  provider?: string;
  model?: string;
  /** The llm-proxy target that answered (or failed last), and how many attempts it took to get there. */
  target?: string;
  attempts: number;
  parameters: Record<string, string | number | boolean>;
  input?: unknown;
  output?: unknown;
  usage?: GenerationUsage;
  usageEstimated: boolean;
  costUsd?: number;
  startTime: number;
  completionStartTime?: number;
  endTime: number;
  level: Level;
  statusMessage?: string;
}

export interface GatewayTrace extends TraceIdentity {
  rootSpanId: string;
  release?: string;
  environment?: string;
  startTime: number;
  endTime: number;
  status: number;
  level: Level;
  statusMessage?: string;
  input?: unknown;
  output?: unknown;
  generation?: GatewayGeneration;
  observations: GatewayObservation[];
}

const PARAMETERS = ['temperature', 'max_tokens', 'max_completion_tokens', 'top_p', 'stream', 'frequency_penalty', 'presence_penalty', 'seed'];

function generationOf(plan: CallPlan, record: AnswerRecord, logPayloads: boolean): GatewayGeneration {
  // On the wall clock the trace uses (Date.now()): timeOrigin + performance.now() drifts from it in a long-lived process.
  const start = Date.now() - (performance.now() - plan.startedAt);
  const parameters: Record<string, string | number | boolean> = {};
  for (const key of PARAMETERS) {
    const value = plan.request[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parameters[key] = value;
  }
  const usage = record.usage;
  const failed = record.status >= 400 || record.truncated;
  // A chat answer's message, or a legacy completion's text.
  const choice = (record.response?.choices as Array<{ message?: unknown; text?: unknown }> | undefined)?.[0];
  return {
    id: spanId(),
    name: `${record.provider ?? 'llm'}-${plan.routeType.slice(7)}`,
    provider: record.provider,
    model: record.model,
    target: record.target,
    attempts: record.attempts,
    parameters,
    input: logPayloads ? plan.request.messages ?? plan.request.prompt ?? plan.request.input : undefined,
    output: logPayloads ? choice?.message ?? choice?.text : undefined,
    usage: usage
      ? {
          input: usage.prompt_tokens,
          output: usage.completion_tokens ?? 0,
          total: usage.total_tokens,
          cached: usage.prompt_tokens_details?.cached_tokens,
          cacheCreation: usage.prompt_tokens_details?.cache_creation_tokens,
          cacheCreation1h: usage.prompt_tokens_details?.cache_creation_1h_tokens,
        }
      : undefined,
    usageEstimated: record.usageEstimated,
    costUsd: record.costUsd,
    startTime: start,
    completionStartTime: record.firstTokenMs !== undefined ? start + record.firstTokenMs : undefined,
    endTime: start + record.durationMs,
    // A client that hung up is no provider's failure.
    level: record.cancelled ? 'WARNING' : failed ? 'ERROR' : 'DEFAULT',
    statusMessage: record.cancelled
      ? 'client disconnected before the answer ended'
      : failed
        ? record.truncated
          ? `stream truncated: ${record.errorMessage ?? ''}`
          : record.errorMessage ?? String(record.status)
        : undefined,
  };
}

export function buildTrace(
  ctx: RequestContext,
  identity: TraceIdentity,
  options: { status: number; release?: string; environment?: string; logPayloads: boolean },
): GatewayTrace {
  const plan = ctx.get<CallPlan>(PLAN_KEY);
  const record = ctx.get<AnswerRecord>(RESULT_KEY);
  const generation = plan && record ? generationOf(plan, record, options.logPayloads) : undefined;
  // A cache hit has no generation: its request and stored answer are the trace's input and output.
  const served = ctx.get<{ input?: unknown; output?: unknown }>(SERVED_ANSWER_KEY);
  const status = record?.status ?? options.status;
  // A client that hung up decides first: whatever status Kong logged for the closed connection, no one failed.
  const cancelled = record?.cancelled === true;
  const level: Level = cancelled ? 'WARNING' : status >= 500 || generation?.level === 'ERROR' ? 'ERROR' : status >= 400 || generation?.level === 'WARNING' ? 'WARNING' : 'DEFAULT';
  return {
    ...identity,
    rootSpanId: spanId(),
    release: options.release,
    environment: options.environment,
    startTime: ctx.createdAt,
    endTime: Math.max(Date.now(), generation?.endTime ?? 0),
    status,
    level,
    statusMessage: level === 'DEFAULT' ? undefined : generation?.statusMessage ?? `HTTP ${status}`,
    input: generation ? generation.input : options.logPayloads ? served?.input : undefined,
    output: generation ? generation.output : options.logPayloads ? served?.output : undefined,
    generation,
    observations: decisionsOf(ctx).map((d) => ({
      id: spanId(),
      name: d.name,
      type: d.plugin === 'prompt-guard' || d.plugin === 'pii-sanitizer' ? 'guardrail' : 'event',
      time: d.at,
      level: d.level ?? 'DEFAULT',
      metadata: { plugin: d.plugin, ...d.data },
    })),
  };
}
