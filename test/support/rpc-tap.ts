import fs from 'node:fs';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { decodeMultiStream } from '@msgpack/msgpack';

/**
 * A unix socket between Kong (the stand-in) and one plugin server socket that
 * passes every byte through unchanged and notes the PDK methods the plugin
 * asks Kong to run (the `Data.Method` of HandleEvent and Step replies), so a
 * test can count round trips on the real protocol. Held, it keeps each new
 * connection from Kong waiting, unconnected, until released: a pause in
 * Kong's chain before that plugin's turn, which outlasts a plugin-server restart.
 */
export interface RpcTap {
  path: string;
  /** PDK methods in the order the plugin called them; 'ret' ends an event. */
  calls: string[];
  /** Connections from Kong waiting while held. */
  readonly waiting: number;
  /** Connections from Kong piped to the plugin server and still open. */
  readonly piped: number;
  hold(): void;
  release(): void;
  /** Closes the piped connections, so that Kong's next call connects anew (and waits, while held). */
  cut(): void;
  close(): Promise<void>;
}

async function connectWhenListening(target: string, deadline: number): Promise<net.Socket> {
  for (;;) {
    try {
      return await new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(target, () => resolve(socket));
        socket.once('error', reject);
      });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function startRpcTap(tapPath: string, target: string): Promise<RpcTap> {
  const calls: string[] = [];
  const sockets = new Set<net.Socket>();
  const pipedFromKong = new Set<net.Socket>();
  let held: Array<() => void> | undefined;
  let piped = 0;
  const server = net.createServer((kong) => {
    sockets.add(kong);
    // A reset at teardown is not a test failure; the other side is closed with it.
    kong.on('error', () => kong.destroy());
    kong.pause();
    if (held) held.push(() => pipe(kong));
    else pipe(kong);
  });
  const pipe = (kong: net.Socket) => {
    void connectWhenListening(target, Date.now() + 15_000).then(
      (plugin) => {
        sockets.add(plugin);
        // Kong may have hung up while the plugin's socket was awaited (a readiness probe).
        if (kong.destroyed) {
          plugin.destroy();
          return;
        }
        piped++;
        pipedFromKong.add(kong);
        let open = true;
        const closed = () => {
          if (open) piped--;
          open = false;
          pipedFromKong.delete(kong);
        };
        kong.once('close', closed);
        plugin.once('close', closed);
        plugin.on('error', () => plugin.destroy());
        const replies = new PassThrough();
        plugin.on('data', (chunk: Buffer) => {
          kong.write(chunk);
          replies.write(chunk);
        });
        plugin.on('close', () => replies.end());
        void (async () => {
          for await (const message of decodeMultiStream(replies)) {
            const result = Array.isArray(message) && message[0] === 1 ? (message[3] as { Data?: unknown } | null) : null;
            const data = result?.Data;
            if (data === 'ret') calls.push('ret');
            else if (data && typeof data === 'object' && typeof (data as { Method?: unknown }).Method === 'string') calls.push((data as { Method: string }).Method);
          }
        })().catch(() => undefined);
        kong.on('data', (chunk) => plugin.write(chunk));
        kong.resume();
        plugin.on('close', () => kong.destroy());
        kong.on('close', () => plugin.destroy());
      },
      () => kong.destroy(),
    );
  };
  fs.rmSync(tapPath, { force: true });
  await new Promise<void>((resolve) => server.listen(tapPath, resolve));
  return {
    path: tapPath,
    calls,
    get waiting() {
      return held?.length ?? 0;
    },
    get piped() {
      return piped;
    },
    hold() {
      held ??= [];
    },
    release() {
      const queued = held ?? [];
      held = undefined;
      for (const start of queued) start();
    },
    cut() {
      for (const kong of pipedFromKong) kong.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
