import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { context as otelContext, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { LangfuseSpanProcessor } from '@langfuse/otel';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { RetryingExporter } from './retrying-exporter';
import type { GatewayTrace } from '../trace-model';
import { basicAuth, cappedJson, iso, usageDetails, type LangfuseDestination, type TraceTransport } from './transport';

/**
 * OpenTelemetry export to Langfuse's /api/public/otel/v1/traces through
 * @langfuse/otel's span processor, on a private tracer provider (the process's
 * global OpenTelemetry setup is never touched). Spans carry explicit start and end
 * times, because the gateway reports after the fact, and Langfuse's attributes.
 */
export interface OtelOptions extends LangfuseDestination {
  flushIntervalMs: number;
  protocol: 'http/protobuf' | 'http/json';
}

const json = (value: unknown) => JSON.stringify(value);
/**
 * The root carries input and output twice (trace and observation), and JSON-escaped once more as
 * attributes: a quarter of the cap each keeps the span well under Langfuse's 4.5 MB.
 */
const ROOT_PAYLOAD_BYTES = 256 * 1024;
/** Spans the exporter holds while Langfuse is slow or down: its byte bound (64 MB) is the one that matters. */
const MAX_HELD_SPANS = 200_000;

/**
 * The gateway picks each trace's id (Kong's request id) and its root span's id. The root span must
 * have no parent: Langfuse v4 takes a trace's input, output and metadata from the span whose parent
 * is empty, so a remote parent would leave the trace bare. Ids set here are used once, by the next span.
 */
class GatewayIds implements IdGenerator {
  nextTraceId: string | undefined;
  nextSpanId: string | undefined;

  generateTraceId(): string {
    const id = this.nextTraceId ?? randomBytes(16).toString('hex');
    this.nextTraceId = undefined;
    return id;
  }

  generateSpanId(): string {
    const id = this.nextSpanId ?? randomBytes(8).toString('hex');
    this.nextSpanId = undefined;
    return id;
  }
}

function defined(attributes: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined && value !== null) out[key] = value as never;
  return out;
}

export class OtelTransport implements TraceTransport {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly exporter: RetryingExporter;
  private readonly ids = new GatewayIds();

  get dropped(): number {
    return this.exporter.dropped;
  }

  constructor(options: OtelOptions) {
    // Our own exporter (same endpoint and headers as Langfuse's default) with smaller batches, so
    // that pending exports hold less while Langfuse is slow or down. The processor's queue holds
    // 2,048 spans and drops new ones beyond that, uncounted: each delivery is handed over to the
    // exporter before the next (see deliver), and the exporter's own buffer is bounded in bytes.
    const Exporter = options.protocol === 'http/json' ? JsonExporter : ProtobufExporter;
    this.exporter = new RetryingExporter(new Exporter({
      url: `${options.host.replace(/\/+$/, '')}/api/public/otel/v1/traces`,
      headers: {
        authorization: basicAuth(options.publicKey, options.secretKey),
        'x-langfuse-ingestion-version': '4',
        'x-langfuse-sdk-name': 'kong-ai-gateway-suite',
        'x-langfuse-public-key': options.publicKey,
      },
      timeoutMillis: options.timeoutMs,
      // The exporter's default agent factory loads node:http with a dynamic import(), which jest's VM
      // (where the transport is tested) refuses; the agents are made here instead.
      httpAgentOptions: (protocol: string) => (protocol === 'http:' ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true })),
    }), MAX_HELD_SPANS);
    const processor = new LangfuseSpanProcessor({
      exporter: this.exporter,
      baseUrl: options.host,
      publicKey: options.publicKey,
      secretKey: options.secretKey,
      environment: options.environment,
      release: options.release,
      timeout: Math.max(1, Math.round(options.timeoutMs / 1000)),
      flushInterval: Math.max(0.05, options.flushIntervalMs / 1000),
      mediaUploadEnabled: false,
      shouldExportSpan: () => true,
      flushAt: 256,
    });
    this.provider = new BasicTracerProvider({ spanProcessors: [processor], idGenerator: this.ids });
    this.tracer = this.provider.getTracer('kong-ai-gateway-suite');
  }

  async deliver(traces: GatewayTrace[]): Promise<void> {
    for (const t of traces) this.emit(t);
    // Into the exporter's buffer now (it takes them at once): the processor's queue never holds more than one
    // delivery (the shipper's hundred traces), however fast traces come.
    if (traces.length > 0) await this.provider.forceFlush();
    // Also called on every shipper tick, so spans kept from an outage go out once Langfuse is back.
    void this.exporter.retry();
  }

  private emit(t: GatewayTrace): void {
    // Langfuse keys users, sessions and cost reports on every observation, not only on the root.
    const common = defined({
      'user.id': t.userId,
      'session.id': t.sessionId,
      'langfuse.trace.name': t.name,
      'langfuse.trace.tags': t.tags.length > 0 ? t.tags : undefined,
      'langfuse.environment': t.environment,
      'langfuse.release': t.release,
    });
    this.ids.nextTraceId = t.traceId;
    this.ids.nextSpanId = t.rootSpanId;
    const input = cappedJson(t.input, ROOT_PAYLOAD_BYTES);
    const output = cappedJson(t.output, ROOT_PAYLOAD_BYTES);
    const root = this.tracer.startSpan(
      t.name,
      {
        startTime: t.startTime,
        attributes: {
          ...common,
          ...defined({
            'langfuse.internal.as_root': true,
            'langfuse.trace.metadata': json({ ...t.metadata, status: t.status }),
            // Langfuse ≤ v3 reads the trace's input and output; v4 reads the root observation's.
            'langfuse.trace.input': input,
            'langfuse.trace.output': output,
            'langfuse.observation.input': input,
            'langfuse.observation.output': output,
            'langfuse.observation.level': t.level,
            'langfuse.observation.status_message': t.statusMessage,
            'http.response.status_code': t.status,
          }),
        },
      },
      ROOT_CONTEXT,
    );
    const inside = trace.setSpan(otelContext.active(), root);
    const g = t.generation;
    if (g) {
      const span = this.tracer.startSpan(
        g.name,
        {
          startTime: g.startTime,
          attributes: {
            ...common,
            ...defined({
              'langfuse.observation.type': 'generation',
              'langfuse.observation.model.name': g.model,
              'langfuse.observation.model.parameters': json(g.parameters),
              'langfuse.observation.usage_details': g.usage ? json(usageDetails(g.usage)) : undefined,
              'langfuse.observation.cost_details': g.costUsd !== undefined ? json({ total: g.costUsd }) : undefined,
              'langfuse.observation.completion_start_time': g.completionStartTime !== undefined ? iso(g.completionStartTime) : undefined,
              'langfuse.observation.input': cappedJson(g.input),
              'langfuse.observation.output': cappedJson(g.output),
              'langfuse.observation.level': g.level,
              'langfuse.observation.status_message': g.statusMessage,
              'langfuse.observation.metadata.provider': g.provider,
              'langfuse.observation.metadata.target': g.target,
              'langfuse.observation.metadata.attempts': g.attempts,
              'langfuse.observation.metadata.usage_estimated': g.usageEstimated,
              'gen_ai.system': g.provider,
              'gen_ai.request.model': g.model,
            }),
          },
        },
        inside,
      );
      if (g.level === 'ERROR') span.setStatus({ code: SpanStatusCode.ERROR, message: g.statusMessage });
      span.end(g.endTime);
    }
    for (const o of t.observations) {
      const span = this.tracer.startSpan(
        o.name,
        {
          startTime: o.time,
          attributes: {
            ...common,
            ...defined({
              'langfuse.observation.type': o.type,
              'langfuse.observation.level': o.level,
              'langfuse.observation.metadata': json(o.metadata),
            }),
          },
        },
        inside,
      );
      span.end(o.time);
    }
    if (t.level === 'ERROR') root.setStatus({ code: SpanStatusCode.ERROR, message: t.statusMessage });
    root.end(t.endTime);
  }

  /** Everything emitted so far goes out now (the exporter's buffer too, whatever wait a failure set). */
  async flush(): Promise<void> {
    await this.provider.forceFlush();
    await this.exporter.forceFlush();
  }

  async close(): Promise<void> {
    await this.provider.shutdown();
  }
}
