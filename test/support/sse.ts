import { createParser } from 'eventsource-parser';

/** Reads an SSE response into its events, with the time each one arrived. */
export interface TimedEvent {
  data: string;
  at: number;
}

export async function readSse(res: Response): Promise<TimedEvent[]> {
  const events: TimedEvent[] = [];
  const parser = createParser({ onEvent: (e) => events.push({ data: e.data, at: Date.now() }) });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}

export function chunksOf(events: TimedEvent[]): Array<Record<string, any>> {
  return events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
}

export function streamedText(events: TimedEvent[]): string {
  return chunksOf(events)
    .map((c) => c.choices?.[0]?.delta?.content ?? '')
    .join('');
}

/** One OpenAI chat chunk as a provider streams it, an SSE event with its blank line. */
export function chatChunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}
