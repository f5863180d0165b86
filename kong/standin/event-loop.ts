import { fromJs, toLua } from './lua-values';
import type { RpcClient } from './msgpack-rpc';
import { buildError, buildExit, findPdkFunction, LuaError, stepMethodFor, type PdkEnv } from './pdk';

/**
 * One phase of one external plugin, as Kong's bridge_loop runs it: HandleEvent,
 * then answer each PDK call the plugin makes with the right Step* until "ret".
 * `exit`/`error` end the event with no reply; a Lua error ends it with no reply.
 */
export type EventOutcome = { kind: 'done' } | { kind: 'exit' } | { kind: 'lua-error'; message: string };

interface EventReply {
  Data: unknown;
  EventId: number;
}

export async function runEvent(rpc: RpcClient, instanceId: number, phase: string, env: PdkEnv): Promise<EventOutcome> {
  let reply = (await rpc.call('plugin.HandleEvent', [{ InstanceId: instanceId, EventName: phase }])) as EventReply;
  for (;;) {
    const data = reply.Data;
    if (data === 'ret') return { kind: 'done' };
    const { Method: method, Args: rawArgs } = (data ?? {}) as { Method?: string; Args?: unknown[] };
    const args = (rawArgs ?? []).map(fromJs);
    try {
      if (method === 'kong.response.exit' || method === 'kong.response.error') {
        env.state.exit = method === 'kong.response.exit' ? buildExit(env, args) : buildError(env, args);
        env.state.source = 'exit';
        return { kind: 'exit' };
      }
      const fn = method ? findPdkFunction(method) : undefined;
      let result: unknown;
      if (fn) result = fn(env, ...args);
      else env.errorLog(`[error] could not find pdk method: ${String(method)}`);
      const lua = toLua(result);
      const step: Record<string, unknown> = { EventId: reply.EventId };
      if (lua !== undefined) step.Data = lua;
      reply = (await rpc.call(stepMethodFor(method ?? ''), [step])) as EventReply;
    } catch (err) {
      if (err instanceof LuaError) {
        env.errorLog(`[error] ${method}: ${err.message}`);
        return { kind: 'lua-error', message: err.message };
      }
      throw err;
    }
  }
}
