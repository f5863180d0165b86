import { z } from 'zod';
import { GatewayError } from '../../core/openai-error';
import { isJsonObject, notAJsonObject } from '../../core/request-body';
import type { RouteType } from '../../core/providers';
import { chatRequestSchema, completionsRequestSchema, embeddingsRequestSchema } from './request-schemas';

/** Validates a parsed body for the route's type; the first problem becomes a 400 that names the field. */
const SCHEMAS: Record<RouteType, z.ZodType<Record<string, unknown>>> = {
  'llm/v1/chat': chatRequestSchema,
  'llm/v1/completions': completionsRequestSchema,
  'llm/v1/embeddings': embeddingsRequestSchema,
};

/**
 * Requests already validated, by the parsed body they came from: semantic-cache validates the body llm-proxy plans
 * from on the same request, and a large body is read by the schema once.
 */
const validated = new WeakMap<object, Partial<Record<RouteType, Record<string, unknown>>>>();

export function parseRequest(routeType: RouteType, body: unknown): Record<string, unknown> {
  if (!isJsonObject(body)) throw notAJsonObject();
  const known = validated.get(body)?.[routeType];
  if (known) return known;
  const parsed = SCHEMAS[routeType].safeParse(withoutNulls(body));
  if (parsed.success) {
    validated.set(body, { ...validated.get(body), [routeType]: parsed.data });
    return parsed.data;
  }
  const issue = mostSpecific(parsed.error.issues[0]);
  const param = issue.path.join('.') || null;
  const where = param ? `'${param}'` : 'the request';
  throw new GatewayError(400, `Invalid value for ${where}: ${issue.message}`, 'invalid_value', param);
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][] };

/**
 * A value that matched none of a union's forms (a content part) is told by the form it came closest to: the deepest
 * problem ("messages.0.content.1.image_url.url: …"), not zod's bare "Invalid input".
 */
function mostSpecific(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  const branches = issue.errors.map((branch) => branch.map((inner) => mostSpecific({ ...inner, path: [...issue.path, ...inner.path] })));
  // A form whose `type` matched the value's says what is wrong with it; the others only that the type differs.
  const typeMismatch = (found: Issue) => found.path.length === issue.path.length + 1 && found.path.at(-1) === 'type';
  const matched = branches.filter((branch) => !branch.some(typeMismatch));
  const pool = (matched.length > 0 ? matched : branches).flat();
  return pool.reduce((best, found) => (found.path.length > best.path.length ? found : best), pool[0] ?? issue);
}

/**
 * A null means "not set" in OpenAI's API, at the top ("stream": null) and in a message a client echoes back ("tool_calls":
 * null, "refusal": null, as SDKs dump them); Anthropic, Gemini, Bedrock and Cohere refuse it (`stop: null` became
 * `[null]`). A message's null content stays: it is an assistant's turn that only calls tools.
 */
function withoutNulls(request: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== null));
  if (Array.isArray(kept.messages)) {
    kept.messages = kept.messages.map((message: unknown) =>
      message !== null && typeof message === 'object' && !Array.isArray(message)
        ? Object.fromEntries(Object.entries(message).filter(([key, value]) => value !== null || key === 'content'))
        : message,
    );
  }
  return kept;
}
