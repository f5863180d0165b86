import { jsonExit, type NativePlugin } from './types';
import { parseQuery } from '../pdk/request';
import type { Consumer, Credential } from '../declarative';
import type { RequestState } from '../request-state';

/** Kong's key-auth (priority 1250): finds the key, identifies the consumer, or answers 401. */
export const keyAuth: NativePlugin = {
  name: 'key-auth',
  priority: 1250,
  fields: [
    { key_names: { type: 'array', elements: { type: 'string' }, required: true, default: ['apikey'] } },
    { hide_credentials: { type: 'boolean', required: true, default: false } },
    { anonymous: { type: 'string' } },
    { key_in_header: { type: 'boolean', required: true, default: true } },
    { key_in_query: { type: 'boolean', required: true, default: true } },
    { key_in_body: { type: 'boolean', required: true, default: false } },
    { run_on_preflight: { type: 'boolean', required: true, default: true } },
  ],
  access(state, config, entities) {
    const names = config.key_names as string[];
    let key: string | undefined;
    let foundIn: { where: 'header' | 'query'; name: string } | undefined;
    for (const name of names) {
      const header = config.key_in_header ? state.headers[name.toLowerCase()]?.[0] : undefined;
      const query = config.key_in_query ? parseQuery(state.rawQuery)[name]?.[0] : undefined;
      key = header ?? query;
      if (key !== undefined) {
        foundIn = { where: header !== undefined ? 'header' : 'query', name };
        break;
      }
    }
    const challenge = { 'WWW-Authenticate': 'Key realm="kong"' };
    const anonymous = config.anonymous ? entities.consumers.find((c) => c.id === config.anonymous || c.username === config.anonymous) : undefined;
    if (key === undefined) {
      if (anonymous) return identify(state, anonymous, undefined);
      return jsonExit(401, 'No API key found in request', challenge);
    }
    const credential = entities.credentials.find((c) => c.key === key);
    const consumer = credential && entities.consumers.find((c) => c.id === credential.consumer.id);
    if (!credential || !consumer) {
      if (anonymous) return identify(state, anonymous, undefined);
      return jsonExit(401, 'Invalid authentication credentials', challenge);
    }
    if (config.hide_credentials && foundIn?.where === 'header') delete state.upstream.headers[foundIn.name.toLowerCase()];
    return identify(state, consumer, credential);
  },
};

function identify(state: RequestState, consumer: Consumer, credential: Credential | undefined): undefined {
  state.consumer = consumer;
  state.credential = credential;
  const headers = state.upstream.headers;
  headers['x-consumer-id'] = [consumer.id];
  if (consumer.username) headers['x-consumer-username'] = [consumer.username];
  if (consumer.custom_id) headers['x-consumer-custom-id'] = [consumer.custom_id];
  if (credential) headers['x-credential-identifier'] = [credential.id];
  else headers['x-anonymous-consumer'] = ['true'];
  return undefined;
}
