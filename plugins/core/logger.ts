/**
 * The suite's process logger. Lines go to stderr, never stdout (it must stay clean for
 * the query command), and in the suite process also to its log file (log-file.ts):
 * Kong logs a plugin server's output at level info, below its default log_level.
 * Callers pass messages and small field maps; never secrets or PII.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Read once: process.env is a slow lookup, and debug lines are checked on every request.
const THRESHOLD = ORDER[(process.env.AI_SUITE_LOG_LEVEL ?? 'info').toLowerCase() as LogLevel] ?? ORDER.info;

let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

/** Tests and the query command redirect or silence the log. */
export function setLogSink(next: (line: string) => void): void {
  sink = next;
}

/** Every line from now on also goes to `write`. */
export function alsoLogTo(write: (line: string) => void): void {
  const before = sink;
  sink = (line) => {
    before(line);
    write(line);
  };
}

function format(level: LogLevel, scope: string, message: string, fields?: Record<string, unknown>): string {
  const extra = fields && Object.keys(fields).length > 0 ? ' ' + JSON.stringify(fields) : '';
  return `${new Date().toISOString()} [${level}] ${scope}: ${message}${extra}`;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(scope: string): Logger {
  const emit = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] >= THRESHOLD) sink(format(level, scope, message, fields));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
