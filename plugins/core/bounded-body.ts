import type { Readable } from 'node:stream';

/** How much of a provider's error answer is read: any provider's message fits; the rest is never read. */
export const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * An HTTP answer's body (a provider's, Langfuse's, an embeddings endpoint's) as text, read up to `limit` bytes. Past
 * it the request is aborted (its connection closes, nothing more is read) and `complete` is false; `text` holds what
 * came before. No endpoint, however broken, makes the suite process hold more than that.
 */
export async function readUpTo(body: Readable, limit: number): Promise<{ text: string; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const piece = chunk as Buffer;
    if (size + piece.length > limit) {
      chunks.push(piece.subarray(0, limit - size));
      body.destroy();
      return { text: Buffer.concat(chunks).toString('utf8'), complete: false };
    }
    chunks.push(piece);
    size += piece.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), complete: true };
}
