import net from 'node:net';
import { Decoder, Encoder } from '@msgpack/msgpack';

/**
 * Kong's MessagePack-RPC client for one plugin-server socket. Like Kong: each
 * request is written with one write, a connection carries one request at a time
 * (pooled and reused, never pipelined), replies are matched by msgid, and error
 * strings come back as RpcError.
 */
export class RpcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcError';
  }
}

interface Pending {
  msgid: number;
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A reply read by a call other than the one it answers: Kong's mp_rpc asserts on the msgid, a Lua error, so the
 * request whose call read it gets a 500 (not a skipped plugin).
 */
export class RpcMismatch extends RpcError {}

class Connection {
  private chunks: Buffer[] = [];
  pending: Pending | undefined;
  closed = false;
  /** A reply that came after its call timed out: Kong keeps the connection, and the next call reads this first. */
  private late: unknown[] = [];

  constructor(readonly socket: net.Socket, private readonly decoder: Decoder, private readonly onIdle: (c: Connection) => void) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.fail(new RpcError('connection closed')));
    socket.on('error', (err) => this.fail(err));
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    let message: unknown;
    try {
      message = this.decoder.decode(data);
    } catch (err) {
      if (err instanceof RangeError) {
        this.chunks = [data];
        return; // a reply split across reads: wait for the rest, as Kong's streaming unpacker does
      }
      this.fail(err as Error);
      return;
    }
    this.chunks = [];
    if (!this.pending) {
      this.late.push(message);
      return;
    }
    this.answer(message);
  }

  /** Sends a call; a late reply buffered on this connection is what the call reads first, as in Kong. */
  send(pending: Pending, bytes: Uint8Array): void {
    this.pending = pending;
    this.socket.write(bytes);
    const late = this.late.shift();
    if (late !== undefined) this.answer(late);
  }

  private answer(message: unknown): void {
    const [, msgid, error, result] = message as [number, number, string | null, unknown];
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (msgid !== pending.msgid) {
      pending.reject(new RpcMismatch(`unexpected RPC response ID from Go plugin server: sent ${pending.msgid}, got ${msgid}`));
      this.socket.destroy();
      return;
    }
    if (error !== null && error !== undefined) pending.reject(new RpcError(String(error)));
    else pending.resolve(result);
    this.onIdle(this);
  }

  private fail(err: Error): void {
    this.closed = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(err);
    }
  }
}

export class RpcClient {
  private readonly idle: Connection[] = [];
  private readonly all = new Set<Connection>();
  private msgid = 0;
  private readonly encoder = new Encoder();

  constructor(readonly socketPath: string, private readonly timeoutMs = 60_000) {}

  private connect(): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.createConnection(this.socketPath);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        const conn = new Connection(socket, new Decoder(), (c) => this.release(c));
        this.all.add(conn);
        socket.on('close', () => this.all.delete(conn));
        resolve(conn);
      });
      socket.once('error', reject);
    });
  }

  private release(conn: Connection): void {
    if (!conn.closed) this.idle.push(conn);
  }

  async call(method: string, params: unknown[]): Promise<unknown> {
    let conn = this.idle.pop();
    while (conn && conn.closed) conn = this.idle.pop();
    conn ??= await this.connect();
    const msgid = ++this.msgid;
    const chosen = conn;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Kong's "no data": the connection goes back to the pool (setkeepalive) with the reply still to come.
        chosen.pending = undefined;
        this.release(chosen);
        reject(new RpcError('timeout'));
      }, this.timeoutMs);
      chosen.send({ msgid, resolve, reject, timer }, this.encoder.encode([0, msgid, method, params]));
    });
  }

  close(): void {
    for (const conn of this.all) conn.socket.destroy();
    this.idle.length = 0;
  }
}
