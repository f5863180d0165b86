import type { Usage } from '../providers/openai-types';

export function isUsage(value: unknown): value is Usage {
  return value !== null && typeof value === 'object' && typeof (value as Usage).prompt_tokens === 'number' && typeof (value as Usage).total_tokens === 'number';
}

/** The chunk that ends a stream asked for its usage (`include_usage`): the usage, and no choices. */
export function isUsageChunk(chunk: { usage?: unknown; choices?: unknown[] }): boolean {
  return isUsage(chunk.usage) && !chunk.choices?.length;
}

/**
 * A stream's text as the provider sent it, but for the usage chunk the gateway asked for when the client did not:
 * every other event goes on byte for byte (comments, names and ids included), once whole.
 */
export class UnaskedUsageFilter {
  private pending = '';

  push(text: string): string {
    this.pending += text;
    let out = '';
    let start = 0;
    const ends = /\r\n\r\n|\n\n|\r\r/g;
    for (let end = ends.exec(this.pending); end; end = ends.exec(this.pending)) {
      const event = this.pending.slice(start, end.index + end[0].length);
      if (!usageEvent(event)) out += event;
      start = end.index + end[0].length;
    }
    this.pending = this.pending.slice(start);
    return out;
  }

  /** What is left of a body that ended inside an event. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return usageEvent(rest) ? '' : rest;
  }
}

function usageEvent(event: string): boolean {
  const data = event.split(/\r\n|\r|\n/).filter((line) => line.startsWith('data:')).map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
  try {
    return data.length > 0 && isUsageChunk(JSON.parse(data.join('\n')));
  } catch {
    return false;
  }
}
