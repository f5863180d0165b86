/** Sending answers: plain JSON (possibly cut short) and paced streams. */
import type { OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Behaviour } from './behaviour';
import type { Outlet } from './outlet';
import type { StreamReply } from './endpoint';

export type SendOutcome = 'ok' | 'cut';

export async function sendJson(
  out: Outlet,
  status: number,
  body: unknown,
  options: { headers?: OutgoingHttpHeaders; cut?: boolean } = {},
): Promise<SendOutcome> {
  const bytes = Buffer.from(JSON.stringify(body));
  out.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length, ...options.headers });
  if (options.cut) {
    await out.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    await out.cut();
    return 'cut';
  }
  out.end(bytes);
  return 'ok';
}

/**
 * Headers at once; then `ttftMs`; the head events; content events one write
 * each, spaced to `tokensPerSecond`; then the tail. With `cut`, the socket is
 * destroyed after that many content events and the tail never comes.
 */
export async function sendStream(out: Outlet, reply: StreamReply, behaviour: Behaviour): Promise<SendOutcome> {
  const { encoder, plan } = reply;
  out.writeHead(200, { 'content-type': encoder.contentType, 'cache-control': 'no-cache' });
  out.res.flushHeaders();
  await out.sleep(behaviour.ttftMs ?? 0);

  for (const event of plan.head) await out.write(encoder.encode(event));

  const interval = behaviour.tokensPerSecond ? 1000 / behaviour.tokensPerSecond : 0;
  const start = performance.now();
  for (const [i, event] of plan.content.entries()) {
    if (behaviour.cut !== undefined && i >= behaviour.cut) break;
    if (interval > 0 && i > 0) await out.sleep(start + i * interval - performance.now());
    await out.write(encoder.encode(event));
  }
  if (behaviour.cut !== undefined) {
    await out.cut();
    return 'cut';
  }

  for (const event of plan.tail) await out.write(encoder.encode(event));
  out.end(encoder.finish());
  return 'ok';
}
