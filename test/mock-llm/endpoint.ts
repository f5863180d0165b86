/** The contract between the server pipeline and each provider's endpoints. */
import type { Behaviour } from './behaviour';
import { MockHttpError } from './http-error';
import { isObject, type JsonObject } from './json';
import type { Dialect, Inbound } from './dialect';
import type { StreamEncoder, StreamPlan } from './sse';

export interface EndpointInput extends Inbound {
  /** Named groups of the endpoint's path pattern. */
  params: Record<string, string>;
  /** Parsed JSON body (undefined for GET). */
  body: unknown;
}

export interface JsonReply {
  kind: 'json';
  body: unknown;
  /** Tokens generated, to delay plain answers by tokens / rate. */
  tokens?: number;
}

export interface StreamReply {
  kind: 'stream';
  encoder: StreamEncoder;
  plan: StreamPlan;
}

export type Reply = JsonReply | StreamReply;

/** A validated request, ready to answer once its behaviour is known. */
export interface Prepared {
  /** Model used for program matching and the request log. */
  model?: string;
  /** Text searched for `[[mock:…]]` directives (the last user message). */
  directiveText?: string;
  reply(behaviour: Behaviour): Reply;
}

export interface Endpoint {
  method: 'GET' | 'POST';
  /** Matched against the path; named groups become `params`. */
  pattern: RegExp;
  dialect: Dialect;
  /** Extra condition when several providers share a path (GET /v1/models). */
  accepts?(inbound: Inbound): boolean;
  /** Validates the request (throwing MockHttpError) and prepares its answer. */
  prepare(input: EndpointInput): Prepared;
}

export function jsonReply(body: unknown): JsonReply {
  return { kind: 'json', body };
}

/** The body as a JSON object, or a 400 in the provider's format. */
export function bodyObject(input: EndpointInput): JsonObject {
  if (!isObject(input.body)) throw new MockHttpError(400, 'The request body must be a JSON object.');
  return input.body;
}
