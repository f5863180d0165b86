/**
 * What the mock should do with a request: fail, hang, cut, be slow, answer
 * with N tokens, call a tool. Behaviours come from three layers, later ones
 * winning: server defaults, programmed behaviours (control API /
 * `MockLlm.program`), and `[[mock:…]]` directives in the prompt.
 */
import type { ProviderName } from './dialect';
import { isObject, type JsonObject } from './json';

export interface Behaviour {
  /** Answer with this HTTP status (4xx/5xx) in the provider's error format. */
  fail?: number;
  /** Seconds for the `retry-after` header (429 gets 1 unless set). */
  retryAfter?: number;
  /** Accept the request and never answer until the client goes away. */
  hang?: boolean;
  /** Streaming: send this many content chunks, then destroy the socket. Plain: send half the body, then destroy. */
  cut?: number;
  /** Milliseconds before the response headers. */
  latencyMs?: number;
  /** Milliseconds before the first token (streaming: after the headers; plain: added before the headers). */
  ttftMs?: number;
  /** Answer length in tokens. */
  tokens?: number;
  /** Streaming speed; plain answers are delayed by tokens / rate as well. */
  tokensPerSecond?: number;
  /** Answer with a tool call (true: first tool; a string: the tool of that name) when tools are offered. */
  tool?: boolean | string;
}

/** Behaviour fields that can be server-wide defaults. */
export type Defaults = Pick<Behaviour, 'latencyMs' | 'ttftMs' | 'tokensPerSecond' | 'tokens'>;
const DEFAULT_KEYS = ['latencyMs', 'ttftMs', 'tokensPerSecond', 'tokens'] as const;

export interface Match {
  /** Substring of the request path, e.g. "/v1/chat/completions" or ":streamGenerateContent". */
  path?: string;
  /** Exact model (Azure: deployment; Gemini: the model in the path). */
  model?: string;
  provider?: ProviderName;
}

export interface ProgramSpec {
  match?: Match;
  /** How many matching requests get the behaviour (default 1), or "forever". */
  times?: number | 'forever';
  behaviour: Behaviour;
}

export interface PendingProgram {
  match: Match;
  remaining: number | 'forever';
  behaviour: Behaviour;
}

export interface MatchTarget {
  path: string;
  model?: string;
  provider: ProviderName;
}

export class BehaviourError extends Error {}

type Kind = 'status' | 'nonNegative' | 'count' | 'positive' | 'flag' | 'tool';
const FIELDS: Record<keyof Behaviour, Kind> = {
  fail: 'status',
  retryAfter: 'nonNegative',
  hang: 'flag',
  cut: 'count',
  latencyMs: 'nonNegative',
  ttftMs: 'nonNegative',
  tokens: 'count',
  tokensPerSecond: 'positive',
  tool: 'tool',
};
/** Accepted spellings, lower-cased, for directives and the control API alike. */
const ALIASES: Record<string, keyof Behaviour> = {
  fail: 'fail', status: 'fail',
  retryafter: 'retryAfter', 'retry-after': 'retryAfter',
  hang: 'hang',
  cut: 'cut',
  latency: 'latencyMs', latencyms: 'latencyMs',
  ttft: 'ttftMs', ttftms: 'ttftMs',
  tokens: 'tokens',
  rate: 'tokensPerSecond', tokenspersecond: 'tokensPerSecond',
  tool: 'tool',
};

/**
 * Builds a behaviour from loosely typed values (JSON numbers or directive
 * strings). Strict mode throws on unknown keys and bad values; lenient mode
 * (prompt directives) skips them.
 */
export function parseBehaviour(input: JsonObject, strict: boolean): Behaviour {
  const out: Behaviour = {};
  for (const [rawKey, rawValue] of Object.entries(input)) {
    const key = ALIASES[rawKey.toLowerCase()];
    if (!key) {
      if (strict) throw new BehaviourError(`unknown behaviour field "${rawKey}"`);
      continue;
    }
    if (rawValue === undefined || rawValue === null) continue;
    const value = coerce(FIELDS[key], rawValue);
    if (value === undefined) {
      if (strict) throw new BehaviourError(`invalid value for "${rawKey}": ${JSON.stringify(rawValue)}`);
      continue;
    }
    Object.assign(out, { [key]: value });
  }
  return out;
}

function coerce(kind: Kind, raw: unknown): number | boolean | string | undefined {
  if (kind === 'flag' || kind === 'tool') {
    if (raw === true || raw === 'true' || raw === '' || raw === '1') return true;
    if (raw === false || raw === 'false' || raw === '0') return false;
    return kind === 'tool' && typeof raw === 'string' ? raw : undefined;
  }
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n)) return undefined;
  switch (kind) {
    case 'status': return Number.isInteger(n) && n >= 400 && n <= 599 ? n : undefined;
    case 'count': return Number.isInteger(n) && n >= 0 ? n : undefined;
    case 'nonNegative': return n >= 0 ? n : undefined;
    case 'positive': return n > 0 ? n : undefined;
  }
}

/** Validates a program as received by the control API or `MockLlm.program`. */
export function parseProgramSpec(input: unknown): ProgramSpec {
  if (!isObject(input)) throw new BehaviourError('program must be a JSON object');
  if (!isObject(input.behaviour)) throw new BehaviourError('program needs a "behaviour" object');
  const spec: ProgramSpec = { behaviour: parseBehaviour(input.behaviour, true) };
  const times = input.times;
  if (times !== undefined) {
    if (times !== 'forever' && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
      throw new BehaviourError('"times" must be a positive integer or "forever"');
    }
    spec.times = times;
  }
  if (input.match !== undefined) {
    if (!isObject(input.match)) throw new BehaviourError('"match" must be an object');
    const match: Match = {};
    for (const [key, value] of Object.entries(input.match)) {
      if (key !== 'path' && key !== 'model' && key !== 'provider') throw new BehaviourError(`unknown match field "${key}"`);
      if (typeof value !== 'string') throw new BehaviourError(`match.${key} must be a string`);
      if (key === 'provider') {
        if (!isProvider(value)) throw new BehaviourError(`unknown provider "${value}"`);
        match.provider = value;
      } else {
        match[key] = value;
      }
    }
    spec.match = match;
  }
  return spec;
}

/** Validates a defaults update: numbers set a field, null clears it. */
export function parseDefaults(input: unknown): Partial<Record<keyof Defaults, number | null>> {
  if (!isObject(input)) throw new BehaviourError('defaults must be a JSON object');
  const out: Partial<Record<keyof Defaults, number | null>> = {};
  const kept: JsonObject = {};
  for (const [rawKey, value] of Object.entries(input)) {
    const key = ALIASES[rawKey.toLowerCase()];
    if (!key || !(DEFAULT_KEYS as readonly string[]).includes(key)) throw new BehaviourError(`"${rawKey}" cannot be a default`);
    if (value === null) out[key as keyof Defaults] = null;
    else kept[key] = value;
  }
  return { ...out, ...(parseBehaviour(kept, true) as Defaults) };
}

function isProvider(value: string): value is ProviderName {
  return ['openai', 'azure', 'anthropic', 'gemini', 'cohere', 'bedrock'].includes(value);
}

/** Server-wide defaults plus a FIFO queue of programmed behaviours. */
export class BehaviourBook {
  private defaults: Defaults;
  private programs: PendingProgram[] = [];

  constructor(private readonly initialDefaults: Defaults = {}) {
    this.defaults = { ...initialDefaults };
  }

  program(spec: ProgramSpec): void {
    const checked = parseProgramSpec(spec);
    this.programs.push({ match: checked.match ?? {}, remaining: checked.times ?? 1, behaviour: checked.behaviour });
  }

  setDefaults(update: Partial<Record<keyof Defaults, number | null>>): Defaults {
    for (const key of DEFAULT_KEYS) {
      const value = update[key];
      if (value === null) delete this.defaults[key];
      else if (value !== undefined) this.defaults[key] = value;
    }
    return this.getDefaults();
  }

  getDefaults(): Defaults {
    return { ...this.defaults };
  }

  pending(): PendingProgram[] {
    return this.programs.map((p) => ({ ...p, match: { ...p.match }, behaviour: { ...p.behaviour } }));
  }

  reset(): void {
    this.programs = [];
    this.defaults = { ...this.initialDefaults };
  }

  /** Defaults, then the first matching program (consuming one of its uses), then prompt directives. */
  resolve(target: MatchTarget, directives: Behaviour): Behaviour {
    return { ...this.defaults, ...this.take(target), ...directives };
  }

  private take(target: MatchTarget): Behaviour {
    const index = this.programs.findIndex((p) => matches(p.match, target));
    const program = this.programs[index];
    if (!program) return {};
    if (program.remaining !== 'forever') {
      program.remaining -= 1;
      if (program.remaining <= 0) this.programs.splice(index, 1);
    }
    return program.behaviour;
  }
}

function matches(match: Match, target: MatchTarget): boolean {
  return (
    (match.path === undefined || target.path.includes(match.path)) &&
    (match.model === undefined || target.model === match.model) &&
    (match.provider === undefined || target.provider === match.provider)
  );
}
