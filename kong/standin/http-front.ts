import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { Chain, PhaseAbort, type ChainPlugin } from './chain';
import type { Declarative, Service } from './declarative';
import type { KongConf } from './kong-conf';
import { kongMessage, KONG_VERSION, sendExit, flatten } from './kong-responses';
import { takeSnapshot } from './log-phase';
import { finalHeaders } from './pdk';
import { callUpstream, UpstreamError } from './proxy';
import { headerMapFrom, type ExitResponse, type RequestState } from './request-state';
import { matchRoute, upstreamPath } from './router';

/**
 * One request through the stand-in, in Kong's order: read the body, route,
 * rewrite (global plugins), access by priority (stop at the first exit), the
 * upstream (streamed, or buffered when a plugin has a `response` phase), the
 * client response, then the log phase from a snapshot.
 */
export interface FrontDeps {
  conf: KongConf;
  current(): { entities: Declarative; services: Map<string, Service>; chain: Chain };
  logs: Record<string, unknown>[];
  errorLog(line: string): void;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (limit > 0 && size > limit) {
        resolve('too-large');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function newState(req: http.IncomingMessage, body: Buffer, conf: KongConf, route: RequestState['route'], service: Service, stripped: string): RequestState {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  // Every line of a repeated header, as ngx.req.get_headers() gives them (Node's req.headers joins or drops repeats).
  const headers = headerMapFrom(req.headersDistinct);
  const hostHeader = headers.host?.[0] ?? '127.0.0.1';
  return {
    id: randomUUID().replace(/-/g, ''),
    startedAt: Date.now(),
    phase: 'rewrite',
    clientIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
    clientPort: req.socket.remotePort ?? 0,
    method: req.method ?? 'GET',
    path: url.pathname,
    rawQuery: url.search.slice(1),
    scheme: 'http',
    host: hostHeader,
    port: req.socket.localPort ?? 80,
    httpVersion: Number(req.httpVersion) || 1.1,
    headers,
    body,
    bodyBufferBytes: conf.bodyBufferBytes,
    route,
    service,
    ctxShared: new Map(),
    ngxCtx: new Map(),
    serialize: {},
    upstream: {
      scheme: service.protocol === 'https' ? 'https' : 'http',
      host: service.host,
      port: service.port,
      path: upstreamPath(service, stripped),
      rawQuery: url.search.slice(1),
      method: req.method ?? 'GET',
      // Kong has one request: kong.service.request.set_header is ngx.req.set_header, which kong.request and the
      // log serializer see afterwards.
      headers,
      buffering: false,
      connectTimeout: service.connect_timeout,
      readTimeout: service.read_timeout,
      writeTimeout: service.write_timeout,
    },
    responseHeaders: {},
    source: 'service',
    latencies: {},
  };
}

export function createHandler(deps: FrontDeps) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const { entities, services, chain } = deps.current();
    const body = await readBody(req, deps.conf.maxBodyBytes).catch(() => undefined);
    if (body === undefined) return void res.destroy();
    if (body === 'too-large') return sendExit(res, undefined, kongMessage(413, 'Request size limit exceeded'), kongMessage(413, '').headers);
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const match = matchRoute(entities.routes, services, { method: req.method ?? 'GET', host: req.headers.host ?? '', path: url.pathname });
    if (!match) {
      const notFound = kongMessage(404, 'no Route matched with those values');
      return sendExit(res, undefined, notFound, notFound.headers);
    }
    const state = newState(req, body, deps.conf, match.route, match.service, match.strippedPath);
    const plugins = chain.pluginsFor(state);
    let responseSize = 0;
    let status = 500;
    try {
      const exit = await runRequestPhases(chain, plugins, state);
      if (exit) {
        status = exit.status;
        responseSize = exit.body.length;
        sendExit(res, state, exit, finalHeaders(state));
      } else {
        ({ status, size: responseSize } = await proxyToUpstream(chain, plugins, state, res));
      }
    } catch (err) {
      const failure = err instanceof UpstreamError ? kongMessage(err.status, err.status === 504 ? 'The upstream server is timing out' : 'An invalid response was received from the upstream server') : kongMessage(500, 'An unexpected error occurred');
      if (!(err instanceof UpstreamError) && !(err instanceof PhaseAbort)) deps.errorLog(`[error] ${(err as Error).stack ?? err}`);
      state.exit = failure;
      state.source = 'error';
      status = failure.status;
      responseSize = failure.body.length;
      sendExit(res, state, failure, failure.headers);
    }
    const done = () => runLogPhase(chain, plugins, state, deps, responseSize, status);
    // nginx runs the log phase for a client that went away too (a 499): the connection may have closed already.
    if (res.writableFinished || res.destroyed) done();
    else res.once('close', done);
  };
}

async function runRequestPhases(chain: Chain, plugins: ChainPlugin[], state: RequestState): Promise<ExitResponse | undefined> {
  for (const phase of ['rewrite', 'access'] as const) {
    state.phase = phase;
    for (const plugin of plugins) {
      const exit = await chain.run(plugin, phase, state);
      if (exit) {
        state.exit = exit;
        state.source = 'exit';
        return exit;
      }
    }
  }
  return undefined;
}

async function proxyToUpstream(
  chain: Chain,
  plugins: ChainPlugin[],
  state: RequestState,
  res: http.ServerResponse,
): Promise<{ status: number; size: number }> {
  state.latencies.upstreamStart = Date.now();
  let upstreamReq: http.ClientRequest | undefined;
  const abort = () => {
    if (!res.writableFinished) upstreamReq?.destroy();
  };
  res.once('close', abort);
  const upstream = await callUpstream(state, (r) => (upstreamReq = r));
  const buffered = state.upstream.buffering || plugins.some((p) => p.info?.phases.includes('response'));
  const latencyHeaders = () => ({
    // Kong 3.4.2 sends its server token alone as Via (runloop/handler.lua) and no X-Kong-Request-Id (added in 3.5).
    via: `kong/${KONG_VERSION}`,
    'x-kong-upstream-latency': String(Date.now() - state.latencies.upstreamStart!),
    'x-kong-proxy-latency': String(state.latencies.upstreamStart! - state.startedAt),
  });
  if (buffered) {
    const chunks: Buffer[] = [];
    for await (const chunk of upstream.stream) chunks.push(chunk as Buffer);
    state.latencies.upstreamEnd = Date.now();
    state.upstreamResponse = { status: upstream.status, headers: upstream.headers, body: Buffer.concat(chunks) };
    state.phase = 'response';
    for (const plugin of plugins) {
      const exit = await chain.run(plugin, 'response', state);
      if (exit) {
        sendExit(res, state, exit, finalHeaders(state));
        return { status: exit.status, size: exit.body.length };
      }
    }
    const body = state.upstreamResponse.body!;
    const headers = { ...flatten(finalHeaders(state)), ...latencyHeaders(), 'content-length': String(body.length) };
    res.writeHead(state.responseStatus ?? upstream.status, headers);
    res.end(body);
    return { status: state.responseStatus ?? upstream.status, size: body.length };
  }
  state.upstreamResponse = { status: upstream.status, headers: upstream.headers };
  const status = state.responseStatus ?? upstream.status;
  res.writeHead(status, { ...flatten(finalHeaders(state)), ...latencyHeaders() });
  // As nginx does: the header leaves with the first body bytes when they arrived with it (one write),
  // and alone at once only when the upstream sent the header by itself (a stream before its first event).
  if (upstream.stream.readableLength === 0) res.flushHeaders();
  let size = 0;
  await new Promise<void>((resolve) => {
    upstream.stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!res.write(chunk)) {
        upstream.stream.pause();
        res.once('drain', () => upstream.stream.resume());
      }
    });
    upstream.stream.on('end', () => {
      res.end();
      resolve();
    });
    // The upstream broke off mid-body: the client's connection is cut too, as nginx does.
    upstream.stream.on('error', () => {
      res.destroy();
      resolve();
    });
    upstream.stream.on('aborted', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => resolve());
  });
  state.latencies.upstreamEnd = Date.now();
  return { status, size };
}

function runLogPhase(chain: Chain, plugins: ChainPlugin[], state: RequestState, deps: FrontDeps, size: number, status: number): void {
  state.phase = 'log';
  state.snapshot = takeSnapshot(state, size, status);
  deps.logs.push(state.snapshot);
  // A long-running stand-in (npm start) keeps only the most recent entries.
  if (deps.logs.length > 10_000) deps.logs.splice(0, deps.logs.length - 10_000);
  // Kong runs the log handlers of external plugins in a zero-delay timer, after its own snapshot.
  setImmediate(async () => {
    for (const plugin of plugins) {
      try {
        await chain.run(plugin, 'log', state);
      } catch (err) {
        deps.errorLog(`[error] [${plugin.name}] log: ${(err as Error).message}`);
      }
    }
  });
}
