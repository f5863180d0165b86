import type { Readable } from 'node:stream';

/** How long and how much more of a provider's body is read after its end marker. */
const DRAIN_MS = 500;
const DRAIN_BYTES = 64 * 1024;

/**
 * Reading on past the provider's end marker to the body's end lets its connection go back to the pool (a body left
 * unread is destroyed with its connection), and keeps what a provider sends after the marker (Gemini's usage). A
 * provider that goes on too long or too much after it has its body destroyed all the same.
 */
export function drainBound(body: Readable): { start(): void; allow(bytes: number): boolean; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let left = DRAIN_BYTES;
  return {
    start: () => {
      timer ??= setTimeout(() => body.destroy(), DRAIN_MS);
    },
    allow: (bytes) => (left -= bytes) >= 0,
    stop: () => clearTimeout(timer),
  };
}
