import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DIST } from '../../support/paths';

/**
 * kong-pdk registers ts-node when it loads; the suite's plugins are compiled, so the suite
 * keeps ts-node (the TypeScript compiler, source-map-support, the REPL and Node's domain
 * module) out of its process. Checked in a fresh Node, since Jest's own process differs.
 */
describe('the suite process without ts-node', () => {
  it('loads kong-pdk without registering TypeScript or loading domains', () => {
    const serve = path.join(DIST, 'plugins', 'suite', 'serve.js');
    const out = execFileSync(
      process.execPath,
      ['-e', `require(${JSON.stringify(serve)}); require('kong-pdk/server'); console.log(JSON.stringify({ domains: require('events').usingDomains, ts: typeof require.extensions['.ts'] }))`],
      { encoding: 'utf8', cwd: path.join(DIST, '..') },
    );
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ domains: false, ts: 'undefined' });
  });
});
