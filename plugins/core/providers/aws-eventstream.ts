import { crc32 } from 'node:zlib';
import { redactSecrets } from '../redact';
import { providerErrorMessage } from './error-message';
import { ProviderStreamError } from './types';

/**
 * AWS's binary event-stream framing (application/vnd.amazon.eventstream), used by
 * Bedrock's ConverseStream: each message is [total length u32][headers length u32]
 * [prelude CRC32][headers][payload][message CRC32], big-endian; headers are
 * name-length u8, name, type u8 (7 = string), value-length u16, value.
 */
export interface EventStreamMessage {
  headers: Record<string, string>;
  payload: Buffer;
}

export function encodeEventStream(message: EventStreamMessage): Buffer {
  const headerParts: Buffer[] = [];
  for (const [name, value] of Object.entries(message.headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + n.length + 1 + 2);
    head.writeUInt8(n.length, 0);
    n.copy(head, 1);
    head.writeUInt8(7, 1 + n.length);
    head.writeUInt16BE(v.length, 2 + n.length);
    headerParts.push(head, v);
  }
  const headers = Buffer.concat(headerParts);
  const total = 12 + headers.length + message.payload.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headers.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  headers.copy(out, 12);
  message.payload.copy(out, 12 + headers.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

function decodeHeaders(buffer: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let offset = 0;
  while (offset < buffer.length) {
    const nameLength = buffer.readUInt8(offset);
    const name = buffer.toString('utf8', offset + 1, offset + 1 + nameLength);
    offset += 1 + nameLength;
    const type = buffer.readUInt8(offset);
    offset += 1;
    if (type !== 7) throw new Error(`event-stream header type ${type} is not supported`);
    const valueLength = buffer.readUInt16BE(offset);
    headers[name] = buffer.toString('utf8', offset + 2, offset + 2 + valueLength);
    offset += 2 + valueLength;
  }
  return headers;
}

/** Incremental decoder: feed bytes as they arrive, take whole messages out. */
export class EventStreamDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** `maxFrameBytes`: a frame that says it is longer is refused before it is buffered. */
  constructor(private readonly maxFrameBytes = Infinity) {}

  push(chunk: Buffer): EventStreamMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: EventStreamMessage[] = [];
    while (this.pending.length >= 12) {
      const total = this.pending.readUInt32BE(0);
      if (total > this.maxFrameBytes) throw new Error(`an event-stream frame of ${total} bytes is over max_response_body_size (${this.maxFrameBytes} bytes)`);
      if (this.pending.length < total) break;
      const frame = this.pending.subarray(0, total);
      this.pending = this.pending.subarray(total);
      if (crc32(frame.subarray(0, 8)) !== frame.readUInt32BE(8) || crc32(frame.subarray(0, total - 4)) !== frame.readUInt32BE(total - 4)) {
        throw new Error('event-stream message failed its CRC check');
      }
      const headersLength = frame.readUInt32BE(4);
      out.push({ headers: decodeHeaders(frame.subarray(12, 12 + headersLength)), payload: Buffer.from(frame.subarray(12 + headersLength, total - 4)) });
    }
    return out;
  }
}

/** The HTTP status an AWS error code stands for (ThrottlingException is Bedrock's 429). */
export function awsErrorStatus(code: string): number {
  if (/Throttling|TooManyRequests/i.test(code)) return 429;
  if (/Validation/i.test(code)) return 400;
  if (/ServiceUnavailable/i.test(code)) return 503;
  if (/Timeout/i.test(code)) return 408;
  return 500;
}

/**
 * The error a frame carries, if it is one: an `exception` (its type in `:exception-type`, its message in the JSON
 * payload) or an `error` (`:error-code` and `:error-message`).
 */
export function frameError(message: EventStreamMessage): ProviderStreamError | undefined {
  const type = message.headers[':message-type'];
  if (type !== 'exception' && type !== 'error') return undefined;
  const code = (type === 'exception' ? message.headers[':exception-type'] : message.headers[':error-code']) ?? type;
  let said = message.headers[':error-message'];
  if (type === 'exception') {
    let body: unknown = message.payload.toString('utf8');
    try {
      body = JSON.parse(body as string);
    } catch {
      /* said as plain text */
    }
    said = typeof body === 'string' ? body.slice(0, 300) : providerErrorMessage(awsErrorStatus(code), body);
  }
  return new ProviderStreamError(redactSecrets(`${code}: ${said ?? 'no message'}`), awsErrorStatus(code));
}
