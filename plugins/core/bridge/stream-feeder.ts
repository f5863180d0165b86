import { createParser, type ParserConfig } from 'eventsource-parser';
import { redactSecrets } from '../redact';
import { EventStreamDecoder } from '../providers/aws-eventstream';
import type { StreamEvent } from '../providers/types';

/** Turns the provider's stream bytes into events: SSE, or AWS event-stream frames (Bedrock). */
export function streamFeeder(framing: 'sse' | 'aws-eventstream', events: StreamEvent[], maxEventBytes: number): (chunk: Buffer) => void {
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
export function eventBound(maxEventBytes: number): Pick<ParserConfig, 'maxBufferSize' | 'onError'> {
  return {
    maxBufferSize: maxEventBytes,
    onError: (err) => {
      if (err.type === 'max-buffer-size-exceeded') throw new Error(`an event of the stream grew past max_response_body_size (${maxEventBytes} bytes) without ending`);
    },
  };
}
