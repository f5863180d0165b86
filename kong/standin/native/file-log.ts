import fs from 'node:fs';
import type { NativePlugin } from './types';

/** Kong's file-log (priority 9): one JSON line per request, the log serializer's output. */
export const fileLog: NativePlugin = {
  name: 'file-log',
  priority: 9,
  fields: [
    { path: { type: 'string', required: true } },
    { reopen: { type: 'boolean', required: true, default: false } },
  ],
  log(snapshot, config) {
    fs.appendFile(String(config.path), JSON.stringify(snapshot) + '\n', () => undefined);
  },
};
