import type { IncomingMessage } from 'node:http';
import { tooLarge } from '../request-body';

/**
 * The request body Kong forwards to the bridge, read whole up to `maxBytes`. A larger body is
 * drained, not kept, and refused with a 413 once it has been read (the client is still listening).
 */
export function readForwardedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.once('end', () => (size > maxBytes ? reject(tooLarge(size, maxBytes)) : resolve(Buffer.concat(chunks, size))));
    req.once('error', reject);
  });
}
