import { clientPdk, routerPdk } from './client-router';
import { ctxSharedPdk, logPdk, nginxPdk, nodePdk, pluginPdk } from './misc';
import { requestPdk } from './request';
import { responsePdk } from './response';
import { servicePdk, serviceRequestPdk, serviceResponsePdk } from './service';
import type { PdkFunction, PdkTable } from './types';

/** Every emulated PDK function by its dotted Lua name, as Kong resolves `Method`. */
const MODULES: Record<string, PdkTable> = {
  'kong.request': requestPdk,
  'kong.client': clientPdk,
  'kong.router': routerPdk,
  'kong.service': servicePdk,
  'kong.service.request': serviceRequestPdk,
  'kong.service.response': serviceResponsePdk,
  'kong.response': responsePdk,
  'kong.ctx.shared': ctxSharedPdk,
  'kong.nginx': nginxPdk,
  'kong.log': logPdk,
  'kong.plugin': pluginPdk,
  'kong.node': nodePdk,
};

export function findPdkFunction(method: string): PdkFunction | undefined {
  const dot = method.lastIndexOf('.');
  return MODULES[method.slice(0, dot)]?.[method.slice(dot + 1)];
}

/** The Step* method Kong answers with (mp_rpc's fixed table, §7.1). */
const STEP_BY_METHOD: Record<string, string> = {
  'kong.client.get_credential': 'plugin.StepCredential',
  'kong.client.authenticate': 'plugin.StepCredential',
  'kong.client.get_consumer': 'plugin.StepConsumer',
  'kong.client.load_consumer': 'plugin.StepConsumer',
  'kong.router.get_route': 'plugin.StepRoute',
  'kong.router.get_service': 'plugin.StepService',
  'kong.node.get_memory_stats': 'plugin.StepMemoryStats',
  'kong.request.get_query': 'plugin.StepMultiMap',
  'kong.request.get_headers': 'plugin.StepMultiMap',
  'kong.response.get_headers': 'plugin.StepMultiMap',
  'kong.service.response.get_headers': 'plugin.StepMultiMap',
};

export function stepMethodFor(method: string): string {
  return STEP_BY_METHOD[method] ?? 'plugin.Step';
}

export { LuaError } from './lua-error';
export { buildError, buildExit, finalHeaders, defaultMessage } from './response';
export { setDotted } from './misc';
export type { PdkEnv } from './types';
