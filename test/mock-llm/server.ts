/**
 * The mock LLM server: one node `http` server speaking OpenAI, Azure OpenAI,
 * Anthropic and Gemini wire formats, plus the /__mock/ control API.
 *
 *   const mock = await startMockLlm();
 *   mock.program({ match: { path: '/v1/chat/completions' }, times: 2, behaviour: { fail: 429 } });
 *   // … point a client at mock.url …
 *   await mock.close();
 */
import { answerLangfuse, LANGFUSE_PREFIX } from './langfuse-sink';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BehaviourBook, type Defaults, type PendingProgram, type ProgramSpec } from './behaviour';
import { CONTROL_PREFIX, handleControl } from './control';
import type { Inbound } from './dialect';
import { ClientGone, Outlet } from './outlet';
import { serveProviderCall } from './pipeline';
import { RequestLog, type RecordedRequest } from './request-log';

export interface MockLlmOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Initial (and post-reset) defaults: latencyMs, ttftMs, tokensPerSecond, tokens. */
  defaults?: Defaults;
  /** How many requests the log keeps (oldest dropped first). Default 1000. */
  maxLoggedRequests?: number;
}

export interface MockLlm {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Provider requests received, oldest first (control API calls are not logged). */
  readonly requests: readonly RecordedRequest[];
  /** Queues a behaviour for the next `times` (default 1) matching requests. Throws on invalid specs. */
  program(spec: ProgramSpec): void;
  /** Programs not yet used up. */
  pending(): PendingProgram[];
  /** Updates defaults; null clears a field. Returns the defaults now in force. */
  setDefaults(update: Partial<Record<keyof Defaults, number | null>>): Defaults;
  /** Forgets programs and the request log; restores the initial defaults. */
  reset(): void;
  /** Stops listening, cuts open connections (hanging ones too). Idempotent. */
  close(): Promise<void>;
}

/** Keep idle upstream connections longer than typical proxies (nginx/Kong: 60 s) so they never race a close. */
const KEEP_ALIVE_MS = 75_000;

export async function startMockLlm(options: MockLlmOptions = {}): Promise<MockLlm> {
  const book = new BehaviourBook(options.defaults);
  const log = new RequestLog(options.maxLoggedRequests ?? 1000);
  const inFlight = new Set<AbortController>();
  const connectionIds = new WeakMap<Socket, number>();
  let connections = 0;

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  server.on('connection', (socket) => connectionIds.set(socket, ++connections));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const stop = new AbortController();
    inFlight.add(stop);
    res.on('close', () => {
      inFlight.delete(stop);
      stop.abort();
    });
    try {
      const url = new URL(req.url ?? '/', 'http://mock-llm.invalid');
      const inbound: Inbound = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
      const rawBody = await readBody(req);
      if (inbound.path.startsWith(CONTROL_PREFIX)) {
        const answer = handleControl(inbound, rawBody, { book, log });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        return;
      }
      if (inbound.path.startsWith(LANGFUSE_PREFIX)) {
        answerLangfuse(inbound.path, res);
        return;
      }
      const record = log.add({
        at: Date.now(),
        connection: connectionIds.get(req.socket) ?? 0,
        method: inbound.method,
        path: inbound.path,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: bodyForLog(rawBody),
      });
      await serveProviderCall({ inbound, rawBody, record, out: new Outlet(res, stop.signal), book });
    } catch (error) {
      if (error instanceof ClientGone || stop.signal.aborted) return;
      console.error('[mock-llm]', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      else res.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    get requests() {
      return log.list();
    },
    program: (spec) => book.program(spec),
    pending: () => book.pending(),
    setDefaults: (update) => book.setDefaults(update),
    reset() {
      book.reset();
      log.clear();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const stop of inFlight) stop.abort();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    throw new ClientGone();
  }
  return Buffer.concat(chunks).toString('utf8');
}

function bodyForLog(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
