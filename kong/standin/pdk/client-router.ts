import { LuaError, NOT_LOG, requirePhase } from './lua-error';
import type { PdkTable } from './types';

/** kong.client.* and kong.router.*: who is calling, and what Kong matched. */
const AFTER_ROUTING = ['access', 'response', 'log'];

export const clientPdk: PdkTable = {
  get_ip: (env) => {
    requirePhase('kong.client.get_ip', env.state.phase, NOT_LOG);
    return env.state.clientIp;
  },
  get_forwarded_ip: (env) => {
    requirePhase('kong.client.get_forwarded_ip', env.state.phase, NOT_LOG);
    return env.state.clientIp;
  },
  get_port: (env) => {
    requirePhase('kong.client.get_port', env.state.phase, NOT_LOG);
    return env.state.clientPort;
  },
  get_protocol: () => 'http',
  get_consumer: (env) => {
    requirePhase('kong.client.get_consumer', env.state.phase, AFTER_ROUTING);
    return env.state.consumer;
  },
  get_credential: (env) => {
    requirePhase('kong.client.get_credential', env.state.phase, AFTER_ROUTING);
    return env.state.credential;
  },
  authenticate: (env, consumer, credential) => {
    requirePhase('kong.client.authenticate', env.state.phase, ['access']);
    if (!consumer && !credential) throw new LuaError('either credential or consumer must be provided');
    env.state.consumer = (consumer as never) ?? undefined;
    env.state.credential = (credential as never) ?? undefined;
    return undefined;
  },
};

export const routerPdk: PdkTable = {
  get_route: (env) => {
    requirePhase('kong.router.get_route', env.state.phase, AFTER_ROUTING);
    return env.state.route;
  },
  get_service: (env) => {
    requirePhase('kong.router.get_service', env.state.phase, AFTER_ROUTING);
    return env.state.service;
  },
};
