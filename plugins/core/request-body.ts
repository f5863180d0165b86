import type { KongPDK } from './kong-pdk';
import { GatewayError } from './openai-error';
import { markedEncoding, strictUtf8 } from './utf8';
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
  let parsed: unknown;
  try {
    parsed = parseJsonBody(raw);
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err;
    // Read as UTF-8 the body failed: its headers may say why (a charset, a compression), asked only now.
    const [contentType, contentEncoding] = await Promise.all([kong.request.getHeader('content-type'), kong.request.getHeader('content-encoding')]);
    if (!contentType && !contentEncoding) throw err;
    parsed = parseJsonBody(raw, { contentType, contentEncoding });
  }
  ctx.set(JSON_KEY, parsed);
  return parsed;
}

/** What a request's headers declare about its body's bytes. */
export interface DeclaredBody {
  contentType?: string | null;
  contentEncoding?: string | null;
}

/**
 * The body as a JSON object: the guard and the sanitizer cannot judge another shape (an array, a string) and must not
 * pass it on unread, and llm-proxy refuses it too.
 */
export async function readJsonObject(kong: KongPDK, ctx: RequestContext, maxBytes: number): Promise<Record<string, unknown>> {
  const body = await readJsonBody(kong, ctx, maxBytes);
  if (!isJsonObject(body)) throw notAJsonObject();
  return body;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function notAJsonObject(): GatewayError {
  return new GatewayError(400, 'The request body must be a JSON object.', 'invalid_request');
}

/** The body a suite plugin already parsed on this request, if any (what Kong forwards upstream). */
export function parsedBody(ctx: RequestContext): { value: unknown } | undefined {
  return ctx.data.has(JSON_KEY) ? { value: ctx.get(JSON_KEY) } : undefined;
}

/** Sends `value` on in place of the client's body (a sanitized copy of it): what later plugins, Kong and the bridge read. */
export async function forwardBody(kong: KongPDK, ctx: RequestContext, value: unknown): Promise<void> {
  const raw = Buffer.from(JSON.stringify(value));
  ctx.set(JSON_KEY, value);
  ctx.set(RAW, raw);
  await kong.service.request.setRawBody(raw.toString('utf8'));
}

/** The bytes Kong forwards upstream as far as the suite knows (the client's, or what a suite plugin sent on), if read. */
export function knownBodyBytes(ctx: RequestContext): Buffer | undefined {
  return ctx.get<Buffer>(RAW);
}

/** Deeper JSON is refused: no request needs it, and copying or serializing it would overflow the stack. */
const MAX_DEPTH = 512;

/** The first bytes of gzip, zlib (deflate) and zstd streams. */
const COMPRESSED = /^(?:\x1f\x8b|\x78[\x01\x5e\x9c\xda]|\x28\xb5\x2f\xfd)/;

/** The charset a Content-Type names, lower-cased, or undefined. */
function charsetOf(contentType: string | null | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/**
 * Body bytes as text: UTF-16 when a BOM says so, UTF-8 when they are valid UTF-8 (whatever a label says: a client
 * that labels UTF-8 as Latin-1 is common, and valid UTF-8 by chance is not), else the declared charset. Every plugin
 * and the bridge decode alike, whichever reads the body first.
 */
function decodeBody(raw: Buffer, declared: DeclaredBody): string {
  const marked = markedEncoding(raw);
  if (marked === 'utf16le' || marked === 'utf16be') return new TextDecoder(marked === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(raw);
  const charset = charsetOf(declared.contentType) ?? 'utf-8';
  // UTF-16 and UTF-32 of ASCII text are valid UTF-8 too (a NUL after each letter): their label is believed.
  // Not UTF-8: the declared charset, if any, says what it is.
  const utf8 = /^utf-?(?:16|32)/.test(charset) ? undefined : strictUtf8(raw);
  if (utf8 !== undefined) return utf8;
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new GatewayError(415, 'The request body declares a charset the gateway does not read; send it as UTF-8.', 'unsupported_encoding');
  }
  try {
    return decoder.decode(raw);
  } catch {
    // Nothing is guessed: a byte read as the wrong character could hide a value from the sanitizer.
    throw new GatewayError(400, `The request body is not valid ${decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding}; send UTF-8 or declare the charset in Content-Type.`, 'invalid_encoding');
  }
}

/**
 * JSON from body bytes whose size the caller has already bounded; OpenAI-style errors for empty, compressed,
 * wrongly encoded, malformed or too deeply nested bodies. UTF-8 (a BOM allowed), UTF-16 when its BOM says so, or the
 * charset `declared` names.
 */
export function parseJsonBody(raw: Buffer, declared: DeclaredBody = {}): unknown {
  if (raw.length === 0) throw new GatewayError(400, 'The request body is empty; a JSON object was expected.', 'invalid_json');
  const encoding = declared.contentEncoding?.trim().toLowerCase();
  // Sniffed only in bytes that are no UTF-8 text: a zlib header is two ASCII letters ("x^"), and text that starts so is no compression.
  const sniffed = COMPRESSED.test(raw.subarray(0, 4).toString('latin1')) && strictUtf8(raw) === undefined;
  if ((encoding && encoding !== 'identity') || sniffed) {
    throw new GatewayError(415, `The request body is compressed${encoding && encoding !== 'identity' ? ` (${encoding.slice(0, 20)})` : ''}; send it as plain JSON.`, 'unsupported_encoding');
  }
  const text = decodeBody(raw, declared);
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
