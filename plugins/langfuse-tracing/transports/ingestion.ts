import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { retryAfterSeconds } from '../../core/bridge/attempt-failure';
import { createLogger } from '../../core/logger';
import type { GatewayTrace } from '../trace-model';
import { basicAuth, capped, iso, RetryableError, usageDetails, type LangfuseDestination, type TraceTransport } from './transport';
import { readUpTo } from '../../core/bounded-body';

const ANSWER_LIMIT = 4 * 1024 * 1024;

/**
 * The legacy batch API (POST /api/public/ingestion) for Langfuse v2 and v3 before
 * 3.22: batches of at most 3.5 MB; network errors, 429 and 5xx are retried (the
 * shipper keeps the batch, and waits as long as a Retry-After asks); per-event 4xx
 * inside a 207 are final and counted.
 */
export type IngestionOptions = LangfuseDestination;

const MAX_BATCH_BYTES = 3.5 * 1024 * 1024;
const log = createLogger('langfuse-tracing');

interface Event {
  id: string;
  timestamp: string;
  type: string;
  body: Record<string, unknown>;
}

export function eventsOf(t: GatewayTrace, environment?: string): Event[] {
  const event = (type: string, at: number, body: Record<string, unknown>): Event => ({ id: randomUUID(), timestamp: iso(at), type, body });
  const events = [
    event('trace-create', t.startTime, {
      id: t.traceId,
      timestamp: iso(t.startTime),
      name: t.name,
      userId: t.userId,
      sessionId: t.sessionId,
      tags: t.tags,
      release: t.release,
      environment,
      metadata: { ...t.metadata, status: t.status },
      input: capped(t.input),
      output: capped(t.output),
    }),
  ];
  const g = t.generation;
  if (g) {
    events.push(
      event('generation-create', g.startTime, {
        id: g.id,
        traceId: t.traceId,
        name: g.name,
        startTime: iso(g.startTime),
        completionStartTime: g.completionStartTime !== undefined ? iso(g.completionStartTime) : undefined,
        endTime: iso(g.endTime),
        model: g.model,
        modelParameters: g.parameters,
        input: capped(g.input),
        output: capped(g.output),
        usage: g.usage ? { input: g.usage.input, output: g.usage.output, total: g.usage.total, unit: 'TOKENS', totalCost: g.costUsd } : undefined,
        usageDetails: g.usage ? usageDetails(g.usage) : undefined,
        costDetails: g.costUsd !== undefined ? { total: g.costUsd } : undefined,
        level: g.level,
        statusMessage: g.statusMessage,
        metadata: { provider: g.provider, target: g.target, attempts: g.attempts, usage_estimated: g.usageEstimated },
        environment,
      }),
    );
  }
  for (const o of t.observations) {
    events.push(event('event-create', o.time, { id: o.id, traceId: t.traceId, name: o.name, startTime: iso(o.time), level: o.level, metadata: o.metadata, environment }));
  }
  return events;
}

export class IngestionTransport implements TraceTransport {
  rejectedEvents = 0;

  get dropped(): number {
    return this.rejectedEvents;
  }

  constructor(private readonly options: IngestionOptions) {}

  async deliver(traces: GatewayTrace[]): Promise<void> {
    const events = traces.flatMap((t) => eventsOf(t, this.options.environment));
    let batch: Event[] = [];
    let bytes = 0;
    for (const e of events) {
      const size = Buffer.byteLength(JSON.stringify(e));
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) {
        await this.post(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(e);
      bytes += size;
    }
    if (batch.length > 0) await this.post(batch);
  }

  private async post(batch: Event[]): Promise<void> {
    let res;
    try {
      res = await request(`${this.options.host.replace(/\/+$/, '')}/api/public/ingestion`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: basicAuth(this.options.publicKey, this.options.secretKey),
          'x-langfuse-sdk-name': 'kong-ai-gateway-suite',
        },
        body: JSON.stringify({ batch }),
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
    } catch (err) {
      throw new RetryableError(`langfuse unreachable: ${(err as Error).message}`);
    }
    // Langfuse's answer lists the events it refused: a few MB at most for the largest batch.
    const text = (await readUpTo(res.body, ANSWER_LIMIT).catch(() => ({ text: '' }))).text;
    if (res.statusCode === 429 || res.statusCode >= 500) {
      const seconds = retryAfterSeconds(res.headers['retry-after']);
      throw new RetryableError(`langfuse answered ${res.statusCode}`, seconds !== undefined ? seconds * 1000 : undefined);
    }
    if (res.statusCode >= 300) {
      // 400/401/403/413 will not get better by resending the same batch; a redirect (an http:// host
      // that moved to https) is a configuration to fix, and would lose the body anyway.
      this.rejectedEvents += batch.length;
      log.warn('langfuse refused a batch', { status: res.statusCode, events: batch.length });
      return;
    }
    let errors: Array<{ status: number; message?: string }> = [];
    try {
      errors = (JSON.parse(text || '{}') as { errors?: typeof errors }).errors ?? [];
    } catch {
      log.warn('langfuse answered something other than JSON', { status: res.statusCode });
    }
    // A 5xx inside the 207 is Langfuse failing to process the event: the batch goes again (bodies carry
    // stable ids, so what was stored is upserted, not doubled).
    if (errors.some((e) => e.status >= 500)) throw new RetryableError('langfuse could not process some events');
    if (errors.length > 0) {
      this.rejectedEvents += errors.length;
      log.warn('langfuse refused events', { events: errors.length, statuses: [...new Set(errors.map((e) => e.status))], first: errors[0]?.message?.slice(0, 200) });
    }
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {}
}
