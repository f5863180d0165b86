/** The log of provider requests received, newest last, bounded in size. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Behaviour } from './behaviour';
import type { ProviderName } from './dialect';

export type Outcome = 'pending' | 'hanging' | 'ok' | 'error' | 'cut' | 'aborted';

export interface RecordedRequest {
  /** 1, 2, 3… since the server started (not reset by `reset()`). */
  seq: number;
  /** Epoch milliseconds when the body had been read. */
  at: number;
  /** Which TCP connection carried the request (same number = keep-alive reuse). */
  connection: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  provider?: ProviderName;
  model?: string;
  /** The behaviour applied (defaults + program + directives), when any. */
  behaviour?: Behaviour;
  /** HTTP status sent, once headers went out. */
  status?: number;
  outcome: Outcome;
}

export class RequestLog {
  private entries: RecordedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit: number) {}

  add(entry: Omit<RecordedRequest, 'seq' | 'outcome'>): RecordedRequest {
    const recorded: RecordedRequest = { seq: ++this.seq, ...entry, outcome: 'pending' };
    this.entries.push(recorded);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return recorded;
  }

  list(): readonly RecordedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
