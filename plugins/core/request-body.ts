import type { KongPDK } from './kong-pdk';
import { GatewayError } from './openai-error';
import type { RequestContext } from './request-context';

/**
 * The request body, read from Kong once per request and parsed once, whichever
 * suite plugin gets there first; the others find it in the request context.
 */
const RAW = 'body.raw';
const JSON_KEY = 'body.json';

export async function readRawBody(kong: KongPDK, ctx: RequestContext): Promise<Buffer> {
  const cached = ctx.get<Buffer>(RAW);
  if (cached) return cached;
  const body = await kong.request.getRawBody();
  if (body === undefined || body === null) {
    throw new GatewayError(413, 'The request body could not be read: it is larger than the gateway accepts.', 'request_too_large');
  }
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body as unknown as string);
  ctx.set(RAW, buffer);
  return buffer;
}

/** Parses the body as JSON, with OpenAI-style errors for empty, oversized or malformed bodies. */
export async function readJsonBody(kong: KongPDK, ctx: RequestContext, maxBytes: number): Promise<unknown> {
  const raw = await readRawBody(kong, ctx);
  // Each plugin's own limit holds, whichever plugin parsed the body first.
  if (raw.length > maxBytes) throw tooLarge(raw.length, maxBytes);
  if (ctx.data.has(JSON_KEY)) return ctx.get(JSON_KEY);
  const parsed = parseJsonBody(raw);
  ctx.set(JSON_KEY, parsed);
  return parsed;
}

/** The body a suite plugin already parsed on this request, if any (what Kong forwards upstream). */
export function parsedBody(ctx: RequestContext): { value: unknown } | undefined {
  return ctx.data.has(JSON_KEY) ? { value: ctx.get(JSON_KEY) } : undefined;
}

/** Replaces the parsed body later plugins and the bridge read (a sanitized copy of it). */
export function setParsedBody(ctx: RequestContext, value: unknown): void {
  ctx.set(JSON_KEY, value);
}

/** Deeper JSON is refused: no request needs it, and copying or serializing it would overflow the stack. */
const MAX_DEPTH = 512;

/**
 * JSON from body bytes whose size the caller has already bounded; OpenAI-style errors for empty, compressed,
 * malformed or too deeply nested bodies. UTF-8 (a BOM allowed), or UTF-16 when its BOM says so.
 */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw new GatewayError(400, 'The request body is empty; a JSON object was expected.', 'invalid_json');
  if (raw[0] === 0x1f && raw[1] === 0x8b) throw new GatewayError(415, 'The request body is gzip-compressed; send it as plain JSON.', 'unsupported_encoding');
  const encoding = raw[0] === 0xff && raw[1] === 0xfe ? 'utf-16le' : raw[0] === 0xfe && raw[1] === 0xff ? 'utf-16be' : 'utf-8';
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // V8 quotes the body around the fault, and the body may hold PII: only the fault's kind is told.
    const fault = (err as Error).message.split('"')[0]!.replace(/[,:.\s]+$/, '');
    throw new GatewayError(400, `The request body is not valid JSON: ${fault.slice(0, 120)}.`, 'invalid_json');
  }
  if (text.length > MAX_DEPTH && nestingDepth(text) > MAX_DEPTH) throw new GatewayError(400, `The request body nests more than ${MAX_DEPTH} levels deep.`, 'invalid_json');
  return parsed;
}

/** How deep the objects and arrays of JSON text nest (brackets inside strings left out); stops past the limit. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length && deepest <= MAX_DEPTH; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export function tooLarge(bytes: number, maxBytes: number): GatewayError {
  return new GatewayError(413, `The request body is ${bytes} bytes; the limit is ${maxBytes} bytes.`, 'request_too_large');
}
