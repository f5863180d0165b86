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

class Connection {
  private chunks: Buffer[] = [];
  pending: Pending | undefined;
  closed = false;

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
    const [, msgid, error, result] = message as [number, number, string | null, unknown];
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    if (msgid !== pending.msgid) {
      pending.reject(new RpcError(`msgid mismatch: sent ${pending.msgid}, got ${msgid}`));
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
        chosen.pending = undefined;
        chosen.socket.destroy();
        reject(new RpcError('timeout'));
      }, this.timeoutMs);
      chosen.pending = { msgid, resolve, reject, timer };
      chosen.socket.write(this.encoder.encode([0, msgid, method, params]));
    });
  }

  close(): void {
    for (const conn of this.all) conn.socket.destroy();
    this.idle.length = 0;
  }
}
