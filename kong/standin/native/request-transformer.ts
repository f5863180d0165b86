import type { KongField } from '../../../schemas/kong-field';
import type { NativePlugin } from './types';

/**
 * Kong's request-transformer (priority 801) on JSON bodies, as 3.4.2's access.lua does it: `remove.body` names,
 * then `replace.body` "name:value" for names present, then `add.body` "name:value" for names absent, values as
 * strings; the body goes upstream through kong.service.request.set_raw_body (Kong's one request object).
 */
const bodyList = (name: string): KongField => ({
  [name]: { type: 'record', fields: [{ body: { type: 'array', elements: { type: 'string' }, default: [], required: true } }] },
});

function pairs(list: unknown): Array<[string, string]> {
  return ((list as string[] | undefined) ?? []).map((item) => {
    const colon = item.indexOf(':');
    return [item.slice(0, colon), item.slice(colon + 1)];
  });
}

export const requestTransformer: NativePlugin = {
  name: 'request-transformer',
  priority: 801,
  fields: [bodyList('remove'), bodyList('replace'), bodyList('add')],
  access(state, config) {
    if (!/json/i.test(state.headers['content-type']?.[0] ?? '')) return undefined;
    let parameters: Record<string, unknown>;
    try {
      parameters = state.body.length > 0 ? (JSON.parse(state.body.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return undefined;
    }
    const part = (name: string) => (config[name] as { body?: unknown } | undefined)?.body;
    let changed = false;
    for (const name of (part('remove') as string[] | undefined) ?? []) {
      delete parameters[name];
      changed = true;
    }
    for (const [name, value] of pairs(part('replace'))) {
      if (parameters[name] === undefined) continue;
      parameters[name] = value;
      changed = true;
    }
    for (const [name, value] of pairs(part('add'))) {
      if (parameters[name] !== undefined) continue;
      parameters[name] = value;
      changed = true;
    }
    if (changed) state.body = state.upstream.body = Buffer.from(JSON.stringify(parameters));
    return undefined;
  },
};
