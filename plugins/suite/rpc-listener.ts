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

/**
 * A read can end anywhere inside a call (a large body spans many reads): msgpack then
 * throws a RangeError ("Insufficient data", or an offset outside the DataView when the cut
 * falls in a header). Only "Extra … byte(s)" means more than one message, which Kong never sends.
 */
const needsMoreData = (err: unknown) => err instanceof RangeError && !/^Extra \d+ of \d+ byte/.test(err.message);

function serveConnection(server: Server, socket: net.Socket, log: Logger): void {
  const encoder = new Encoder();
  const decoder = new Decoder();
  let buffered: Buffer[] = [];
  const reply = (msgid: unknown, error: string | null, result: unknown) => {
    if (socket.destroyed) return;
    let frame: Uint8Array;
    try {
      frame = encoder.encode([1, msgid, error, result]);
    } catch (err) {
      log.error('rpc result not encodable', { msgid, error: (err as Error).message });
      frame = encoder.encode([1, msgid, 'the plugin server could not encode its result', null]);
    }
    socket.write(frame);
  };
  const close = (why: string, fields: Record<string, unknown>) => {
    log.error(`${why}; closing the connection`, fields);
    socket.destroy();
  };
  socket.on('error', (err) => log.warn('plugin socket connection error', { error: err.message }));
  socket.on('data', (chunk: Buffer) => {
    buffered.push(chunk);
    const data = buffered.length === 1 ? chunk : Buffer.concat(buffered);
    let message: unknown;
    try {
      message = decoder.decode(data);
    } catch (err) {
      if (needsMoreData(err)) {
        buffered = [data];
        return;
      }
      close('undecodable message from Kong', { error: (err as Error).message });
      return;
    }
    buffered = [];
    if (!Array.isArray(message) || message.length < 4 || message[0] !== 0) {
      close('not a MessagePack-RPC request', {});
      return;
    }
    const [, msgid, method, args] = message as [number, unknown, unknown, unknown];
    const name = typeof method === 'string' && method.startsWith('plugin.') ? method.slice('plugin.'.length) : '';
    const dispatch = (server as unknown as Record<string, unknown>)[name];
    if (typeof dispatch !== 'function' || !/^[A-Z]/.test(name)) {
      log.error('unsupported RPC method', { method: String(method), msgid });
      reply(msgid, `method ${String(method)} not implemented`, null);
      return;
    }
    log.debug('rpc', { method, msgid });
    Promise.resolve()
      .then(() => (dispatch as Dispatch).apply(server, Array.isArray(args) ? args : []))
      .then(
        (result) => {
          forgetEndedEvent(server, result);
          reply(msgid, null, result);
        },
        (err: unknown) => {
          log.error('rpc failed', { method, msgid, error: errorText(err) });
          reply(msgid, errorText(err), null);
        },
      );
  });
}

/** What Kong never answers: after these it abandons the event (reference §7.5). */
const ENDING_CALLS = new Set(['kong.response.exit', 'kong.response.error']);

/**
 * kong-pdk forgets an event only when a Step returns "ret". One that ends inside HandleEvent (a phase
 * making no PDK call) or with kong.response.exit, after which Kong never steps again, would stay in
 * `server.events` for the life of the process, with the phase's closures (measured: ~1.35 KB each).
 */
function forgetEndedEvent(server: Server, result: unknown): void {
  if (!result || typeof result !== 'object' || !('EventId' in result) || !('Data' in result)) return;
  const { Data, EventId } = result as { Data: unknown; EventId: unknown };
  const method = Data && typeof Data === 'object' ? (Data as { Method?: unknown }).Method : undefined;
  if (Data === 'ret' || (typeof method === 'string' && ENDING_CALLS.has(method))) {
    (server as unknown as { events: Map<unknown, unknown> }).events.delete(EventId);
  }
}

/**
 * Listens on `socketPath` and serves Kong's calls to `server`. The socket is bound under a temporary
 * name and renamed into place: on `kong reload` the new suite process starts before the old one is
 * stopped, and closing a listener unlinks the path it bound, so binding `socketPath` itself would let
 * the old process delete the new one's socket on its way out. `ownsSocket` tells at shutdown whether
 * the path is still this listener's.
 */
export function serveRpc(server: Server, socketPath: string, log: Logger): net.Server & { ownsSocket(): boolean } {
  const bound = `${socketPath}.${process.pid}.tmp`;
  fs.rmSync(bound, { force: true });
  const listener = net.createServer((socket) => serveConnection(server, socket, log));
  let inode: number | undefined;
  listener.once('listening', () => {
    fs.renameSync(bound, socketPath);
    inode = fs.statSync(socketPath).ino;
  });
  listener.listen(bound);
  return Object.assign(listener, {
    ownsSocket: () => {
      try {
        return inode !== undefined && fs.statSync(socketPath).ino === inode;
      } catch {
        return false;
      }
    },
  });
}
