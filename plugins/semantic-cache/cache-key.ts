import { requestRoute } from '../core/request-route';
import { createHash } from 'node:crypto';
import type { KongPDK } from '../core/kong-pdk';
import type { InstanceMeta } from '../core/instance-config';
import type { RequestContext } from '../core/request-context';
import { contentText, isTextPart } from '../core/providers/openai-types';
import { selectedPositions, systemText, type PromptSelection } from '../core/prompt-text';
import type { CacheConfig } from './config';

/**
 * Where an entry lives and what identifies it. The scope keeps tenants apart
 * (route, model, consumer, system prompt) and also folds in the parameters that
 * change an answer's shape, so a JSON-mode answer is never served as prose.
 */
/**
 * Request fields that do not change what an answer says: the prompt (read apart), the model (a scope dimension), the
 * temperature (`bypass_temperature_above` governs it), delivery, identity and bookkeeping. Every other field shapes the
 * answer and is part of the scope, known here or not: response_format, tools, max_tokens, seed, and a provider's own
 * knobs (vLLM's top_k and guided_choice, Mistral's random_seed), which llm-proxy passes on.
 */
const NOT_ANSWER_SHAPING = new Set([
  'messages', 'model', 'temperature', 'n', 'stream', 'stream_options', 'user', 'safety_identifier', 'prompt_cache_key', 'prompt_cache_retention',
  'metadata', 'store', 'service_tier',
  // Tracing and session ids clients add of their own (LangChain, LiteLLM-style SDKs).
  'session_id', 'trace_id', 'request_id', 'tags',
]);

function answerShaping(body: Record<string, unknown>): unknown {
  return canonical(Object.fromEntries(Object.entries(body).filter(([key]) => !NOT_ANSWER_SHAPING.has(key))));
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export async function cacheScope(kong: KongPDK, ctx: RequestContext, config: CacheConfig, meta: InstanceMeta, body: Record<string, unknown>): Promise<string> {
  // Chat and legacy completions never share entries.
  const parts: unknown[] = [config.namespace, Array.isArray(body.messages) ? 'chat' : 'completions'];
  for (const dimension of config.scope) {
    if (dimension === 'route') parts.push(['route', (await requestRoute(kong, ctx, meta))?.id ?? '']);
    // The model: the client's, and the targets semantic-router chose (it runs first), so entries of one route never answer another.
    else if (dimension === 'model') parts.push(['model', typeof body.model === 'string' ? body.model : '', ctx.get<string[]>('router.targets') ?? []]);
    else if (dimension === 'consumer') {
      const [consumer, credential] = await Promise.all([kong.client.getConsumer(), kong.client.getCredential()]);
      parts.push(['consumer', consumer?.id ?? credential?.id ?? '']);
    } else parts.push(['system', systemText(body)]);
  }
  parts.push(answerShaping(body));
  parts.push(conversationAround(body, config.messages));
  // Vectors of another embedding model are no neighbours of these (nor of their length): a new model, a new index.
  // Only what makes the vectors (not a key rotated or a timeout changed).
  const { engine, model, pooling, url } = config.embedding;
  parts.push(config.exact_only ? null : [engine, model ?? null, engine === 'transformers' ? pooling : null, engine === 'openai' ? url ?? null : null]);
  return sha(JSON.stringify(parts));
}

/**
 * What the prompt text leaves out and the answer depends on: the turns the embedded text does not hold (by default all
 * before the last user message: "summarise the text above" follows another text in each conversation; tool calls and
 * their results), and what the last user message carries besides text (a picture, a recording, a document: "what is
 * in this picture?"). Messages are compared as what they say, not as a client happens to serialise them (nulls, empty
 * fields and key order aside: an SDK's dump and a hand-built history are the same conversation).
 */
function conversationAround(body: Record<string, unknown>, selection: PromptSelection): unknown {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const embedded = new Set(selectedPositions(messages, selection));
  // Counted among the conversation's own turns: whether a system prompt stands first is the scope's `system_prompt`.
  let turn = -1;
  const said = messages.flatMap((m, i): Array<Record<string, unknown>> => {
    if (!m || typeof m !== 'object' || ['system', 'developer'].includes(String((m as { role?: unknown }).role))) return [];
    turn++;
    const { content, ...rest } = m as Record<string, unknown>;
    const parts = Array.isArray(content) ? content : [];
    // Text written as parts says what a string says; pictures, recordings and documents are what the text is about.
    const attached = parts.filter((part) => !!part && typeof part === 'object' && !isTextPart(part));
    // An embedded message's text is in the prompt already; what it carries besides is not (its attachments, the
    // participant's name: "what is my name?").
    if (embedded.has(i)) {
      const name = (m as { name?: unknown }).name;
      return attached.length > 0 || name ? [{ turn, attached, name }] : [];
    }
    return [{ ...rest, text: contentText(content), attached }];
  });
  return said.length === 0 ? null : sha(JSON.stringify(canonical(said)));
}

/** A value with nulls, empty strings, arrays and objects left out and object keys sorted. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = canonical((value as Record<string, unknown>)[key]);
    const empty = inner === null || inner === undefined || inner === '' || (Array.isArray(inner) && inner.length === 0) || (typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner as object).length === 0);
    if (!empty) out[key] = inner;
  }
  return out;
}

/**
 * The entry id: one entry per scope and prompt, so an exact repeat is one lookup. Only the blanks around the prompt and
 * its lines are set aside: case and the blanks inside a line may be what the answer is about (code's indentation,
 * "encode 'Secret'").
 */
export function entryId(scope: string, prompt: string): string {
  return sha(`${scope}\n${withoutLineEndBlanks(prompt)}`);
}

/** A prompt without its line endings' kind (CRLF or LF) and the blanks ending its lines or around it. */
export function withoutLineEndBlanks(prompt: string): string {
  // Line by line: a pattern anchored at each line's end backtracks over a long run of blanks (seconds on 60 KB of them).
  return prompt
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}
