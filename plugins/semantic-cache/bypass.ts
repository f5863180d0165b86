import type { CacheConfig } from './config';
import type { CacheDirectives } from './cache-control';

/**
 * Why a request must not be answered from the cache nor written to it, if it
 * must not. Reasons are short codes for logs and traces.
 */
export function bypassReason(config: CacheConfig, body: Record<string, unknown>, directives: CacheDirectives, bypassHeader: boolean, guardFlagged: boolean): string | undefined {
  if (bypassHeader) return 'header';
  // A prompt prompt-guard let through flagged (an injection under action: flag) may have turned the model: its answer
  // is kept for no one (a paraphrase by someone else would be served it), and it is not answered from an entry either.
  if (guardFlagged) return 'guard-flag';
  // Chat completions only: a legacy completion's or an embedding's answer is never stored, so never looked up.
  if (!Array.isArray(body.messages)) return 'not-chat';
  if (config.respect_cache_control && directives.noStore) return 'no-store';
  if (typeof body.n === 'number' && body.n > 1) return 'n';
  // A replay carries no token log probabilities in the other mode, and a stream records none.
  if (body.logprobs === true || typeof body.top_logprobs === 'number') return 'logprobs';
  const temperature = body.temperature;
  if (config.bypass_temperature_above !== undefined && typeof temperature === 'number' && temperature > config.bypass_temperature_above) return 'temperature';
  if (!config.cache_tool_requests) {
    if (Array.isArray(body.tools) && body.tools.length > 0) return 'tools';
    if (Array.isArray(body.functions) && body.functions.length > 0) return 'tools';
    const messages = Array.isArray(body.messages) ? body.messages : [];
    // Tool results and calls in the conversation, in today's form and the legacy one (role "function", function_call).
    const toolTurn = (m: { role?: unknown; tool_calls?: unknown; function_call?: unknown }) => m.role === 'tool' || m.role === 'function' || m.tool_calls || m.function_call;
    if (messages.some((m) => m && typeof m === 'object' && toolTurn(m as Record<string, unknown>))) return 'tools';
  }
  return undefined;
}
