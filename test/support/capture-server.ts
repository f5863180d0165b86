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
  /**
   * A JSON answer, a body written as is (`raw`), or (`sse`) an event stream written one event at a time (`sseGapMs`
   * apart), after `delayMs`; or no answer at all.
   */
  respond: (req: Captured) => { status: number; body?: unknown; raw?: string; sse?: string[]; sseGapMs?: number; delayMs?: number; headers?: Record<string, string> } | 'hang';
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const capture: CaptureServer = {
    url: '',
    received: [],
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
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (res.destroyed) return;
      if (answer.sse) {
        res.writeHead(answer.status, { 'content-type': 'text/event-stream', ...answer.headers });
        for (const event of answer.sse) {
          res.write(event);
          await new Promise((resolve) => setTimeout(resolve, answer.sseGapMs ?? 2));
        }
        res.end();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
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
