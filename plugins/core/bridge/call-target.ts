import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { Agent, request, type Dispatcher } from 'undici';
import { redactSecrets } from '../redact';
import { failureWithoutTargetSecrets, withoutTargetSecrets } from './target-secrets';
import { PROVIDERS } from '../providers';
import { withoutThoughtSignatures } from '../providers/gemini';
import type { ChatRequest, Usage } from '../providers/openai-types';
import { UnsupportedContent, type UpstreamCall } from '../providers/types';
import { providerErrorCode } from '../providers/error-message';
import { AttemptError, providerRetryAfter, statusFailure, type AttemptFailure } from './attempt-failure';
import { ERROR_BODY_LIMIT, readUpTo } from '../bounded-body';
import type { TextTransformFactory } from './answer-hooks';
import type { CallPlan, PlannedTarget } from './plan';
import { relayWhole } from './relay-whole';
import { relayRawStream } from './relay-raw-stream';
import { relayChatStream } from './relay-chat-stream';
import { chatAnswer, jsonAnswer, openAIAnswer } from './whole-answer';
import { chatAsStream, completionAsStream } from './whole-as-stream';
import { ACCEPT_ENCODING, decodedBody } from './upstream-body';

/**
 * One attempt at one target. Until the first byte goes to the client, any
 * failure is thrown as an AttemptError so the caller may retry or fall back;
 * after it, a broken stream ends with an SSE error event and is reported as
 * truncated.
 */
/** One connection pool per connect timeout (undici sets it on the pool, not per request). */
const dispatchers = new Map<number, Agent>();
function dispatcherFor(connectTimeoutMs: number): Agent {
  let agent = dispatchers.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1, connect: { timeout: connectTimeoutMs } });
    dispatchers.set(connectTimeoutMs, agent);
  }
  return agent;
}

export interface AttemptResult {
  status: number;
  usage?: Usage;
  usageEstimated: boolean;
  ttftMs?: number;
  truncated: boolean;
  errorMessage?: string;
  response?: Record<string, unknown>;
  /** Time spent waiting for the provider before the first byte went to the client. */
  upstreamWaitMs: number;
}

export interface AttemptContext {
  plan: CallPlan;
  target: PlannedTarget;
  res: ServerResponse;
  clientGone: AbortSignal;
  transforms: TextTransformFactory[];
  toolTransforms: TextTransformFactory[];
  /** Counts what the answer used (budgets): called once, before the answer's last bytes go to the client. */
  spend(usage: Usage): Promise<void>;
  /** Headers for the client, computed when the first byte is about to be sent. */
  headers(extra: Record<string, string>): Record<string, string>;
}

function upstreamCall(plan: CallPlan, target: PlannedTarget): UpstreamCall {
  const provider = PROVIDERS[target.provider];
  if (plan.routeType === 'llm/v1/chat') {
    const request = plan.request as unknown as ChatRequest;
    return provider.chat(target, target.provider === 'gemini' ? request : withoutThoughtSignatures(request), plan.stream);
  }
  const build = plan.routeType === 'llm/v1/completions' ? provider.completions : provider.embeddings;
  if (!build) throw new AttemptError({ kind: 'protocol', status: 400, message: `${target.provider} does not serve ${plan.routeType}`, retryable: false, code: 'unsupported' });
  const body = { ...plan.request, model: target.model, stream: plan.stream || undefined };
  return build(target, body);
}

function failureOf(err: unknown, target: PlannedTarget): AttemptFailure {
  if (err instanceof AttemptError) return err.failure;
  const e = err as { code?: string; name?: string; message?: string };
  const timeout = e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.name === 'TimeoutError';
  if (timeout) return { kind: 'timeout', status: 504, message: `The provider (${target.name}) did not answer in time.`, retryable: true, code: 'provider_timeout' };
  return {
    kind: 'connect',
    status: 502,
    message: `The provider (${target.name}) could not be reached: ${redactSecrets(e.message ?? 'connection failed')}`,
    retryable: true,
    code: 'provider_unreachable',
  };
}

/** Whether the call asks a stream for the provider's usage (which the gateway does whether or not the client did). */
function asksUsage(body: unknown): boolean {
  return (body as { stream_options?: { include_usage?: unknown } }).stream_options?.include_usage === true;
}

/** A whole JSON answer (or error) to a request that asked for a stream: the answer as a stream, the error as any provider error. */
async function relayWholeAsStream(a: AttemptContext, body: Readable, started: number, controller: AbortController): Promise<AttemptResult> {
  const json = await jsonAnswer(body, a.target, a.plan.maxResponseBodyBytes);
  if (a.plan.routeType === 'llm/v1/chat') return relayChatStream(a, chatAsStream(chatAnswer(a.target, json)), started, controller, PROVIDERS.openai);
  return relayRawStream(a, completionAsStream(openAIAnswer('llm/v1/completions', a.target, json)), started, controller, !a.plan.includeUsage);
}

/** One attempt, whose error messages never carry the target's own credentials back (see `redactValues`). */
export async function callTarget(a: AttemptContext): Promise<AttemptResult> {
  try {
    const result = await attempt(a);
    if (result.errorMessage) result.errorMessage = withoutTargetSecrets(result.errorMessage, a.target);
    return result;
  } catch (err) {
    if (err instanceof AttemptError) {
      const { message, param } = err.failure;
      throw new AttemptError({ ...err.failure, message: failureWithoutTargetSecrets(message, a.target), ...(param ? { param: withoutTargetSecrets(param, a.target) } : {}) });
    }
    throw err;
  }
}

async function attempt(a: AttemptContext): Promise<AttemptResult> {
  const { plan, target } = a;
  const started = performance.now();
  let call: UpstreamCall;
  try {
    call = upstreamCall(plan, target);
  } catch (err) {
    if (!(err instanceof UnsupportedContent)) throw err;
    throw new AttemptError({ kind: 'protocol', status: 400, message: err.message, retryable: true, skipTarget: true, healthy: true, code: 'unsupported_content' });
  }
  const controller = new AbortController();
  const abort = () => controller.abort();
  a.clientGone.addEventListener('abort', abort);
  const total = setTimeout(abort, plan.balancer.totalTimeoutMs);
  try {
    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await request(call.url, {
        method: 'POST',
        headers: { 'accept-encoding': ACCEPT_ENCODING, ...call.headers },
        body: JSON.stringify(call.body),
        signal: controller.signal,
        dispatcher: dispatcherFor(plan.balancer.connectTimeoutMs),
        // A provider sends a whole answer's headers only once the answer is complete: until then the
        // total timeout applies. A stream's headers come before its first token, which the first-token
        // timeout counts from this attempt's start; after it a stream may pause as long as the total allows.
        headersTimeout: plan.stream ? plan.balancer.firstTokenTimeoutMs : plan.balancer.totalTimeoutMs,
        bodyTimeout: plan.balancer.totalTimeoutMs,
      });
    } catch (err) {
      throw new AttemptError(failureOf(err, target));
    }
    const body = decodedBody(upstream, target.name);
    if (upstream.statusCode >= 400) {
      const { text } = await readUpTo(body, ERROR_BODY_LIMIT).catch(() => ({ text: '' }));
      let error: unknown = text;
      try {
        error = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      const provider = PROVIDERS[target.provider];
      const message = provider.errorMessage(upstream.statusCode, error);
      throw new AttemptError(statusFailure(upstream.statusCode, message, providerRetryAfter(upstream.headers, error), provider.keyRefused?.(upstream.statusCode, error), providerErrorCode(error)));
    }
    if (!plan.stream) return await relayWhole(a, body, started);
    if (/\bjson\b/i.test(String(upstream.headers['content-type'] ?? ''))) return await relayWholeAsStream(a, body, started, controller);
    if (plan.routeType !== 'llm/v1/chat') return await relayRawStream(a, body, started, controller, asksUsage(call.body) && !plan.includeUsage);
    return await relayChatStream(a, body, started, controller);
  } catch (err) {
    if (err instanceof AttemptError) throw err;
    throw new AttemptError(failureOf(err, target));
  } finally {
    clearTimeout(total);
    a.clientGone.removeEventListener('abort', abort);
  }
}
