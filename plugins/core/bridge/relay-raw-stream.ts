import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { createParser } from 'eventsource-parser';
import type { Usage } from '../providers/openai-types';
import { redactSecrets } from '../redact';
import { providerErrorMessage } from '../providers/error-message';
import { ProviderStreamError } from '../providers/types';
import { AttemptError, truncatedEvent, unansweredStream } from './attempt-failure';
import { estimatedUsage } from './accounting';
import { scansAnswers, TransformChains } from './transform-chain';
import { sseData, write } from './client-writer';
import { eventBound } from './stream-feeder';
import { drainBound } from './drain-bound';
import { isUsage, isUsageChunk, UnaskedUsageFilter } from './unasked-usage';
import type { AttemptContext, AttemptResult } from './call-target';

/**
 * Legacy completions stream in OpenAI's own format: relayed byte for byte, or, when transforms take part, event by
 * event with each choice's text through its own transforms (what they hold back goes out with the choice's finish,
 * before an error event, or before [DONE]). Nothing goes to the client before the first text or finish: an error
 * event or a silence before it fails the attempt, which can then be retried or fall back. With `dropUsage` (the gateway
 * asked for the usage, the client did not), the usage chunk is left out.
 */
export async function relayRawStream(a: AttemptContext, body: Readable, started: number, controller: AbortController, dropUsage = false): Promise<AttemptResult> {
  // The first text within the first-token timeout, counted from the attempt's start; the attempt fails otherwise.
  let timedOut = false;
  const firstToken = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(0, a.plan.balancer.firstTokenTimeoutMs - (performance.now() - started)));
  let upstreamWaitMs = 0;
  let answered = false;
  /** What the provider sent before its first text or finish, held with the response headers. */
  let held = '';
  let providerError: ProviderStreamError | undefined;
  const transformed = a.transforms.length > 0;
  const unasked = dropUsage && !transformed ? new UnaskedUsageFilter() : undefined;
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
  // Each choice that began and each that finished: a stream that ends cleanly once all have finished is complete.
  const begun = new Set<number>();
  const finished = new Set<number>();
  /** The last characters the client got: whether they end an event. */
  let sent = '';
  const relay = async (text: string) => {
    if (!a.res.headersSent) {
      upstreamWaitMs = performance.now() - started;
      a.res.writeHead(200, a.headers({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }));
      text = held + text;
      held = '';
    }
    sent = (sent + text).slice(-4);
    await write(a.res, text);
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
      if (chunk.error !== undefined) providerError ??= new ProviderStreamError(providerErrorMessage(500, chunk));
      if (isUsage(chunk.usage)) providerUsage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        if (typeof choice.text === 'string') written += choice.text;
        if (choice.finish_reason) finish = choice.finish_reason;
        (choice.finish_reason ? finished : begun).add(choice.index ?? 0);
      }
      if ((written || finish) && !answered) {
        answered = true;
        clearTimeout(firstToken);
      }
      if (!transformed || (dropUsage && isUsageChunk(chunk))) return;
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
  let cleanEnd = false;
  let failure: Error | undefined;
  const drain = drainBound(body);
  // Once [DONE] has reached the client, it gets the end of the response at once; the rest of the body is read behind
  // it (within the drain's bound) for the connection's sake alone.
  let settled = false;
  let settle!: () => void;
  const answerSettled = new Promise<void>((resolve) => (settle = resolve));
  const reading = (async () => {
    try {
      for await (const chunk of body) {
        if (done && !drain.allow((chunk as Buffer).length)) break;
        if (settled) continue;
        const piece = decoder.decode(chunk as Buffer, { stream: true });
        parser.feed(piece);
        if (!transformed) out = unasked ? unasked.push(piece) : piece;
        if (!answered) {
          if (providerError !== undefined) break;
          held += out;
          out = '';
          if (held.length > a.plan.maxResponseBodyBytes) throw new Error(`the stream sent more than max_response_body_size (${a.plan.maxResponseBodyBytes} bytes) before its first text`);
          continue;
        }
        // The spend is counted before the client reads [DONE].
        if (done) {
          drain.start();
          await spend();
        }
        if (out) await relay(out);
        out = '';
        if (done) {
          settled = true;
          settle();
        }
      }
      if (settled) return;
      // A last event without its blank line (`data: [DONE]\n` at the body's end) is an event all the same.
      parser.feed(`${decoder.decode()}\n\n`);
      cleanEnd = providerError === undefined;
    } catch (err) {
      // What breaks after [DONE] (a body cut while drained) takes nothing from a complete answer.
      if (!done) failure = err instanceof Error ? err : new Error(String(err));
    } finally {
      clearTimeout(firstToken);
      drain.stop();
    }
  })();
  await Promise.race([reading, answerSettled]);
  settled = true;
  if (!answered) {
    // Nothing reached the client yet: this attempt can still be retried or fall back.
    throw new AttemptError(unansweredStream(a.target.name, timedOut || (failure !== undefined && controller.signal.aborted), providerError ?? failure, done));
  }
  if (unasked) out += unasked.flush();
  const marked = done;
  done ||= cleanEnd && finished.size > 0 && [...begun].every((i) => finished.has(i));
  await spend();
  if (out || !a.res.headersSent) await relay(out);
  // What the client got ends with a whole event, so that it reads the last one and never glues the gateway's to it.
  if (sent && !/(?:\r?\n){2}$|\r\r$/.test(sent)) await relay('\n\n');
  if (done && !marked) await relay('data: [DONE]\n\n');
  // The provider's own error event, relayed, says why the answer is cut: no gateway error after it.
  if (!done && providerError === undefined) {
    if (transformed) {
      const rest = tails();
      if (rest) await relay(rest);
    }
    await relay(sseData(truncatedEvent(undefined)));
  }
  a.res.end();
  const response = { object: 'text_completion', model: template.model, choices: [{ index: 0, text: transformed ? recorded : written, finish_reason: finish }], usage };
  return { status: 200, usage, usageEstimated: !providerUsage, truncated: !done, errorMessage: done ? undefined : redactSecrets((providerError ?? failure)?.message || 'stream cut by the provider'), upstreamWaitMs, response };
}
