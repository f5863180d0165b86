import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/** A local HTTP endpoint that records what it receives and answers as the test programs it. */
export interface Captured {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface CaptureServer {
  url: string;
  received: Captured[];
  /** The paths of answers whose connection the caller closed before they were written whole. */
  cutAnswers: string[];
  /**
   * A JSON answer, a body written as is (`raw`), (`sse`) an event stream written one event at a time (`sseGapMs`
   * apart), or (`repeat`) a large body written as fast as the caller reads it, after `delayMs`; or no answer at all.
   */
  respond: (req: Captured) => { status: number; body?: unknown; raw?: string; sse?: string[]; sseGapMs?: number; repeat?: Repeated; delayMs?: number; headers?: Record<string, string> } | 'hang';
  close(): Promise<void>;
}

/** `head`, then `piece` `times` over, then `tail`. */
export interface Repeated {
  head?: string;
  piece: string;
  times: number;
  tail?: string;
}

function drainedOrClosed(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes a repeated body as the socket drains; stops when the caller closes the connection. */
async function writeRepeated(res: http.ServerResponse, body: Repeated): Promise<void> {
  const parts = [body.head ?? '', ...Array<string>(body.times).fill(body.piece), body.tail ?? ''];
  for (const part of parts) {
    if (res.destroyed) return;
    if (!res.write(part)) await drainedOrClosed(res);
  }
  res.end();
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const capture: CaptureServer = {
    url: '',
    received: [],
    cutAnswers: [],
    respond: () => ({ status: 200, body: {} }),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
      const entry = { path: req.url ?? '', headers: req.headers, body };
      const answer = capture.respond(entry);
      if (answer === 'hang') return;
      capture.received.push(entry);
      res.on('close', () => {
        if (!res.writableFinished) capture.cutAnswers.push(entry.path);
      });
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
      if (answer.sse) {
        res.writeHead(answer.status, { 'content-type': 'text/event-stream', ...answer.headers });
        for (const event of answer.sse) {
          if (res.destroyed) return;
          res.write(event);
          await new Promise((resolve) => setTimeout(resolve, answer.sseGapMs ?? 2));
        }
        res.end();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      if (answer.repeat) return writeRepeated(res, answer.repeat);
      res.end(answer.raw ?? JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  capture.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  capture.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return capture;
}
