/**
 * One provider request from arrival to answer: auth, body, validation,
 * behaviour (latency, failure, hang), then a plain or streamed reply. Errors
 * go out in the wire format of the provider the path belongs to.
 */
import type { BehaviourBook } from './behaviour';
import type { Dialect, Inbound } from './dialect';
import { parseDirectives } from './directives';
import { MockHttpError } from './http-error';
import { ClientGone, type Outlet } from './outlet';
import type { RecordedRequest } from './request-log';
import { sendJson, sendStream } from './respond';
import { findRoute, guessDialect } from './routes';

export interface ProviderCall {
  inbound: Inbound;
  rawBody: string;
  record: RecordedRequest;
  out: Outlet;
  book: BehaviourBook;
}

export async function serveProviderCall(call: ProviderCall): Promise<void> {
  const { inbound, record, out } = call;
  const route = findRoute(inbound);
  const dialect = route?.endpoint.dialect ?? guessDialect(inbound);
  record.provider = dialect.provider;
  try {
    if (!route) throw new MockHttpError(404, `Invalid URL (${inbound.method} ${inbound.path})`);
    const authError = dialect.authenticate(inbound);
    if (authError) throw authError;
    const body = route.endpoint.method === 'POST' ? parseJson(call.rawBody) : undefined;
    const prepared = route.endpoint.prepare({ ...inbound, params: route.params, body });
    record.model = prepared.model;

    const behaviour = call.book.resolve(
      { path: inbound.path, model: prepared.model, provider: dialect.provider },
      parseDirectives(prepared.directiveText ?? ''),
    );
    if (Object.keys(behaviour).length > 0) record.behaviour = behaviour;

    await out.sleep(behaviour.latencyMs ?? 0);
    if (behaviour.fail !== undefined) {
      const retryAfter = behaviour.retryAfter ?? (behaviour.fail === 429 ? 1 : undefined);
      throw new MockHttpError(behaviour.fail, '', { retryAfter });
    }
    if (behaviour.hang) {
      record.outcome = 'hanging';
      await out.waitUntilGone();
    }

    const reply = prepared.reply(behaviour);
    if (reply.kind === 'stream') {
      record.status = 200;
      record.outcome = await sendStream(out, reply, behaviour);
    } else {
      const rate = behaviour.tokensPerSecond;
      await out.sleep((behaviour.ttftMs ?? 0) + (rate && reply.tokens ? (reply.tokens * 1000) / rate : 0));
      record.status = 200;
      record.outcome = await sendJson(out, 200, reply.body, { cut: behaviour.cut !== undefined });
    }
  } catch (error) {
    await fail(call, dialect, error);
  }
}

async function fail(call: ProviderCall, dialect: Dialect, error: unknown): Promise<void> {
  const { out, record } = call;
  if (error instanceof ClientGone) {
    record.outcome = 'aborted';
    return;
  }
  if (out.headersSent) {
    // Broke mid-answer: all that can be done is to drop the connection.
    record.outcome = 'aborted';
    out.res.destroy();
    return;
  }
  const httpError = error instanceof MockHttpError ? error : new MockHttpError(500, `Mock LLM internal error: ${String(error)}`);
  if (!(error instanceof MockHttpError)) console.error('[mock-llm]', error);
  const retryAfter = httpError.detail.retryAfter;
  record.status = httpError.status;
  record.outcome = 'error';
  try {
    await sendJson(out, httpError.status, dialect.renderError(httpError), {
      headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    });
  } catch (sendError) {
    if (!(sendError instanceof ClientGone)) throw sendError;
    record.outcome = 'aborted';
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new MockHttpError(400, `We could not parse the JSON body of your request. (${(error as Error).message})`);
  }
}
