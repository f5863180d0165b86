import fs from 'node:fs';
import net from 'node:net';
import { Decoder, Encoder } from '@msgpack/msgpack';
import type Server from 'kong-pdk/server';
import type { Logger } from '../core/logger';

/**
 * Kong's MessagePack-RPC on one plugin socket (`[0, msgid, "plugin.<Method>", args]` in,
 * `[1, msgid, error, result]` out, one call at a time per connection), dispatched to
 * kong-pdk's Server. It stands in for kong-pdk's Listener, which builds a debug line with
 * JSON.stringify of every call's arguments even when nothing logs it: Kong 3.x sends request
 * bodies as msgpack bin, and stringifying a Buffer costs about 40 ms per megabyte, on the event
 * loop every plugin shares. At debug level that line would also print bodies, tickets and
 * instance configs with their keys; here only methods and message ids are logged.
 */
type Dispatch = (...args: unknown[]) => Promise<unknown>;

function errorText(err: unknown): string {
  if (typeof err === 'string') return err;
  if (err instanceof Error) return err.message;
  return 'plugin server error';
}

function serveConnection(server: Server, socket: net.Socket, log: Logger): void {
  const encoder = new Encoder();
  const decoder = new Decoder();
  let buffered: Buffer[] = [];
  const reply = (msgid: unknown, error: string | null, result: unknown) => {
    if (!socket.destroyed) socket.write(encoder.encode([1, msgid, error, result]));
  };
  socket.on('error', (err) => log.warn('plugin socket connection error', { error: err.message }));
  socket.on('data', (chunk: Buffer) => {
    buffered.push(chunk);
    const data = buffered.length === 1 ? chunk : Buffer.concat(buffered);
    let message: unknown;
    try {
      message = decoder.decode(data);
    } catch (err) {
      if (err instanceof RangeError && /insufficient data/i.test(err.message)) {
        buffered = [data]; // a call split across reads (a large body): wait for the rest
        return;
      }
      log.error('undecodable message from Kong; closing the connection', { error: (err as Error).message });
      socket.destroy();
      return;
    }
    buffered = [];
    const [, msgid, method, args] = message as [number, number, string, unknown[]];
    const name = typeof method === 'string' && method.startsWith('plugin.') ? method.slice('plugin.'.length) : undefined;
    const dispatch = name ? ((server as unknown as Record<string, unknown>)[name] as Dispatch | undefined) : undefined;
    if (typeof dispatch !== 'function' || !/^[A-Z]/.test(name!)) {
      log.error('unsupported RPC method', { method: String(method), msgid });
      reply(msgid, `method ${String(method)} not implemented`, null);
      return;
    }
    log.debug('rpc', { method, msgid });
    Promise.resolve()
      .then(() => dispatch.apply(server, Array.isArray(args) ? args : []))
      .then(
        (result) => reply(msgid, null, result),
        (err: unknown) => {
          log.error('rpc failed', { method, msgid, error: errorText(err) });
          reply(msgid, errorText(err), null);
        },
      );
  });
}

/** Listens on `socketPath` (replacing a stale socket file) and serves Kong's calls to `server`. */
export function serveRpc(server: Server, socketPath: string, log: Logger): net.Server {
  fs.rmSync(socketPath, { force: true });
  const listener = net.createServer((socket) => serveConnection(server, socket, log));
  listener.listen(socketPath);
  return listener;
}
