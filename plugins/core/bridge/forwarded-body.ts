import type { IncomingMessage } from 'node:http';
import { tooLarge } from '../request-body';

/**
 * The request body Kong forwards to the bridge, read whole up to `maxBytes`. A body whose
 * declared length is larger is refused at once (and drained); one without a declared length is
 * drained, not kept, and refused once it has been read.
 */
export function readForwardedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge(declared, maxBytes));
  }
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
