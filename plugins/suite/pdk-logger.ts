import { createLogger } from '../core/logger';

/** kong-pdk's Server logs through this: into the suite's stderr log, never stdout. */
export function pdkLogger(scope: string) {
  const log = createLogger(scope);
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  return {
    debug: (...args: unknown[]) => log.debug(text(args)),
    info: (...args: unknown[]) => log.info(text(args)),
    warn: (...args: unknown[]) => log.warn(text(args)),
    error: (...args: unknown[]) => log.error(text(args)),
  };
}
