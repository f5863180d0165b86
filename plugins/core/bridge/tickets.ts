import { randomFillSync } from 'node:crypto';

/**
 * Single-use tickets: llm-proxy mints one in access and hands it to Kong as a
 * header of the upstream request; the bridge redeems it. A request without a
 * valid ticket never reaches a provider, so when the plugin server is down (and
 * Kong fails open) the route fails closed.
 */
const TICKET_BYTES = 24;
/** Random bytes drawn for 256 tickets at a time, as Node's randomUUID does: one CSPRNG call instead of one per request. */
const pool = Buffer.alloc(TICKET_BYTES * 256);
let poolOffset = pool.length;

function randomTicket(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const ticket = pool.toString('base64url', poolOffset, poolOffset + TICKET_BYTES);
  poolOffset += TICKET_BYTES;
  return ticket;
}

interface Entry {
  contextId: string;
  expiresAt: number;
}

export class TicketBook {
  private readonly tickets = new Map<string, Entry>();

  constructor(private readonly ttlMs = 120_000, private readonly max = 100_000) {}

  mint(contextId: string): string {
    if (this.tickets.size >= this.max) this.sweep(true);
    const ticket = randomTicket();
    this.tickets.set(ticket, { contextId, expiresAt: Date.now() + this.ttlMs });
    return ticket;
  }

  /** The context id the ticket was minted for, once; undefined for unknown, used or expired tickets. */
  redeem(ticket: string | undefined): string | undefined {
    if (!ticket) return undefined;
    const entry = this.tickets.get(ticket);
    if (!entry) return undefined;
    this.tickets.delete(ticket);
    return entry.expiresAt >= Date.now() ? entry.contextId : undefined;
  }

  sweep(force = false): void {
    const now = Date.now();
    for (const [ticket, entry] of this.tickets) {
      if (entry.expiresAt < now || force) this.tickets.delete(ticket);
      if (force && this.tickets.size < this.max / 2) break;
    }
  }

  get size(): number {
    return this.tickets.size;
  }
}
