import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen } from '../listen';
import { onShutdown } from '../lifecycle';
import { createLogger } from '../logger';
import { contexts } from '../request-context';
import { GatewayError } from '../openai-error';
import { knownBodyBytes, parseJsonBody } from '../request-body';
import type { RequestContext } from '../request-context';
import { sendError, sendJson } from './client-writer';
import { readForwardedBody } from './forwarded-body';
import { DEFERRED_PLAN_KEY, IN_BRIDGE_KEY, PLAN_KEY, type CallPlan, type DeferredPlan } from './plan';
import { serveAnswer, settle } from './serve-answer';
import { TicketBook } from './tickets';

/**
 * The LLM bridge: an HTTP listener on loopback in the suite process that Kong
 * proxies to (streaming both ways). It serves only requests carrying a ticket
 * that llm-proxy minted in the access phase; anything else gets a 403, so a
 * route never fails open to a provider.
 */
/**
 * The ticket travels as Proxy-Authorization: Kong sets a service request header on its one request object, which
 * kong.request and the log serializer then show, and Kong's serializer writes this header (and Authorization) as
 * REDACTED, so no file-log or http-log line carries a ticket.
 */
export const TICKET_HEADER = 'proxy-authorization';
const TICKET_SCHEME = 'AI-Suite-Ticket ';

export function ticketHeaderValue(ticket: string): string {
  return TICKET_SCHEME + ticket;
}

function ticketOf(value: string | string[] | undefined): string | undefined {
  const header = Array.isArray(value) ? value[0] : value;
  return header?.startsWith(TICKET_SCHEME) ? header.slice(TICKET_SCHEME.length) : undefined;
}

const log = createLogger('bridge');

export interface Bridge {
  port: number;
  tickets: TicketBook;
  close(): Promise<void>;
}

/**
 * The plan made in access, or the one made now from the body Kong forwards: when access made none, or when the body
 * Kong forwards is not the one the suite read (a Kong plugin between the suite's readers and llm-proxy rewrote it).
 */
async function planFor(ctx: RequestContext, req: http.IncomingMessage): Promise<CallPlan> {
  const deferred = ctx.get<DeferredPlan>(DEFERRED_PLAN_KEY)!;
  const forwarded = await readForwardedBody(req, deferred.maxBodyBytes);
  const made = ctx.get<CallPlan>(PLAN_KEY);
  if (made && knownBodyBytes(ctx)?.equals(forwarded)) return made;
  if (made) log.debug('the body Kong forwards is not the one the suite read: planned from what Kong forwards');
  const plan = deferred.make(parseJsonBody(forwarded, { contentType: req.headers['content-type'], contentEncoding: req.headers['content-encoding'] }));
  ctx.set(PLAN_KEY, plan);
  return plan;
}

async function handle(tickets: TicketBook, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const contextId = tickets.redeem(ticketOf(req.headers[TICKET_HEADER]));
  const ctx = contexts.get(contextId);
  if (!ctx || !ctx.data.has(DEFERRED_PLAN_KEY)) {
    req.resume();
    sendError(res, 403, 'This request was not authorised by the gateway.', 'missing_ticket');
    return;
  }
  const clientGone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  ctx.pin();
  ctx.set(IN_BRIDGE_KEY, true);
  try {
    const plan = await planFor(ctx, req);
    const record = await serveAnswer(plan, ctx, res, clientGone.signal);
    await settle(record, ctx);
  } catch (err) {
    // No answer record follows: whoever waits for one (tracing) must not wait, and is told before the client's answer ends.
    ctx.set(IN_BRIDGE_KEY, false);
    if (err instanceof GatewayError) {
      sendJson(res, err.status, err.toBody(), err.headers);
    } else if (req.destroyed && clientGone.signal.aborted) {
      log.debug('client left while its request was being read');
    } else {
      log.error('bridge failure', { error: (err as Error).message });
      sendError(res, 500, 'The gateway failed while calling the provider.', 'bridge_error');
    }
    if (!res.writableEnded) res.end();
  } finally {
    ctx.release('bridge');
    ctx.unpin();
  }
}

let bridge: Promise<Bridge> | undefined;

/**
 * The process's one bridge, started on first use (port from AI_SUITE_BRIDGE_PORT, else a free one). On `kong reload`
 * Kong starts the new suite process while the old one still serves its streams on that port: the new bridge then
 * listens on a free port, and llm-proxy points Kong's upstream at it (a service URL naming the fixed port is then
 * one PDK call per request more, until the next restart).
 */
export function getBridge(): Promise<Bridge> {
  bridge ??= startBridge().catch((err: unknown) => {
    bridge = undefined;
    throw err;
  });
  return bridge;
}

async function startBridge(): Promise<Bridge> {
  const tickets = new TicketBook();
  const server = http.createServer((req, res) => void handle(tickets, req, res));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;
  server.requestTimeout = 0;
  const wanted = Number(process.env.AI_SUITE_BRIDGE_PORT ?? 0);
  try {
    await listen(server, wanted, '127.0.0.1');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wanted === 0) throw err;
    log.warn('bridge port in use (another suite process still serves it): listening on a free port', { port: wanted });
    await listen(server, 0, '127.0.0.1');
  }
  const sweeper = setInterval(() => tickets.sweep(), 30_000);
  sweeper.unref();
  const instance: Bridge = {
    port: (server.address() as AddressInfo).port,
    tickets,
    close: () =>
      new Promise((done) => {
        clearInterval(sweeper);
        server.closeIdleConnections();
        server.close(() => done());
        setTimeout(() => {
          server.closeAllConnections();
          done();
        }, 3000).unref();
      }),
  };
  onShutdown('bridge', () => instance.close());
  log.info('bridge listening', { port: instance.port });
  return instance;
}
