import { pipeline, Readable, type Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { Dispatcher } from 'undici';
import { AttemptError } from './attempt-failure';

/**
 * The encodings the bridge asks providers for. DEFLATE inflates at most about 1,000 times; Brotli far more from a
 * small input, so it is not asked for (a bomb would inflate before any bound could stop it).
 */
export const ACCEPT_ENCODING = 'gzip, deflate';

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
};

/** Compressed input goes to the decoder in pieces this small: one piece inflates to at most about 1 MB before back-pressure holds the next. */
const PIECE_BYTES = 1024;

async function* pieces(body: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    for (let at = 0; at < buffer.length; at += PIECE_BYTES) yield buffer.subarray(at, at + PIECE_BYTES);
  }
}

/**
 * The provider's body as it meant it, decoded as its content-encoding says. Decoding goes only as far as the reader
 * reads: a bounded read (readUpTo, the stream's event bound) stays bounded on the decoded bytes, and destroying the
 * decoded body destroys the provider's.
 */
export function decodedBody(upstream: Dispatcher.ResponseData, targetName: string): Readable {
  const header = upstream.headers['content-encoding'];
  const encodings = String(Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',')
    .map((encoding) => encoding.trim().toLowerCase())
    .filter((encoding) => encoding !== '' && encoding !== 'identity');
  if (encodings.length === 0) return upstream.body;
  const unknown = encodings.find((encoding) => !DECODERS[encoding]);
  if (unknown !== undefined) {
    // Destroyed unread, the body emits an abort error: with no one listening, that would end the process.
    upstream.body.on('error', () => undefined).destroy();
    throw new AttemptError({ kind: 'protocol', status: 502, message: `The provider (${targetName}) answered in an encoding it was not asked for (${unknown}).`, retryable: true, code: 'provider_error' });
  }
  const decoders = encodings.reverse().map((encoding) => DECODERS[encoding]!());
  return pipeline([Readable.from(pieces(upstream.body)), ...decoders], () => undefined) as unknown as Readable;
}
