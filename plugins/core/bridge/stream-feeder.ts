import { createParser, type ParserConfig } from 'eventsource-parser';
import { EventStreamDecoder, frameError } from '../providers/aws-eventstream';
import type { StreamEvent } from '../providers/types';

export interface StreamFeeder {
  feed(chunk: Buffer): void;
  /** At the body's end: a last event that came without its blank line is an event all the same. */
  end(): void;
}

/** Turns the provider's stream bytes into events: SSE, or AWS event-stream frames (Bedrock). */
export function streamFeeder(framing: 'sse' | 'aws-eventstream', events: StreamEvent[], maxEventBytes: number): StreamFeeder {
  if (framing === 'aws-eventstream') {
    const decoder = new EventStreamDecoder(maxEventBytes);
    const feed = (chunk: Buffer) => {
      for (const message of decoder.push(chunk)) {
        const error = frameError(message);
        if (error) {
          events.push({ data: '', error });
          return;
        }
        events.push({ event: message.headers[':event-type'], data: message.payload.toString('utf8') });
      }
    };
    return { feed, end: () => undefined };
  }
  const decoder = new TextDecoder();
  const parser = createParser({ ...eventBound(maxEventBytes), onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  return { feed: (chunk) => parser.feed(decoder.decode(chunk, { stream: true })), end: () => parser.feed(`${decoder.decode()}\n\n`) };
}

/** An SSE event (or a line) that grows past the bound without ending breaks the stream: its feed throws. */
export function eventBound(maxEventBytes: number): Pick<ParserConfig, 'maxBufferSize' | 'onError'> {
  return {
    maxBufferSize: maxEventBytes,
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') throw new Error(`an event of the stream grew past max_response_body_size (${maxEventBytes} bytes) without ending`);
    },
  };
}
