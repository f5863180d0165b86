import { piiLatency } from './pii';

/**
 * The sanitizer's latency figures as one line of JSON, measured in a process of its own (run by `benchPii` with the
 * plugin server's V8 flags, `SERVER_NODE_FLAGS`).
 */
void piiLatency().then((figures) => process.stdout.write(`${JSON.stringify(figures)}\n`));
