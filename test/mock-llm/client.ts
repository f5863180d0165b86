/**
 * Small HTTP client for tests against the mock (or anything speaking the same
 * formats): JSON calls, SSE streams parsed with eventsource-parser, and raw
 * bodies, all tolerant of connections cut mid-response. Close it when done.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, request } from 'undici';

export interface CallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
  signal?: AbortSignal;
  /** Wait this long after the headers before reading the body (a slow consumer). */
  readDelayMs?: number;
}

export interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Set when the connection broke before the body was complete. */
  error?: Error;
  /** Milliseconds from sending to the response headers, and to the end (or break) of the body. */
  headersMs: number;
  totalMs: number;
}

export interface JsonResult<T> extends RawResult {
  json: T;
}

export interface TimedEvent extends EventSourceMessage {
  /** Milliseconds from sending the request. */
  atMs: number;
}

export interface SseResult extends RawResult {
  events: TimedEvent[];
}

export class MockClient {
  private readonly agent: Agent;

  /** `connections` caps the sockets per origin (1 makes keep-alive reuse observable). */
  constructor(
    readonly baseUrl: string,
    options: { connections?: number } = {},
  ) {
    this.agent = new Agent({ keepAliveTimeout: 10_000, connections: options.connections ?? null });
  }

  /** Reads the body as text; a body cut short yields `error` instead of a rejection. */
  async raw(path: string, options: CallOptions = {}, onChunk?: (text: string, atMs: number) => void): Promise<RawResult> {
    const start = performance.now();
    const isString = typeof options.body === 'string';
    const response = await request(this.baseUrl + path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: { ...(options.body !== undefined && !isString ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body === undefined ? undefined : isString ? (options.body as string) : JSON.stringify(options.body),
      signal: options.signal,
      dispatcher: this.agent,
    });
    const headersMs = performance.now() - start;
    if (options.readDelayMs) await delay(options.readDelayMs);
    const decoder = new TextDecoder();
    let text = '';
    let error: Error | undefined;
    try {
      for await (const chunk of response.body) {
        const piece = decoder.decode(chunk as Buffer, { stream: true });
        text += piece;
        onChunk?.(piece, performance.now() - start);
      }
    } catch (caught) {
      error = caught instanceof Error ? caught : new Error(String(caught));
    }
    return { status: response.statusCode, headers: response.headers, text, error, headersMs, totalMs: performance.now() - start };
  }

  async json<T = unknown>(path: string, options: CallOptions = {}): Promise<JsonResult<T>> {
    const result = await this.raw(path, options);
    if (result.error) throw result.error;
    return { ...result, json: JSON.parse(result.text) as T };
  }

  async sse(path: string, options: CallOptions = {}): Promise<SseResult> {
    const events: TimedEvent[] = [];
    let now = 0;
    const parser = createParser({ onEvent: (event) => events.push({ ...event, atMs: now }) });
    const result = await this.raw(path, options, (text, atMs) => {
      now = atMs;
      parser.feed(text);
    });
    return { ...result, events };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
