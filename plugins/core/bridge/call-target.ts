import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createParser, type ParserConfig } from 'eventsource-parser';
import { Agent, request, type Dispatcher } from 'undici';
import { redactSecrets, redactValues } from '../redact';
import { PROVIDERS } from '../providers';
import { withoutThoughtSignatures } from '../providers/gemini';
import { EventStreamDecoder } from '../providers/aws-eventstream';
import { OTHER_ANSWER_TEXTS, type ChatChunk, type ChatRequest, type ChatResponse, type ToolCall, type Usage } from '../providers/openai-types';
import { UnsupportedContent, type StreamEvent, type UpstreamCall } from '../providers/types';
import { AttemptError, providerRetryAfter, statusFailure, type AttemptFailure } from './attempt-failure';
import { estimatedUsage, writtenText } from './accounting';
import { ERROR_BODY_LIMIT, readUpTo } from '../bounded-body';
import type { TextTransformFactory } from './answer-hooks';
import { dropUnscannedFields, scansAnswers, TransformChain, TransformChains, transformMessage, transformWhole } from './transform-chain';
import { sendJson, sseData, write } from './client-writer';
import type { CallPlan, PlannedTarget } from './plan';

/**
 * One attempt at one target. Until the first byte goes to the client, any
 * failure is thrown as an AttemptError so the caller may retry or fall back;
 * after it, a broken stream ends with an SSE error event and is reported as
 * truncated.
 */
/** One connection pool per connect timeout (undici sets it on the pool, not per request). */
const dispatchers = new Map<number, Agent>();
function dispatcherFor(connectTimeoutMs: number): Agent {
  let agent = dispatchers.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ keepAliveTimeout: 30_000, connections: 256, pipelining: 1, connect: { timeout: connectTimeoutMs } });
    dispatchers.set(connectTimeoutMs, agent);
  }
  return agent;
}

export interface AttemptResult {
  status: number;
  usage?: Usage;
  usageEstimated: boolean;
  ttftMs?: number;
  truncated: boolean;
  errorMessage?: string;
  response?: Record<string, unknown>;
  /** Time spent waiting for the provider before the first byte went to the client. */
  upstreamWaitMs: number;
}

export interface AttemptContext {
  plan: CallPlan;
  target: PlannedTarget;
  res: ServerResponse;
  clientGone: AbortSignal;
  transforms: TextTransformFactory[];
  toolTransforms: TextTransformFactory[];
  /** Counts what the answer used (budgets): called once, before the answer's last bytes go to the client. */
  spend(usage: Usage): Promise<void>;
  /** Headers for the client, computed when the first byte is about to be sent. */
  headers(extra: Record<string, string>): Record<string, string>;
}

function upstreamCall(plan: CallPlan, target: PlannedTarget): UpstreamCall {
  const provider = PROVIDERS[target.provider];
  if (plan.routeType === 'llm/v1/chat') {
    const request = plan.request as unknown as ChatRequest;
    return provider.chat(target, target.provider === 'gemini' ? request : withoutThoughtSignatures(request), plan.stream);
  }
  const build = plan.routeType === 'llm/v1/completions' ? provider.completions : provider.embeddings;
  if (!build) throw new AttemptError({ kind: 'protocol', status: 400, message: `${target.provider} does not serve ${plan.routeType}`, retryable: false, code: 'unsupported' });
  const body = { ...plan.request, model: target.model, stream: plan.stream || undefined };
  return build(target, body);
}

function failureOf(err: unknown, target: PlannedTarget): AttemptFailure {
  if (err instanceof AttemptError) return err.failure;
  const e = err as { code?: string; name?: string; message?: string };
  const timeout = e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' || e.name === 'TimeoutError';
  if (timeout) return { kind: 'timeout', status: 504, message: `The provider (${target.name}) did not answer in time.`, retryable: true, code: 'provider_timeout' };
  return {
    kind: 'connect',
    status: 502,
    message: `The provider (${target.name}) could not be reached: ${redactSecrets(e.message ?? 'connection failed')}`,
    retryable: true,
    code: 'provider_unreachable',
  };
}

/** One attempt, whose error messages never carry the target's own credentials back (see `redactValues`). */
export async function callTarget(a: AttemptContext): Promise<AttemptResult> {
  const secrets = [a.target.apiKey, a.target.authHeader?.value, a.target.awsCredentials?.secretAccessKey, a.target.awsCredentials?.sessionToken];
  try {
    const result = await attempt(a);
    if (result.errorMessage) result.errorMessage = redactValues(result.errorMessage, secrets);
    return result;
  } catch (err) {
    if (err instanceof AttemptError) throw new AttemptError({ ...err.failure, message: redactValues(err.failure.message, secrets) });
    throw err;
  }
}

async function attempt(a: AttemptContext): Promise<AttemptResult> {
  const { plan, target } = a;
  const started = performance.now();
  let call: UpstreamCall;
  try {
    call = upstreamCall(plan, target);
  } catch (err) {
    if (!(err instanceof UnsupportedContent)) throw err;
    throw new AttemptError({ kind: 'protocol', status: 400, message: err.message, retryable: true, skipTarget: true, healthy: true, code: 'unsupported_content' });
  }
  const controller = new AbortController();
  const abort = () => controller.abort();
  a.clientGone.addEventListener('abort', abort);
  const total = setTimeout(abort, plan.balancer.totalTimeoutMs);
  try {
    let upstream: Dispatcher.ResponseData;
    try {
      upstream = await request(call.url, {
        method: 'POST',
        headers: call.headers,
        body: JSON.stringify(call.body),
        signal: controller.signal,
        dispatcher: dispatcherFor(plan.balancer.connectTimeoutMs),
        // A provider sends a whole answer's headers only once the answer is complete: until then the
        // total timeout applies. A stream's headers come before its first token, which the first-token
        // timeout counts from this attempt's start; after it a stream may pause as long as the total allows.
        headersTimeout: plan.stream ? plan.balancer.firstTokenTimeoutMs : plan.balancer.totalTimeoutMs,
        bodyTimeout: plan.balancer.totalTimeoutMs,
      });
    } catch (err) {
      throw new AttemptError(failureOf(err, target));
    }
    if (upstream.statusCode >= 400) {
      const { text } = await readUpTo(upstream.body, ERROR_BODY_LIMIT).catch(() => ({ text: '' }));
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      const provider = PROVIDERS[target.provider];
      const message = provider.errorMessage(upstream.statusCode, body);
      throw new AttemptError(statusFailure(upstream.statusCode, message, providerRetryAfter(upstream.headers, body), provider.keyRefused?.(upstream.statusCode, body)));
    }
    if (!plan.stream) return await relayWhole(a, upstream, started);
    if (plan.routeType !== 'llm/v1/chat') return await relayRawStream(a, upstream, started, controller);
    return await relayChatStream(a, upstream, started, controller);
  } catch (err) {
    if (err instanceof AttemptError) throw err;
    throw new AttemptError(failureOf(err, target));
  } finally {
    clearTimeout(total);
    a.clientGone.removeEventListener('abort', abort);
  }
}

/** The provider's whole answer as a JSON object; anything else (a proxy's HTML page, a cut body) is its error, not the network's. */
async function jsonAnswer(upstream: Dispatcher.ResponseData, target: PlannedTarget, limit: number): Promise<Record<string, unknown>> {
  const { text, complete } = await readUpTo(upstream.body, limit);
  if (!complete) {
    throw new AttemptError({ kind: 'protocol', status: 502, message: `The provider (${target.name}) answered with more than max_response_body_size (${limit} bytes).`, retryable: true, code: 'provider_error' });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new AttemptError({ kind: 'protocol', status: 502, message: `The provider (${target.name}) answered with something that is not a JSON object.`, retryable: true, code: 'provider_error' });
  }
  return raw as Record<string, unknown>;
}

/** A message or a delta with OpenAI's legacy `function_call` (requests that name `functions`). */
type LegacyCall = { function_call?: { name?: string; arguments?: string } };

async function relayWhole(a: AttemptContext, upstream: Dispatcher.ResponseData, started: number): Promise<AttemptResult> {
  const { plan, target } = a;
  const raw = await jsonAnswer(upstream, target, plan.maxResponseBodyBytes);
  const upstreamWaitMs = performance.now() - started;
  let response: Record<string, unknown> = raw;
  let recordedResponse: Record<string, unknown> = raw;
  let completionText = '';
  const transformed = a.transforms.length > 0 || a.toolTransforms.length > 0;
  if (plan.routeType === 'llm/v1/chat') {
    const chat = PROVIDERS[target.provider].parseChat(raw, target) as ChatResponse;
    // What is recorded differs from what the client gets only when a transform restores originals.
    const recorded = transformed ? structuredClone(chat) : chat;
    const scans = scansAnswers(a.transforms);
    chat.choices.forEach((choice, i) => {
      transformMessage(choice.message as unknown as Record<string, unknown>, a.transforms, recorded.choices[i].message as unknown as Record<string, unknown>);
      if (scans && choice.logprobs) choice.logprobs = recorded.choices[i].logprobs = null;
      choice.message.tool_calls?.forEach((call, j) => {
        const args = transformWhole(a.toolTransforms, call.function.arguments);
        recorded.choices[i].message.tool_calls![j].function.arguments = args.recorded;
        call.function.arguments = args.client;
      });
      // A legacy function call's arguments, as a tool call's.
      const legacy = (choice.message as LegacyCall).function_call;
      if (typeof legacy?.arguments === 'string') {
        const args = transformWhole(a.toolTransforms, legacy.arguments);
        (recorded.choices[i].message as LegacyCall).function_call!.arguments = args.recorded;
        legacy.arguments = args.client;
      }
      completionText += writtenText(recorded.choices[i].message as unknown as Record<string, unknown>);
    });
    response = chat as unknown as Record<string, unknown>;
    recordedResponse = recorded as unknown as Record<string, unknown>;
  } else if (plan.routeType === 'llm/v1/completions' && Array.isArray(raw.choices)) {
    recordedResponse = transformed ? structuredClone(raw) : raw;
    const scans = scansAnswers(a.transforms);
    (raw.choices as Array<{ text?: unknown; logprobs?: unknown }>).forEach((choice, i) => {
      // Token log probabilities spell the answer out token by token: never sent when the answer is scanned.
      if (scans && choice.logprobs) choice.logprobs = (recordedResponse.choices as Array<{ logprobs?: unknown }>)[i]!.logprobs = null;
      if (typeof choice.text !== 'string') return;
      const text = transformWhole(a.transforms, choice.text);
      (recordedResponse.choices as Array<{ text?: unknown }>)[i]!.text = text.recorded;
      choice.text = text.client;
      completionText += text.client;
    });
  }
  let usage = response.usage as Usage | undefined;
  const usageEstimated = !usage;
  if (!usage && plan.routeType !== 'llm/v1/embeddings') {
    usage = estimatedUsage(plan.request, completionText);
    response.usage = usage;
    recordedResponse.usage = usage;
  }
  const headers: Record<string, string> = {};
  if (usage) {
    await a.spend(usage);
    headers['x-ai-usage-prompt-tokens'] = String(usage.prompt_tokens);
    headers['x-ai-usage-completion-tokens'] = String(usage.completion_tokens ?? 0);
    headers['x-ai-usage-total-tokens'] = String(usage.total_tokens);
    if (usageEstimated) headers['x-ai-usage-estimated'] = 'true';
  }
  sendJson(a.res, 200, response, a.headers(headers));
  return { status: 200, usage, usageEstimated, truncated: false, response: recordedResponse, upstreamWaitMs };
}

/**
 * Legacy completions stream in OpenAI's own format: relayed byte for byte, or, when transforms take part, event by
 * event with each choice's text through its own transforms (what they hold back goes out with the choice's finish,
 * before an error event, or before [DONE]).
 */
async function relayRawStream(a: AttemptContext, upstream: Dispatcher.ResponseData, started: number, controller: AbortController): Promise<AttemptResult> {
  a.res.writeHead(200, a.headers({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }));
  // The first text within the first-token timeout, counted from the attempt's start; the stream is cut otherwise.
  const firstToken = setTimeout(() => controller.abort(), Math.max(0, a.plan.balancer.firstTokenTimeoutMs - (performance.now() - started)));
  const upstreamWaitMs = performance.now() - started;
  const transformed = a.transforms.length > 0;
  const scans = scansAnswers(a.transforms);
  let done = false;
  const chains = new TransformChains<number>(a.transforms);
  let template: Record<string, unknown> = { object: 'text_completion' };
  const tails = (): string => {
    let out = '';
    for (const [index, chain] of chains.take()) {
      const tail = chain.flush();
      recorded += tail.recorded;
      if (tail.client) out += sseData({ ...template, choices: [{ index, text: tail.client, finish_reason: null }] });
    }
    return out;
  };
  let out = '';
  // What the model wrote and the provider's own usage, for budgets and cost, whether or not the stream is relayed as is;
  // and what is recorded of it for the trace (scanned, placeholders not restored).
  let written = '';
  let recorded = '';
  let finish: unknown = null;
  let providerUsage: Usage | undefined;
  let usage: Usage | undefined;
  const spend = async () => {
    if (usage) return;
    usage = providerUsage ?? estimatedUsage(a.plan.request, written);
    await a.spend(usage);
  };
  const parser = createParser({
    ...eventBound(a.plan.maxResponseBodyBytes),
    onEvent: (event) => {
      if (event.data.trim() === '[DONE]') {
        done = true;
        if (transformed) out += `${tails()}data: [DONE]\n\n`;
        return;
      }
      let chunk: { id?: unknown; created?: unknown; model?: unknown; error?: unknown; usage?: unknown; choices?: Array<{ index?: number; text?: unknown; finish_reason?: unknown }> };
      try {
        chunk = JSON.parse(event.data);
      } catch {
        if (transformed) out += event.data.split('\n').map((line) => `data: ${line}\n`).join('') + '\n';
        return;
      }
      if (isUsage(chunk.usage)) providerUsage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        if (typeof choice.text === 'string') written += choice.text;
        if (choice.finish_reason) finish = choice.finish_reason;
      }
      if (written || finish) clearTimeout(firstToken);
      if (!transformed) return;
      if (chunk.error !== undefined) out += tails();
      else template = { id: chunk.id, object: 'text_completion', created: chunk.created, model: chunk.model };
      for (const choice of chunk.choices ?? []) {
        const index = choice.index ?? 0;
        if (scans && (choice as { logprobs?: unknown }).logprobs) (choice as { logprobs?: unknown }).logprobs = null;
        if (typeof choice.text !== 'string' || (!choice.text && !choice.finish_reason && !chains.has(index))) continue;
        const chain = chains.of(index);
        const piece = chain.push(choice.text);
        const tail = choice.finish_reason ? chain.flush() : { recorded: '', client: '' };
        recorded += piece.recorded + tail.recorded;
        choice.text = piece.client + tail.client;
        if (choice.finish_reason) chains.delete(index);
      }
      out += sseData(chunk);
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of upstream.body) {
      const piece = decoder.decode(chunk as Buffer, { stream: true });
      parser.feed(piece);
      if (!transformed) out = piece;
      // The spend is counted before the client reads [DONE].
      if (done) await spend();
      if (out) await write(a.res, out);
      out = '';
    }
  } catch {
    /* cut below */
  } finally {
    clearTimeout(firstToken);
  }
  await spend();
  if (!done) {
    if (transformed) {
      const held = tails();
      if (held) await write(a.res, held);
    }
    await write(a.res, sseData({ error: { message: 'The provider ended the stream before the answer was complete.', type: 'server_error', code: 'stream_truncated' } }));
  }
  a.res.end();
  const response = { object: 'text_completion', model: template.model, choices: [{ index: 0, text: transformed ? recorded : written, finish_reason: finish }], usage };
  return { status: 200, usage, usageEstimated: !providerUsage, truncated: !done, upstreamWaitMs, response };
}

/** Turns the provider's stream bytes into events: SSE, or AWS event-stream frames (Bedrock). */
function streamFeeder(framing: 'sse' | 'aws-eventstream', events: StreamEvent[], maxEventBytes: number): (chunk: Buffer) => void {
  if (framing === 'aws-eventstream') {
    const decoder = new EventStreamDecoder(maxEventBytes);
    return (chunk) => {
      for (const message of decoder.push(chunk)) {
        const payload = message.payload.toString('utf8');
        if (message.headers[':message-type'] === 'exception') {
          throw new Error(`${message.headers[':exception-type'] ?? 'exception'}: ${redactSecrets(payload).slice(0, 300)}`);
        }
        events.push({ event: message.headers[':event-type'], data: payload });
      }
    };
  }
  const decoder = new TextDecoder();
  const parser = createParser({ ...eventBound(maxEventBytes), onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  return (chunk) => parser.feed(decoder.decode(chunk, { stream: true }));
}

/** An SSE event (or a line) that grows past the bound without ending breaks the stream: its feed throws. */
function eventBound(maxEventBytes: number): Pick<ParserConfig, 'maxBufferSize' | 'onError'> {
  return {
    maxBufferSize: maxEventBytes,
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') throw new Error(`an event of the stream grew past max_response_body_size (${maxEventBytes} bytes) without ending`);
    },
  };
}

function isUsage(value: unknown): value is Usage {
  return value !== null && typeof value === 'object' && typeof (value as Usage).prompt_tokens === 'number' && typeof (value as Usage).total_tokens === 'number';
}

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
  // OpenAI and Azure open with {"role": "assistant", "content": "", "refusal": null}: empty fields say nothing yet.
  const says = (value: unknown) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  return role !== undefined && !content && !says(toolCalls) && !Object.values(rest).some(says);
}

async function relayChatStream(
  a: AttemptContext,
  upstream: Dispatcher.ResponseData,
  started: number,
  controller: AbortController,
): Promise<AttemptResult> {
  const { plan, target, res } = a;
  const translator = PROVIDERS[target.provider].streamTranslator(target, `chatcmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
  const events: StreamEvent[] = [];
  const feed = streamFeeder(PROVIDERS[target.provider].streamFraming ?? 'sse', events, plan.maxResponseBodyBytes);
  let headersSent = false;
  let ttftMs: number | undefined;
  let upstreamWaitMs = 0;
  let recordedText = '';
  const chain = new TransformChain(a.transforms);
  // Reasoning and refusals are texts of their own, and so are each tool call's arguments: one chain each.
  const otherChains = new TransformChains<string>(a.transforms);
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

  let failure: string | undefined;
  try {
    for await (const raw of upstream.body) {
      feed(raw as Buffer);
      for (const event of events.splice(0)) {
        for (const chunk of translator.push(event)) {
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
            const carries = Boolean(choice.delta.content) || (choice.delta.tool_calls?.length ?? 0) > 0 || Boolean(legacy);
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
      if (translator.done) break;
    }
  } catch (err) {
    failure = redactSecrets((err as Error).message ?? 'stream error');
  } finally {
    clearTimeout(firstToken);
  }
  // A stream that ended without a finish still gives the client what the transforms held back.
  if (headersSent || (translator.done && failure === undefined)) {
    const template = last ?? { id: `chatcmpl-${Date.now().toString(36)}`, object: 'chat.completion.chunk' as const, created: Math.floor(Date.now() / 1000), model: target.model, choices: [] };
    for (const tail of tailChunks(template)) await emit(tail);
  }
  if (!headersSent) {
    // Nothing reached the client yet: this attempt can still be retried or fall back.
    const protocol = (message: string): AttemptFailure => ({ kind: 'protocol', status: 502, message, retryable: true, code: 'provider_error' });
    throw new AttemptError(
      timedOut || (failure !== undefined && controller.signal.aborted)
        ? { kind: 'timeout', status: 504, message: `The provider (${target.name}) sent no answer in time.`, retryable: true, code: 'provider_timeout' }
        : failure !== undefined
          ? protocol(`The provider failed before answering: ${failure}`)
          : protocol(translator.done ? 'The provider sent an empty stream.' : 'The provider ended the stream before answering.'),
    );
  }
  const message: Record<string, unknown> = { role: 'assistant', content: recordedText || null, ...recordedOthers };
  const calls = Object.entries(toolCalls).map(([, c]) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  if (calls.length > 0) message.tool_calls = calls;
  if (functionCall) message.function_call = functionCall;
  const usage = translator.usage ?? estimatedUsage(plan.request, writtenText(message));
  const usageEstimated = !translator.usage;
  const truncated = !translator.done;
  await a.spend(usage);
  if (truncated) {
    await write(res, sseData({ error: { message: 'The provider ended the stream before the answer was complete.', type: 'server_error', param: null, code: 'stream_truncated' } }));
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
  return { status: 200, usage, usageEstimated, ttftMs, truncated, errorMessage: truncated ? failure ?? 'stream cut by the provider' : undefined, response, upstreamWaitMs };
}
