/**
 * The response side of one request: writes with back-pressure, sleeps, and
 * stops everything (by throwing ClientGone) as soon as the client goes away
 * or the server closes.
 */
import { once } from 'node:events';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

export class ClientGone extends Error {
  constructor() {
    super('client went away');
    this.name = 'ClientGone';
  }
}

/** setTimeout's limit; hanging waits in slices of this. */
const MAX_TIMER_MS = 2_147_483_647;

export class Outlet {
  private lastFlush: Promise<void> = Promise.resolve();

  constructor(
    readonly res: ServerResponse,
    readonly signal: AbortSignal,
  ) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  async sleep(ms: number): Promise<void> {
    this.check();
    if (ms <= 0) return;
    try {
      await delay(ms, undefined, { signal: this.signal });
    } catch {
      throw new ClientGone();
    }
  }

  /** Waits until the client goes away (for `hang`). */
  async waitUntilGone(): Promise<never> {
    for (;;) await this.sleep(MAX_TIMER_MS);
  }

  writeHead(status: number, headers: OutgoingHttpHeaders): void {
    this.check();
    this.res.writeHead(status, headers);
  }

  /** One write; waits for 'drain' when the socket buffer is full. */
  async write(chunk: string | Buffer): Promise<void> {
    this.check();
    let ok = true;
    this.lastFlush = new Promise((resolve) => {
      ok = this.res.write(chunk, () => resolve());
    });
    if (!ok) {
      try {
        await once(this.res, 'drain', { signal: this.signal });
      } catch {
        throw new ClientGone();
      }
    }
  }

  end(chunk?: string | Buffer): void {
    this.check();
    if (chunk === undefined || chunk.length === 0) this.res.end();
    else this.res.end(chunk);
  }

  /** Lets what was written reach the client, then destroys the connection mid-response. */
  async cut(): Promise<void> {
    if (!this.signal.aborted) {
      const giveUp = delay(1000, undefined, { signal: this.signal, ref: false }).catch(() => undefined);
      await Promise.race([this.lastFlush, giveUp]);
    }
    this.res.destroy();
  }

  private check(): void {
    if (this.signal.aborted) throw new ClientGone();
  }
}
