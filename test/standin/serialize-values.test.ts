import { logPdk } from '../../kong/standin/pdk/misc';
import type { PdkEnv } from '../../kong/standin/pdk/types';
import { withoutEmptyArrays } from '../../plugins/core/log-field';
import { runEvent } from '../../kong/standin/event-loop';
import type { RpcClient } from '../../kong/standin/msgpack-rpc';
import type { RequestState } from '../../kong/standin/request-state';

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

/**
 * What a plugin sends reaches Kong through lua-MessagePack, whose map unpacker stores `t[k] = v`: a key whose value
 * is nil is no key at all. So `{ layer: null }` is an empty table in Lua and absent from what file-log writes, and
 * set_serialize_value(key, nil) clears the key (kong/pdk/log.lua, edit_result: `node[last_subkey] = new_value`).
 */
describe('nulls in what a plugin sends to Kong', () => {
  async function sendToKong(calls: Array<{ Method: string; Args: unknown[] }>): Promise<Record<string, unknown>> {
    const state = { phase: 'access', serialize: {} } as unknown as RequestState;
    const queue = [...calls.map((Data) => ({ Data, EventId: 0 })), { Data: 'ret', EventId: 0 }];
    const rpc = { call: async () => queue.shift() } as unknown as RpcClient;
    await runEvent(rpc, 0, 'access', { state, pluginId: 'p', nodeId: 'n', errorLog: () => undefined });
    return state.serialize;
  }

  it('leaves a map key whose value is null out of the log entry, as Kong’s unpacker does', async () => {
    const serialize = await sendToKong([
      { Method: 'kong.log.set_serialize_value', Args: ['ai.guard', { verdict: 'pass', layer: null, rule: null, nested: [{ a: null, b: 1 }] }] },
    ]);
    expect(JSON.stringify(serialize)).toBe('{"ai":{"guard":{"verdict":"pass","nested":[{"b":1}]}}}');
  });

  it('clears a serialize value set to null', async () => {
    const serialize = await sendToKong([
      { Method: 'kong.log.set_serialize_value', Args: ['ai.cache', { status: 'Miss' }] },
      { Method: 'kong.log.set_serialize_value', Args: ['ai.cache', null] },
    ]);
    expect(JSON.stringify(serialize)).toBe('{"ai":{}}');
  });
});
