import { requestRoute } from '../core/request-route';
import { scopeOf } from '../core/instance-scopes';
import { cachedAnswerForm } from '../core/streaming-policy';
import { parseRequest } from '../llm-proxy/filters/parse-request';
import { addAnswerListener, LLM_MODEL_HEADER, textTransforms } from '../core/bridge/answer-hooks';
import { SERVED_ANSWER_KEY } from '../core/bridge/plan';
import { GUARD_VERDICT_KEY, recordDecision } from '../core/decisions';
import { setLogField } from '../core/log-field';
import { getEmbedder } from '../core/embeddings';
import { definePlugin } from '../core/plugin-base';
import { promptText } from '../core/prompt-text';
import { redisUrlFrom } from '../core/redis';
import { readJsonBody, readRawBody } from '../core/request-body';
import { headerList, readHeaders } from '../core/request-headers';
import { replayJson, replaySse } from './answer-replay';
import { bypassReason } from './bypass';
import { parseCacheControl } from './cache-control';
import { cacheScope, entryId } from './cache-key';
import { cacheStoreFor } from './cache-store';
import { configSchema } from './config';
import { countLookup } from './cache-metrics';
import { findSemantic } from './semantic-lookup';
import { writeBack } from './write-back';

/**
 * semantic-cache: answers a prompt seen before (exactly, or in other words) from
 * the cache, in-process, without calling a model; otherwise lets the request
 * through and stores the complete answer the bridge saw. X-Cache-Status tells
 * the client which (Hit, Miss, Bypass, Refresh); Age how old a hit is.
 */
function validChatRequest(body: Record<string, unknown>): boolean {
  try {
    parseRequest('llm/v1/chat', body);
    return true;
  } catch {
    return false;
  }
}

export = definePlugin({
  name: 'semantic-cache',
  version: '0.1.0',
  priority: 850,
  config: configSchema,
  onError: 'pass',
  init(config, meta) {
    // The plugin entity's id is the same on every node, so each node bounds the instance's entries alike.
    const owner = meta.pluginId ?? `max_entries:${config.max_entries}`;
    const store = cacheStoreFor(redisUrlFrom(config.redis_url), config.redis_prefix, owner, config.max_entries);
    const embedder = config.exact_only ? undefined : getEmbedder(config.embedding);
    embedder?.ready().catch(() => undefined);
    return { store, embedder, owner };
  },
  async access({ kong, config, state, meta, ctx, respond }) {
    const status = async (value: string, data: Record<string, unknown> = {}, setHeader = true) => {
      countLookup(value);
      if (setHeader) await kong.response.setHeader('X-Cache-Status', value);
      recordDecision(ctx, { plugin: 'semantic-cache', name: 'cache', data: { status: value, ...data } });
      await setLogField(kong, 'ai.cache', { status: value, ...data });
    };
    // Body and headers travel over the socket together.
    const [read, headers] = await Promise.all([
      readJsonBody(kong, ctx, config.max_body_size).then(
        (b) => b,
        () => undefined,
      ),
      readHeaders(kong, ctx),
    ]);
    // Unreadable or oversized: not the cache's to refuse; llm-proxy answers it.
    if (!read || typeof read !== 'object' || Array.isArray(read)) return status('Bypass', { reason: 'body' });
    const body = read as Record<string, unknown>;
    const directives = parseCacheControl(config.respect_cache_control ? headerList(headers, 'cache-control') : undefined);
    const flagged = ctx.get<{ verdict?: string }>(GUARD_VERDICT_KEY)?.verdict === 'flag';
    const reason = bypassReason(config, body, directives, headers[config.bypass_header.toLowerCase()] !== undefined, flagged);
    if (reason) return status('Bypass', { reason });
    // A request llm-proxy would refuse (a temperature of "hot", n of 0) gets its 400 there, never a stored answer.
    if (!validChatRequest(body)) return status('Bypass', { reason: 'invalid' });
    // Streamed, or not, as llm-proxy would answer on this route.
    const bodyBytes = (await readRawBody(kong, ctx)).length;
    const form = await cachedAnswerForm(scopeOf(true, meta), { wantsStream: body.stream === true, bodyBytes }, () => requestRoute(kong, ctx, meta));
    if (form === 'bypass') return status('Bypass', { reason: 'response-streaming' });
    // Blanks around the prompt do not change its entry: the size is llm-proxy's to refuse, never a stored answer's.
    if (form === 'too-large') return status('Bypass', { reason: 'body-size' });
    const stream = form === 'stream';
    // Until this route's llm-proxy has served a request on this node, its answers are stored but none is served.
    const serve = form !== 'unknown';
    const prompt = promptText(body, config.messages);
    if (!prompt.trim()) return status('Bypass', { reason: 'no-prompt' });
    const refresh = config.respect_cache_control && directives.noCache;
    // The embedding runs in a worker while the scope is worked out and the exact entry looked up.
    const vectorPending = refresh ? undefined : state.embedder?.embed(prompt);
    vectorPending?.catch(() => undefined);

    const scope = await cacheScope(kong, ctx, config, meta, body);
    const id = entryId(scope, prompt);
    const oldest = directives.maxAge !== undefined ? Date.now() - directives.maxAge * 1000 : 0;

    let vector: Float32Array | undefined;
    let refused: string | undefined;
    if (!refresh && serve) {
      const exact = await state.store.exact(id);
      const semantic = (exact && exact.storedAt >= oldest) || !vectorPending ? undefined : await findSemantic(state.store, vectorPending, config, scope, prompt, oldest, state.embedder?.read);
      vector = semantic?.vector;
      refused = semantic?.refused;
      const hit = exact && exact.storedAt >= oldest ? { entry: exact, score: 1, kind: 'exact' } : semantic?.hit;
      if (hit?.entry.value?.response) {
        state.store.touch(hit.entry.id);
        const age = Math.max(0, Math.floor((Date.now() - hit.entry.storedAt) / 1000));
        const recorded = status('Hit', { kind: hit.kind, score: Number(hit.score.toFixed(4)), age_s: age }, false);
        // For the trace: what was asked and answered, as stored (sanitized, placeholders not restored).
        const cachedChoice = (hit.entry.value.response.choices as Array<{ message?: unknown }> | undefined)?.[0];
        ctx.set(SERVED_ANSWER_KEY, { input: body.messages, output: cachedChoice?.message });
        const transforms = textTransforms(ctx, 'content');
        const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
        const answer = stream ? replaySse(hit.entry.value.response, transforms, includeUsage) : replayJson(hit.entry.value.response, transforms);
        const answerHeaders: Record<string, string> = { 'X-Cache-Status': 'Hit', Age: String(age) };
        // The provider and model that gave the stored answer, as its live answer said (entries stored before it was kept name none).
        if (hit.entry.value.answeredBy) answerHeaders[LLM_MODEL_HEADER] = hit.entry.value.answeredBy;
        if (stream) Object.assign(answerHeaders, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        // The log field and the answer travel to Kong together.
        await Promise.all([recorded, respond(200, answer, answerHeaders)]);
        return;
      }
    }
    await status(refresh ? 'Refresh' : 'Miss', refused ? { refused } : {});
    const limitAsked = body.max_tokens !== undefined || body.max_completion_tokens !== undefined;
    addAnswerListener(ctx, (record) => writeBack(state.store, state.embedder, config, { id, scope, prompt, refresh, vector, owner: state.owner, limitAsked }, record));
  },
});
