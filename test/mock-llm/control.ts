/**
 * The control API under /__mock/: program behaviours, set defaults, read the
 * request log, reset. JSON in, JSON out; bad input gets `400 {error}`.
 */
import { BehaviourError, parseDefaults, parseProgramSpec, type BehaviourBook } from './behaviour';
import type { Inbound } from './dialect';
import type { RequestLog } from './request-log';

export interface ControlState {
  book: BehaviourBook;
  log: RequestLog;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export const CONTROL_PREFIX = '/__mock/';

export function handleControl(inbound: Inbound, rawBody: string, state: ControlState): ControlAnswer {
  const { book, log } = state;
  const route = `${inbound.method} ${inbound.path.slice(CONTROL_PREFIX.length - 1)}`;
  try {
    switch (route) {
      case 'GET /health':
        return ok({ ok: true });
      case 'GET /requests':
        return ok(log.list());
      case 'DELETE /requests':
        log.clear();
        return ok({ ok: true });
      case 'POST /program':
        book.program(parseProgramSpec(parse(rawBody)));
        return ok({ ok: true, pending: book.pending() });
      case 'GET /program':
      case 'GET /programs':
        return ok(book.pending());
      case 'POST /defaults':
        return ok({ defaults: book.setDefaults(parseDefaults(parse(rawBody))) });
      case 'GET /defaults':
        return ok({ defaults: book.getDefaults() });
      case 'POST /reset':
        book.reset();
        log.clear();
        return ok({ ok: true });
      default:
        return { status: 404, body: { error: `unknown control endpoint ${route}` } };
    }
  } catch (error) {
    if (error instanceof BehaviourError || error instanceof SyntaxError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}

function ok(body: unknown): ControlAnswer {
  return { status: 200, body };
}

function parse(raw: string): unknown {
  return raw.trim() === '' ? {} : JSON.parse(raw);
}
