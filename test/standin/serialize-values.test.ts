import { logPdk } from '../../kong/standin/pdk/misc';
import type { PdkEnv } from '../../kong/standin/pdk/types';
import { withoutEmptyArrays } from '../../plugins/core/log-field';

/**
 * kong.log.set_serialize_value with an empty array: Kong's MessagePack unpacks it into a plain Lua table, which cjson
 * writes as {} in file-log and http-log. The stand-in logs it so; the suite never sends one.
 */
describe('empty arrays in serialize values', () => {
  it('reach Kong’s logs as {} in the stand-in, as cjson writes them', () => {
    const env = { state: { phase: 'access', serialize: {} } } as unknown as PdkEnv;
    logPdk.set_serialize_value(env, 'ai.router', { route: 'default', targets: [], nested: [{ tags: [] }, 'a'] });
    expect(JSON.stringify(env.state.serialize)).toBe('{"ai":{"router":{"route":"default","targets":{},"nested":[{"tags":{}},"a"]}}}');
  });

  it('are left out of what the suite sends', () => {
    expect(withoutEmptyArrays({ route: 'default', targets: [], rule: null, nested: [{ tags: [] }, [], 'a'], counts: {} })).toEqual({
      route: 'default',
      rule: null,
      nested: [{}, 'a'],
      counts: {},
    });
    expect(withoutEmptyArrays([])).toBeUndefined();
  });
});
