import Module from 'node:module';
import path from 'node:path';

/**
 * kong-pdk's module loader calls `require('ts-node').register()` so that plugins may be
 * written in TypeScript. The suite's plugins are compiled, and that call is not free: it
 * loads the TypeScript compiler (about 0.3 s at start), installs source-map-support's stack
 * rewriting, and loads Node's REPL and with it the `domain` module, after which every
 * EventEmitter in the process (each socket, each HTTP request) emits through domain's
 * wrapper. Imported before kong-pdk, this module makes that `register()` a no-op.
 */
try {
  // Resolved from where kong-pdk stands, so a copy nested under it is the one stubbed.
  const id = require.resolve('ts-node', { paths: [path.dirname(require.resolve('kong-pdk/server'))] });
  if (!require.cache[id]) {
    const stub = new Module(id);
    stub.filename = id;
    stub.loaded = true;
    stub.exports = { register: () => undefined };
    require.cache[id] = stub;
  }
} catch {
  // No ts-node to skip: kong-pdk will say so itself.
}
