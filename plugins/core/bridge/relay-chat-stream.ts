import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { redactSecrets } from '../redact';
import { PROVIDERS, type Provider } from '../providers';
import { OTHER_ANSWER_TEXTS, type ChatChunk, type ToolCall } from '../providers/openai-types';
import { ProviderStreamError, type StreamEvent } from '../providers/types';
import { AttemptError, truncatedEvent, unansweredStream } from './attempt-failure';
import { withoutTargetSecrets } from './target-secrets';
import { estimatedUsage, writtenText } from './accounting';
import { dropUnscannedFields, TransformChain, TransformChains } from './transform-chain';
import { sseData, write } from './client-writer';
import { streamFeeder } from './stream-feeder';
import { drainBound } from './drain-bound';
import type { LegacyCall } from './relay-whole';
import type { AttemptContext, AttemptResult } from './call-target';

/** Usage goes to the client once, in the bridge's own chunk at the end, whichever chunks the provider put it on. */
function withoutUsage(chunk: ChatChunk): ChatChunk {
  const { usage: _usage, ...relayed } = chunk;
  return relayed;
}

/** A chunk that carries nothing but the assistant's role. */
function isRoleOnly(chunk: ChatChunk): boolean {
  const choice = chunk.choices[0];
  if (chunk.choices.length !== 1 || !choice || choice.finish_reason) return false;
  const { role, content, tool_calls: toolCalls, ...rest } = choice.delta as Record<string, unknown>;
  // OpenAI and Azure open with {"role": "assistant", "content": "", "refusal": null}: empty fields (and Azure's empty
  // content_filter_results) say nothing yet.
  const says = (value: unknown) =>
    value !== null && value !== undefined && value !== '' && !(typeof value === 'object' && Object.keys(value as object).length === 0);
  return role !== undefined && !content && !says(toolCalls) && !Object.values(rest).some(says);
}

export async function relayChatStream(
  a: AttemptContext,
  body: Readable,
  started: number,
  controller: AbortController,
  /** Whose stream format the body is in: the target's provider, or OpenAI's for a whole answer made a stream. */
  format: Pick<Provider, 'streamTranslator' | 'streamFraming'> = PROVIDERS[a.target.provider],
): Promise<AttemptResult> {
  const { plan, target, res } = a;
  const translator = format.streamTranslator(target, `chatcmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  const events: StreamEvent[] = [];
  const feed = streamFeeder(format.streamFraming ?? 'sse', events, plan.maxResponseBodyBytes);
  let headersSent = false;
  let ttftMs: number | undefined;
  let upstreamWaitMs = 0;
  let recordedText = '';
  const chain = new TransformChain(a.transforms);
  // Reasoning and refusals are texts of their own, and so are each tool call's arguments: one chain each.
  const otherChains = new TransformChains<string>(a.transforms, (field) => field);
  const toolChains = new TransformChains<number>(a.toolTransforms);
  const functionChains = new TransformChains<'function_call'>(a.toolTransforms);
  /** Reasoning and refusals as recorded (for the trace and the cache), by field. */
  const recordedOthers: Record<string, string> = {};
  let last: ChatChunk | undefined;
  const toolCalls: Record<number, { id?: string; name?: string; arguments: string }> = {};
  let functionCall: { name?: string; arguments: string } | undefined;
  let finish: string | null = null;
  let timedOut = false;
  const firstToken = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(0, plan.balancer.firstTokenTimeoutMs - (performance.now() - started)));

  // The chunk that only announces the assistant's role waits, with the response headers, for the
  // first content, tool call or finish: an error event right after it (Anthropic's overloaded_error
  // after a 200, a Bedrock throttlingException frame) can then still be retried or fall back.
  let heldRole: ChatChunk | undefined;
  // Text, reasoning or a tool call: the model has begun to answer, however long it thinks before its content.
  const tokenSeen = () => {
    if (ttftMs !== undefined) return;
    ttftMs = performance.now() - started;
    clearTimeout(firstToken);
  };
  const emit = async (chunk: ChatChunk) => {
    if (!headersSent && isRoleOnly(chunk)) {
      heldRole = chunk;
      return;
    }
    if (!headersSent) {
      upstreamWaitMs = performance.now() - started;
      res.writeHead(200, a.headers({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' }));
      headersSent = true;
      if (heldRole) await write(res, sseData(withoutUsage(heldRole)));
    }
    await write(res, sseData(withoutUsage(chunk)));
  };

  // What the transforms still hold, each tool call's and then the content's, as chunks to send: taken once, at the
  // finish or when the stream ends without one.
  let flushed = false;
  const tailChunks = (template: ChatChunk): ChatChunk[] => {
    if (flushed) return [];
    flushed = true;
    const chunks: ChatChunk[] = [];
    for (const [field, otherChain] of otherChains.take()) {
      const tail = otherChain.flush();
      recordedOthers[field] = (recordedOthers[field] ?? '') + tail.recorded;
      if (tail.client) chunks.push({ ...template, choices: [{ index: 0, delta: { [field]: tail.client } as ChatChunk['choices'][number]['delta'], finish_reason: null }] });
    }
    for (const [index, toolChain] of toolChains.take((x, y) => x - y)) {
      const tail = toolChain.flush();
      if (toolCalls[index]) toolCalls[index].arguments += tail.recorded;
      if (tail.client) chunks.push({ ...template, choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: tail.client } as ToolCall['function'] }] }, finish_reason: null }] });
    }
    for (const [, functionChain] of functionChains.take()) {
      const tail = functionChain.flush();
      functionCall!.arguments += tail.recorded;
      if (tail.client) chunks.push({ ...template, choices: [{ index: 0, delta: { function_call: { arguments: tail.client } } as ChatChunk['choices'][number]['delta'], finish_reason: null }] });
    }
    const tail = chain.flush();
    recordedText += tail.recorded;
    if (tail.client) chunks.push({ ...template, choices: [{ index: 0, delta: { content: tail.client }, finish_reason: null }] });
    return chunks;
  };

  // Each choice that began and each that finished: a stream that ends cleanly once all have finished is complete,
  // with or without the provider's own end marker ([DONE], message_stop, Bedrock's metadata).
  const begun = new Set<number>();
  const finished = new Set<number>();
  const relayEvents = async () => {
    for (const event of events.splice(0)) {
      if (event.error) throw event.error;
      const ended = translator.done;
      const chunks = translator.push(event);
      // After the end marker, the translator only learns (late usage): nothing more goes to the client.
      if (ended) continue;
      for (const chunk of chunks) {
        for (const c of chunk.choices) (c.finish_reason ? finished : begun).add(c.index);
        if (chunk.choices.length === 0) continue; // the provider's usage chunk; ours comes at the end
        const choice = chunk.choices[0];
        if (typeof choice.delta.content === 'string' && choice.delta.content) {
          const piece = chain.push(choice.delta.content);
          choice.delta.content = piece.client;
          recordedText += piece.recorded;
          tokenSeen();
        }
        const delta = choice.delta as Record<string, unknown>;
        for (const field of OTHER_ANSWER_TEXTS) {
          if (typeof delta[field] !== 'string' || !delta[field]) continue;
          const piece = otherChains.of(field).push(delta[field] as string);
          delta[field] = piece.client;
          recordedOthers[field] = (recordedOthers[field] ?? '') + piece.recorded;
          tokenSeen();
        }
        if (chain.scans) dropUnscannedFields(delta);
        if (chain.scans && (choice as { logprobs?: unknown }).logprobs) (choice as { logprobs?: unknown }).logprobs = null;
        for (const call of choice.delta.tool_calls ?? []) {
          const slot = (toolCalls[call.index] ??= { arguments: '' });
          if (call.id) slot.id = call.id;
          if (call.function?.name) slot.name = call.function.name;
          if (call.function?.arguments) {
            const piece = toolChains.of(call.index).push(call.function.arguments);
            call.function.arguments = piece.client;
            slot.arguments += piece.recorded;
          }
          tokenSeen();
        }
        const legacy = (choice.delta as LegacyCall).function_call;
        if (legacy) {
          functionCall ??= { arguments: '' };
          if (legacy.name) functionCall.name = legacy.name;
          if (legacy.arguments) {
            const piece = functionChains.of('function_call').push(legacy.arguments);
            legacy.arguments = piece.client;
            functionCall.arguments += piece.recorded;
          }
          tokenSeen();
        }
        if (choice.finish_reason) {
          finish = choice.finish_reason;
          // The finishing chunk's own text goes first, then what the transforms held back, then the finish.
          const tails = tailChunks(chunk);
          last = chunk;
          const carries =
            Boolean(choice.delta.content) || OTHER_ANSWER_TEXTS.some((field) => Boolean(delta[field])) || (choice.delta.tool_calls?.length ?? 0) > 0 || Boolean(legacy);
          if (tails.length > 0 && carries) {
            await emit({ ...chunk, choices: [{ ...choice, finish_reason: null }] });
            for (const tail of tails) await emit(tail);
            await emit({ ...chunk, choices: [{ index: choice.index, delta: {}, finish_reason: choice.finish_reason }] });
          } else {
            for (const tail of tails) await emit(tail);
            await emit(chunk);
          }
          continue;
        }
        last = chunk;
        await emit(chunk);
      }
    }
  };

  let failure: Error | undefined;
  const drain = drainBound(body);
  // Once the answer has ended with the provider's usage, the client gets its last bytes at once; the rest of the body
  // is read behind them (within the drain's bound) for the connection's sake alone.
  let settled = false;
  let settle!: () => void;
  const answerSettled = new Promise<void>((resolve) => (settle = resolve));
  const reading = (async () => {
    try {
      for await (const raw of body) {
        if (translator.done && !drain.allow((raw as Buffer).length)) break;
        if (settled) continue;
        feed.feed(raw as Buffer);
        await relayEvents();
        if (translator.done) {
          drain.start();
          if (translator.usage) {
            settled = true;
            settle();
          }
        }
      }
      if (!translator.done) {
        feed.end();
        await relayEvents();
      }
    } catch (err) {
      // What breaks after the end marker (a body cut while drained) takes nothing from a complete answer.
      if (!translator.done) failure = err instanceof Error ? err : new Error(String(err));
    } finally {
      clearTimeout(firstToken);
      drain.stop();
    }
  })();
  await Promise.race([reading, answerSettled]);
  settled = true;
  const complete = translator.done || (failure === undefined && finished.size > 0 && [...begun].every((i) => finished.has(i)));
  // A stream that ended without a finish still gives the client what the transforms held back.
  if (headersSent || (complete && failure === undefined)) {
    const template = last ?? { id: `chatcmpl-${Date.now().toString(36)}`, object: 'chat.completion.chunk' as const, created: Math.floor(Date.now() / 1000), model: target.model, choices: [] };
    for (const tail of tailChunks(template)) await emit(tail);
  }
  if (!headersSent) {
    // Nothing reached the client yet: this attempt can still be retried or fall back.
    throw new AttemptError(unansweredStream(target.name, timedOut || (failure !== undefined && controller.signal.aborted), failure, complete));
  }
  const message: Record<string, unknown> = { role: 'assistant', content: recordedText || null, ...recordedOthers };
  const calls = Object.entries(toolCalls).map(([, c]) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  if (calls.length > 0) message.tool_calls = calls;
  if (functionCall) message.function_call = functionCall;
  const usage = translator.usage ?? estimatedUsage(plan.request, writtenText(message));
  const usageEstimated = !translator.usage;
  const truncated = !complete;
  await a.spend(usage);
  if (truncated) {
    await write(res, sseData(truncatedEvent(failure instanceof ProviderStreamError ? withoutTargetSecrets(failure.message, target) : undefined)));
  } else {
    if (plan.includeUsage && last) await write(res, sseData({ ...last, choices: [], usage }));
    await write(res, 'data: [DONE]\n\n');
  }
  res.end();
  const response = {
    id: last?.id,
    object: 'chat.completion',
    created: last?.created,
    model: last?.model ?? target.model,
    choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
    usage,
  };
  return { status: 200, usage, usageEstimated, ttftMs, truncated, errorMessage: truncated ? redactSecrets(failure?.message || 'stream cut by the provider') : undefined, response, upstreamWaitMs };
}
