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
  if (ctx.data.has(JSON_KEY)) return ctx.get(JSON_KEY);
  const raw = await readRawBody(kong, ctx);
  if (raw.length > maxBytes) {
    throw new GatewayError(413, `The request body is ${raw.length} bytes; the limit is ${maxBytes} bytes.`, 'request_too_large');
  }
  if (raw.length === 0) throw new GatewayError(400, 'The request body is empty; a JSON object was expected.', 'invalid_json');
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(raw);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new GatewayError(400, `The request body is not valid JSON: ${(err as Error).message.slice(0, 120)}`, 'invalid_json');
  }
  ctx.set(JSON_KEY, parsed);
  return parsed;
}
