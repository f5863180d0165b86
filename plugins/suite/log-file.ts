import fs from 'node:fs';
import path from 'node:path';
import { alsoLogTo, createLogger } from '../core/logger';
import { redactSecrets } from '../core/redact';

/**
 * Kong writes a plugin server's output to its error log at level info (3.4.2 plugin_servers/process.lua), which its
 * default log_level (notice) drops: the suite's warnings and errors would reach no one. So the suite process also
 * appends its log to a file, by default beside Kong's error log. AI_SUITE_LOG_FILE names another file, or `off`.
 * Appends only (O_APPEND), so logrotate's copytruncate works.
 */
export function logFilePath(prefix: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.AI_SUITE_LOG_FILE?.trim();
  if (configured === 'off') return undefined;
  return configured || path.join(prefix, 'logs', 'ai-suite.log');
}

export function logToFile(prefix: string): void {
  const file = logFilePath(prefix);
  if (!file) return;
  let fd: number;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(file, 'a');
  } catch (err) {
    createLogger('suite').error('cannot open the log file; logging to stderr only', { file, error: (err as Error).message });
    return;
  }
  // Synchronous, as stderr to Kong's pipe is: a line logged just before the process exits is not lost.
  alsoLogTo((line) => {
    try {
      fs.writeSync(fd, line + '\n');
    } catch {
      // A full disk must not take the gateway down; stderr still has the line.
    }
  });
  // Node prints a crash to stderr only; Kong then logs just that the process terminated.
  process.on('uncaughtExceptionMonitor', (err) => createLogger('suite').error('uncaught exception', { error: redactSecrets(String(err.stack ?? err)) }));
}
