import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { retryAfterSeconds } from '../../core/bridge/attempt-failure';
import { createLogger } from '../../core/logger';
import type { GatewayTrace } from '../trace-model';
import { BodyLimit } from './body-limit';
import { basicAuth, capped, iso, PartlyDelivered, RetryableError, usageDetails, type LangfuseDestination, type TraceTransport } from './transport';
import { readUpTo } from '../../core/bounded-body';

const ANSWER_LIMIT = 4 * 1024 * 1024;

/**
 * The legacy batch API (POST /api/public/ingestion) for Langfuse v2 and v3 before
 * 3.22: batches of at most 3.5 MB; network errors, 429 and 5xx are retried (the
 * shipper keeps the batch, and waits as long as a Retry-After asks); per-event 4xx
 * inside a 207 are final and counted. A per-event 5xx inside a 207 (Langfuse already
 * retried it on its side) sends that event alone again, three attempts in all; a 413
 * (a proxy's body limit) sends each half of the batch and caps later batches.
 */
export type IngestionOptions = LangfuseDestination;

const MAX_BATCH_BYTES = 3.5 * 1024 * 1024;
/** Sends of an event Langfuse failed to process, the first included, before it is given up. */
const MAX_ATTEMPTS = 3;
/** What the events held for another attempt may weigh together; beyond it they are given up. */
const MAX_HELD_BYTES = 4 * MAX_BATCH_BYTES;
const log = createLogger('langfuse-tracing');

interface Event {
  id: string;
  timestamp: string;
  type: string;
  body: Record<string, unknown>;
}

/** An event on its way, with its size as sent and how many times Langfuse failed to process it. */
interface Outgoing {
  event: Event;
  bytes: number;
  failures: number;
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
  /** Events Langfuse refused (per-event 4xx, a batch refused whole), or too large alone for a body limit. */
  rejectedEvents = 0;
  /** Events Langfuse failed to process at every attempt, or beyond what may be held for another. */
  unprocessedEvents = 0;
  private held: Outgoing[] = [];
  private heldBytes = 0;
  private readonly limit = new BodyLimit();

  get dropped(): number {
    return this.rejectedEvents + this.unprocessedEvents;
  }

  constructor(private readonly options: IngestionOptions) {}

  async deliver(traces: GatewayTrace[]): Promise<void> {
    // Events Langfuse failed to process go again first; an outage keeps them as they were (no attempt counted).
    const again = this.held;
    this.held = [];
    this.heldBytes = 0;
    await this.sendAll(again, (unsent) => {
      for (const item of unsent) this.hold(item);
    });
    const heldBefore = this.held.length;
    const fresh = traces.flatMap((t) => eventsOf(t, this.options.environment)).map((event) => ({ event, bytes: Buffer.byteLength(JSON.stringify(event)), failures: 0 }));
    // On an outage the shipper queues these traces again: what this delivery held would go twice.
    await this.sendAll(fresh, () => this.release(heldBefore));
    if (this.held.length > 0) throw new PartlyDelivered(`langfuse could not process ${this.held.length} events; they are sent again`);
  }

  /** In batches within 3.5 MB and what a body limit allows; on a retryable failure `onOutage` gets what was not sent. */
  private async sendAll(items: Outgoing[], onOutage: (unsent: Outgoing[]) => void): Promise<void> {
    let start = 0;
    while (start < items.length) {
      const cap = Math.min(MAX_BATCH_BYTES, this.limit.bytes);
      let end = start + 1;
      let bytes = items[start]!.bytes;
      while (end < items.length && bytes + items[end]!.bytes <= cap) bytes += items[end++]!.bytes;
      try {
        await this.post(items.slice(start, end));
      } catch (err) {
        onOutage(items.slice(start));
        throw err;
      }
      start = end;
    }
  }

  private async post(batch: Outgoing[]): Promise<void> {
    let res;
    try {
      res = await request(`${this.options.host.replace(/\/+$/, '')}/api/public/ingestion`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: basicAuth(this.options.publicKey, this.options.secretKey),
          'x-langfuse-sdk-name': 'kong-ai-gateway-suite',
        },
        body: JSON.stringify({ batch: batch.map((item) => item.event) }),
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
    if (res.statusCode === 413) return this.split(batch);
    if (res.statusCode >= 300) {
      // 400/401/403 will not get better by resending the same batch; a redirect (an http:// host
      // that moved to https) is a configuration to fix, and would lose the body anyway.
      this.rejectedEvents += batch.length;
      log.warn('langfuse refused a batch', { status: res.statusCode, events: batch.length });
      return;
    }
    this.limit.passed();
    let errors: Array<{ id?: string; status: number; message?: string }> = [];
    try {
      errors = (JSON.parse(text || '{}') as { errors?: typeof errors }).errors ?? [];
    } catch {
      log.warn('langfuse answered something other than JSON', { status: res.statusCode });
    }
    const failed = new Set(errors.filter((e) => e.status >= 500).map((e) => e.id));
    const again = batch.filter((item) => failed.has(item.event.id));
    for (const item of again) this.retryLater(item);
    // A failure that names no event of the batch cannot be sent again.
    this.unprocessedEvents += failed.size - again.length;
    const refused = errors.filter((e) => e.status < 500);
    if (refused.length > 0) {
      this.rejectedEvents += refused.length;
      log.warn('langfuse refused events', { events: refused.length, statuses: [...new Set(refused.map((e) => e.status))], first: refused[0]?.message?.slice(0, 200) });
    }
  }

  /** A body limit refused the batch: each half goes on its own, and later batches stay under half its size. */
  private async split(batch: Outgoing[]): Promise<void> {
    if (batch.length === 1) {
      this.rejectedEvents++;
      log.warn('an event alone is larger than what a proxy in front of langfuse accepts; it is dropped', { bytes: batch[0]!.bytes, type: batch[0]!.event.type });
      return;
    }
    this.limit.refused(batch.reduce((sum, item) => sum + item.bytes, 0));
    const middle = Math.ceil(batch.length / 2);
    await this.post(batch.slice(0, middle));
    await this.post(batch.slice(middle));
  }

  /**
   * Langfuse failed to process the event (v2 retried it on its side already): it goes again, alone, with the shipper's
   * next delivery, until its third failure. The events stored beside it are not sent again.
   */
  private retryLater(item: Outgoing): void {
    const failures = item.failures + 1;
    if (failures >= MAX_ATTEMPTS || this.heldBytes + item.bytes > MAX_HELD_BYTES) {
      this.unprocessedEvents++;
      log.warn('langfuse could not process an event; it is dropped', { type: item.event.type, attempts: failures });
      return;
    }
    this.hold({ ...item, failures });
  }

  private hold(item: Outgoing): void {
    this.held.push(item);
    this.heldBytes += item.bytes;
  }

  /** Lets go of what was held after the first `keep` events. */
  private release(keep: number): void {
    for (const item of this.held.splice(keep)) this.heldBytes -= item.bytes;
  }

  /** At shutdown: one more attempt for what Langfuse failed to process. */
  async flush(): Promise<void> {
    if (this.held.length > 0) await this.deliver([]).catch(() => undefined);
  }

  async close(): Promise<void> {}
}
