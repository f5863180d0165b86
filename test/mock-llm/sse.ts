/**
 * Streaming framings. A provider describes a stream as events; an encoder
 * turns each event into the bytes of one write: Server-Sent Events (OpenAI,
 * Anthropic, Gemini `alt=sse`) or a JSON array streamed element by element
 * (Gemini `streamGenerateContent` without `alt=sse`).
 */

export interface StreamEvent {
  /** SSE `event:` name (Anthropic); ignored by the JSON-array framing. */
  event?: string;
  /** Objects are JSON-encoded; strings (e.g. "[DONE]") are sent as they are. */
  data: unknown;
}

/**
 * A stream in three parts. `content` holds one event per token; pacing
 * (tokens per second) and `cut` apply to it. `tail` carries the finish
 * reason, usage and terminator: a cut stream never gets it.
 */
export interface StreamPlan {
  head: StreamEvent[];
  content: StreamEvent[];
  tail: StreamEvent[];
}

export interface StreamEncoder {
  readonly contentType: string;
  encode(event: StreamEvent): string | Buffer;
  /** Bytes closing the stream after the tail. */
  finish(): string | Buffer;
}

function dataText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/** SSE framing; Gemini separates lines with CRLF, the others with LF. */
export function sseEncoder(newline: '\n' | '\r\n' = '\n'): StreamEncoder {
  return {
    contentType: 'text/event-stream; charset=utf-8',
    encode: (event) => `${event.event ? `event: ${event.event}${newline}` : ''}data: ${dataText(event.data)}${newline}${newline}`,
    finish: () => '',
  };
}

/** A JSON array written element by element: `[{…}`, `,\r\n{…}`, …, `]`. */
export function jsonArrayEncoder(): StreamEncoder {
  let started = false;
  return {
    contentType: 'application/json; charset=UTF-8',
    encode: (event) => {
      const prefix = started ? ',\r\n' : '[';
      started = true;
      return prefix + dataText(event.data);
    },
    finish: () => (started ? ']' : '[]'),
  };
}
