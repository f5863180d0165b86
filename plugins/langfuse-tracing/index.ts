import { header, readHeaders } from '../core/request-headers';
import { createHash } from 'node:crypto';
import { addAnswerListener } from '../core/bridge/answer-hooks';
import { IN_BRIDGE_KEY, RESULT_KEY } from '../core/bridge/plan';
import { definePlugin } from '../core/plugin-base';
import type { RequestContext } from '../core/request-context';
import { createLogger } from '../core/logger';
import { configSchema, langfuseEnvironment, type TracingConfig } from './config';
import { TraceShipper, shipperFor } from './shipper';
import { traceIdFor } from './trace-id';
import { buildTrace, type TraceIdentity } from './trace-model';
import { IngestionTransport } from './transports/ingestion';
import { OtelTransport } from './transports/otel';

/**
 * langfuse-tracing: one Langfuse trace per request. Access stamps the trace id
 * (returned to the client in a header) and who is calling; the trace is queued
 * once both the log phase has run and the bridge has reported how the answer
 * ended (or, when the context ended before its log phase, once the bridge is done),
 * with every gateway decision as an observation. Nothing waits for Langfuse.
 */
interface TraceState {
  identity: TraceIdentity;
  status?: number;
  logDone: boolean;
  emitted: boolean;
}

const STATE = 'tracing';
const log = createLogger('langfuse-tracing');

/** The longest user or session id (or tag) Langfuse's SDK sends (`isValidPropagatedString` in @langfuse/core), in UTF-16 units. */
const MAX_ID_LENGTH = 200;

/**
 * A user or session id as Langfuse's SDK would send it: over 200 characters it is dropped, not cut (a cut id would
 * merge distinct users or sessions), and a warning names the field and its length, never the value (an id may be PII).
 */
function propagatedId(field: 'userId' | 'sessionId' | 'tag', value: string | undefined): string | undefined {
  if (value === undefined || value.length <= MAX_ID_LENGTH) return value;
  log.warn(`${field} over ${MAX_ID_LENGTH} characters left out of the trace, as Langfuse's SDK drops it`, { field, length: value.length });
  return undefined;
}

/** Tags as Langfuse's SDK sends them: each over 200 characters is dropped, with the same warning. */
function propagatedTags(tags: string[]): string[] {
  return tags.filter((tag) => propagatedId('tag', tag) !== undefined);
}

function makeShipper(config: TracingConfig): TraceShipper {
  const common = { host: config.host, publicKey: config.public_key, secretKey: config.secret_key, environment: config.environment, release: config.release, timeoutMs: config.timeout_ms };
  const transport = config.transport === 'otel' ? new OtelTransport({ ...common, flushIntervalMs: config.flush_interval_ms, protocol: config.otlp_protocol }) : new IngestionTransport(common);
  return new TraceShipper(transport, config.max_queue, config.flush_interval_ms);
}

export = definePlugin({
  name: 'langfuse-tracing',
  version: '0.1.0',
  // After Kong's auth (key-auth 1250) so the consumer is known, before rate-limiting (910) and the
  // other suite plugins, so that refused and blocked requests are traced too.
  priority: 1000,
  config: configSchema,
  onError: 'pass',
  init(configured) {
    const environment = langfuseEnvironment(configured.environment);
    if (environment !== configured.environment) log.warn('environment renamed to what Langfuse accepts', { configured: configured.environment, sent: environment });
    const config = { ...configured, environment };
    // Instances share a shipper only when everything it sends with is the same (the processor stamps its environment on every span).
    const key = createHash('sha256')
      .update(JSON.stringify([config.transport, config.host, config.public_key, config.secret_key, config.environment, config.release, config.otlp_protocol, config.timeout_ms, config.flush_interval_ms, config.max_queue]))
      .digest('hex');
    const shipper = shipperFor(key, () => makeShipper(config));
    const emit = (ctx: RequestContext) => {
      const state = ctx.get<TraceState>(STATE);
      if (!state || state.emitted) return;
      // An ended context gets no log phase (Kong's finds it gone): the trace goes with what the bridge told.
      if (!state.logDone && !ctx.isEnded) return;
      // A call under way in the bridge reports its end later; the listener emits then. A request refused before it
      // reached the bridge (a budget's 429 after llm-proxy planned it, a Kong plugin after llm-proxy) has nothing to wait for.
      if (ctx.get(IN_BRIDGE_KEY) && !ctx.get(RESULT_KEY) && !ctx.isEnded) return;
      state.emitted = true;
      shipper.enqueue(
        buildTrace(ctx, state.identity, { status: state.status ?? 0, release: config.release, environment: config.environment, logPayloads: config.log_payloads }),
      );
    };
    return { shipper, emit };
  },
  async access({ kong, config, state, ctx, meta }) {
    const [requestId, headers, consumer, route] = await Promise.all([
      kong.nginx.getVar('request_id'),
      readHeaders(kong, ctx),
      kong.client.getConsumer(),
      kong.router.getRoute(),
    ]);
    const traceId = traceIdFor(typeof requestId === 'string' ? requestId : undefined);
    await kong.response.setHeader(config.trace_id_header, traceId);
    const extraTags = (header(headers, config.tags_header) ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const identity: TraceIdentity = {
      traceId,
      name: config.trace_name ?? route?.name ?? 'kong-llm-request',
      userId: propagatedId('userId', consumer?.username ?? consumer?.custom_id ?? consumer?.id ?? header(headers, config.user_id_header)),
      sessionId: propagatedId('sessionId', header(headers, config.session_id_header)),
      tags: propagatedTags([...config.tags, ...extraTags]),
      metadata: { route_id: route?.id ?? meta.routeId, route: route?.name, service_id: meta.serviceId, consumer_id: consumer?.id, kong_request_id: requestId },
    };
    ctx.set(STATE, { identity, logDone: false, emitted: false } satisfies TraceState);
    addAnswerListener(ctx, (_record, c) => state.emit(c));
    ctx.whenEnded((c) => state.emit(c));
  },
  async log({ kong, state, ctx }) {
    const trace = ctx.get<TraceState>(STATE);
    if (!trace) return;
    trace.status = await kong.response.getStatus();
    trace.logDone = true;
    state.emit(ctx);
  },
});
