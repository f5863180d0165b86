import { createHash } from 'node:crypto';
import type { KongPDK } from '../core/kong-pdk';
import type { InstanceMeta } from '../core/instance-config';
import type { RequestContext } from '../core/request-context';
import { systemText } from '../core/prompt-text';
import type { CacheConfig } from './config';

/**
 * Where an entry lives and what identifies it. The scope keeps tenants apart
 * (route, model, consumer, system prompt) and also folds in the parameters that
 * change an answer's shape, so a JSON-mode answer is never served as prose.
 */
const ANSWER_SHAPING = [
  'response_format',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'logprobs',
  'top_logprobs',
  'modalities',
  'audio',
  // The tools offered and how they may be called (with cache_tool_requests): a text answer is no answer to "call a tool".
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  // How much the model reasons, and how it samples beyond the temperature bypass_temperature_above governs.
  'reasoning_effort',
  'reasoning',
  'verbosity',
  'top_p',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'prediction',
  'web_search_options',
];

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export async function cacheScope(kong: KongPDK, ctx: RequestContext, config: CacheConfig, meta: InstanceMeta, body: Record<string, unknown>): Promise<string> {
  // Chat and legacy completions never share entries.
  const parts: unknown[] = [config.namespace, Array.isArray(body.messages) ? 'chat' : 'completions'];
  for (const dimension of config.scope) {
    if (dimension === 'route') parts.push(['route', meta.routeId ?? (await kong.router.getRoute())?.id ?? '']);
    // The model: the client's, and the targets semantic-router chose (it runs first), so entries of one route never answer another.
    else if (dimension === 'model') parts.push(['model', typeof body.model === 'string' ? body.model : '', ctx.get<string[]>('router.targets') ?? []]);
    else if (dimension === 'consumer') {
      const [consumer, credential] = await Promise.all([kong.client.getConsumer(), kong.client.getCredential()]);
      parts.push(['consumer', consumer?.id ?? credential?.id ?? '']);
    } else parts.push(['system', systemText(body)]);
  }
  parts.push(ANSWER_SHAPING.map((k) => body[k] ?? null));
  parts.push(conversationAround(body, config.messages.last_messages > 1));
  // Vectors of another embedding model are no neighbours of these (nor of their length): a new model, a new index.
  parts.push(config.exact_only ? null : config.embedding);
  return sha(JSON.stringify(parts));
}

/**
 * What the prompt text leaves out and the answer depends on: the turns before the last user message ("summarise the
 * text above" follows another text in each conversation; tool calls and their results), unless the config has earlier
 * turns embedded with it (`messages.last_messages`), and what the last message carries besides text (a picture, a
 * recording, a document: "what is in this picture?").
 */
function conversationAround(body: Record<string, unknown>, historyEmbedded: boolean): unknown {
  const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const isUser = (m: unknown) => !!m && typeof m === 'object' && (m as { role?: unknown }).role === 'user';
  const last = messages.map(isUser).lastIndexOf(true);
  const earlier = historyEmbedded ? [] : messages.slice(0, Math.max(0, last)).filter((m) => !!m && typeof m === 'object' && !['system', 'developer'].includes(String((m as { role?: unknown }).role)));
  const after = last >= 0 ? messages.slice(last + 1) : [];
  const content = last >= 0 ? (messages[last] as { content?: unknown }).content : undefined;
  const attached = Array.isArray(content) ? content.filter((part) => !!part && typeof part === 'object' && !['text', 'input_text'].includes(String((part as { type?: unknown }).type))) : [];
  return earlier.length + after.length + attached.length === 0 ? null : sha(JSON.stringify([earlier, after, attached]));
}

/**
 * The entry id: one entry per scope and prompt, so an exact repeat is one lookup. Only the blanks around the prompt are
 * set aside: case and the blanks inside it may be what the answer is about (code's indentation, "encode 'Secret'").
 */
export function entryId(scope: string, prompt: string): string {
  return sha(`${scope}\n${prompt.trim()}`);
}
