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

/** JSON from body bytes whose size the caller has already bounded; OpenAI-style errors for empty or malformed bodies. */
export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) throw new GatewayError(400, 'The request body is empty; a JSON object was expected.', 'invalid_json');
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(raw);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayError(400, `The request body is not valid JSON: ${(err as Error).message.slice(0, 120)}`, 'invalid_json');
  }
}

export function tooLarge(bytes: number, maxBytes: number): GatewayError {
  return new GatewayError(413, `The request body is ${bytes} bytes; the limit is ${maxBytes} bytes.`, 'request_too_large');
}
