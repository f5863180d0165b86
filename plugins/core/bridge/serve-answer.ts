import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../logger';
import { recordAnswer } from '../metrics';
import type { RequestContext } from '../request-context';
import { costOf } from './accounting';
import { answerListeners, answeredBy, LLM_MODEL_HEADER, spendListeners, textTransforms, type AnswerRecord } from './answer-hooks';
import { AttemptError, type AttemptFailure } from './attempt-failure';
import { orderTargets } from './balancer';
import { callTarget } from './call-target';
import { sendError } from './client-writer';
import { RESULT_KEY, type CallPlan, type PlannedTarget } from './plan';
import { admit, isOpen, recordFailure, recordSuccess, releaseProbe, started } from './target-health';

/**
 * Carries out a call plan: walks the ordered targets, retrying with exponential
 * backoff and jitter (honouring retry-after) and falling back across targets and
 * providers, but only before the first byte reaches the client. What the answer
 * used is counted before its last bytes go out (spend listeners); usage, cost and
 * timings are recorded, and the answer listeners told, once it has ended.
 */
const log = createLogger('bridge');
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function backoffMs(plan: CallPlan, attempt: number, failure: AttemptFailure): number | undefined {
  const b = plan.balancer;
  if (failure.retryAfterS !== undefined) {
    return failure.retryAfterS > b.maxRetryAfterS ? undefined : failure.retryAfterS * 1000;
  }
  return Math.random() * Math.min(b.maxBackoffMs, b.backoffMs * 2 ** attempt);
}

function nextTarget(order: PlannedTarget[], from: number, plan: CallPlan, skipped: Set<string>): number {
  for (let i = 0; i < order.length; i++) {
    const index = (from + i) % order.length;
    if (!skipped.has(order[index].key) && admit(order[index].key, plan.balancer.failTimeoutS)) return index;
  }
  return -1;
}

export async function serveAnswer(plan: CallPlan, ctx: RequestContext, res: ServerResponse, clientGone: AbortSignal): Promise<AnswerRecord> {
  const order = orderTargets(plan.targets, plan.balancer.algorithm);
  const transforms = textTransforms(ctx);
  const toolTransforms = textTransforms(ctx, 'tool_arguments');
  let cursor = 0;
  let attempts = 0;
  let waitedMs = 0;
  let lastFailure: AttemptFailure | undefined;
  let lastTarget: PlannedTarget | undefined;
  // Targets that cannot serve this request. Trying one costs no retry (each is tried once, so the
  // attempts that count are the others), and the set makes the loop finite.
  const skipped = new Set<string>();
  while (attempts - skipped.size <= plan.balancer.retries && !clientGone.aborted) {
    const index = nextTarget(order, cursor, plan, skipped);
    if (index < 0) break;
    const target = order[index];
    attempts++;
    lastTarget = target;
    const done = started(target.key);
    const attemptStart = performance.now();
    try {
      const result = await callTarget({
        plan,
        target,
        res,
        clientGone,
        transforms,
        toolTransforms,
        spend: (usage) => runListeners(spendListeners(ctx).map((listener) => () => listener({ usage, costUsd: costOf(usage, target) }))),
        headers: (extra) => ({
          ...extra,
          [LLM_MODEL_HEADER]: answeredBy(target.provider, target.model),
          'x-ai-target': target.name,
          'x-ai-attempts': String(attempts),
          'x-ai-gateway-overhead-ms': (performance.now() - plan.startedAt - waitedMs - (performance.now() - attemptStart)).toFixed(2),
        }),
      });
      done();
      recordSuccess(target.key, result.ttftMs ?? performance.now() - attemptStart);
      const durationMs = performance.now() - plan.startedAt;
      const completion = result.usage?.completion_tokens ?? 0;
      const firstTokenMs = result.ttftMs === undefined ? undefined : attemptStart - plan.startedAt + result.ttftMs;
      const generationMs = durationMs - (firstTokenMs ?? 0);
      return {
        status: result.status,
        provider: target.provider,
        model: target.model,
        target: target.name,
        usage: result.usage,
        usageEstimated: result.usageEstimated,
        costUsd: result.usage ? costOf(result.usage, target) : undefined,
        ttftMs: result.ttftMs,
        firstTokenMs,
        durationMs,
        tokensPerSecond: completion > 0 && generationMs > 0 ? completion / (generationMs / 1000) : undefined,
        attempts,
        streamed: plan.stream,
        complete: !result.truncated && !clientGone.aborted,
        truncated: result.truncated,
        cancelled: clientGone.aborted,
        errorMessage: result.errorMessage,
        response: result.response,
      };
    } catch (err) {
      done();
      if (!(err instanceof AttemptError)) {
        releaseProbe(target.key);
        throw err;
      }
      const failure = err.failure;
      waitedMs += performance.now() - attemptStart;
      if (clientGone.aborted) {
        // The client hung up ("stop" pressed): the aborted call says nothing of the target's health.
        releaseProbe(target.key);
        lastFailure = failure;
        break;
      }
      log.warn('attempt failed', { target: target.name, kind: failure.kind, status: failure.status, retryable: failure.retryable });
      if (failure.skipTarget) {
        // Another target may serve the request; this one will not, however long we wait.
        if (failure.healthy) releaseProbe(target.key);
        else recordFailure(target.key, plan.balancer.maxFails);
        skipped.add(target.key);
        // What another target answered tells the client more than this one's refusal.
        if (!lastFailure || lastFailure.skipTarget) lastFailure = failure;
        cursor = index + 1;
        continue;
      }
      lastFailure = failure;
      if (!failure.retryable) {
        // The target answered: the request was the problem, not the target's health.
        releaseProbe(target.key);
        break;
      }
      recordFailure(target.key, plan.balancer.maxFails);
      const sameNext = order.every((t, i) => i === index || skipped.has(t.key) || isOpen(t.key));
      cursor = index + 1;
      // No wait once no attempt is left: the client gets the error at once.
      // Nor once this failure opened the target's breaker and no other target is left to try.
      const attemptsLeft = attempts - skipped.size <= plan.balancer.retries && !isOpen(target.key);
      if (sameNext && attemptsLeft) {
        const wait = backoffMs(plan, attempts - 1, failure);
        if (wait === undefined) break;
        const before = performance.now();
        await sleep(wait, clientGone);
        waitedMs += performance.now() - before;
      }
    }
  }
  const durationMs = performance.now() - plan.startedAt;
  const failure: AttemptFailure = lastFailure ?? {
    kind: 'connect',
    status: 503,
    message: 'No provider target is available right now (all circuit breakers are open).',
    retryable: false,
    code: 'no_target_available',
  };
  // A client that hung up before any answer: nginx's 499, no provider's failure.
  const cancelled = clientGone.aborted;
  const headers: Record<string, string> = { 'x-ai-attempts': String(attempts) };
  if (failure.status === 429 || failure.status === 503) headers['retry-after'] = String(Math.ceil(failure.retryAfterS ?? plan.balancer.failTimeoutS));
  if (!cancelled) sendError(res, failure.status, failure.message, failure.code, headers, failure.param ?? null);
  return {
    status: cancelled ? 499 : failure.status,
    cancelled,
    provider: lastTarget?.provider,
    model: lastTarget?.model,
    target: lastTarget?.name,
    usageEstimated: false,
    durationMs,
    attempts,
    streamed: plan.stream,
    complete: false,
    truncated: false,
    errorMessage: cancelled ? undefined : failure.message,
  };
}

/** Stores the outcome for tracing and tells every listener. */
export async function settle(record: AnswerRecord, ctx: RequestContext): Promise<void> {
  ctx.set(RESULT_KEY, record);
  recordAnswer(record);
  await runListeners(answerListeners(ctx).map((listener) => () => listener(record, ctx)));
}

/** Runs listeners side by side (none waits for another's work); a listener's failure never reaches the client. */
async function runListeners(calls: Array<() => void | Promise<void>>): Promise<void> {
  await Promise.all(
    calls.map(async (call) => {
      try {
        await call();
      } catch (err) {
        log.error('answer listener failed', { error: (err as Error).message });
      }
    }),
  );
}
