import { randomInt } from 'node:crypto';
import type Server from 'kong-pdk/server';

/**
 * Instance ids that a restarted suite does not hand out again. Kong 3.4.2 caches an id per plugin
 * entity and, when a restarted server answers "no plugin instance", forgets only the entity that
 * failed (reset_instance). kong-pdk numbers instances from 0 in every Server, so after a restart the
 * first entity to come back gets id 0 while another entity may still hold the old 0, and would run
 * the new instance's config (one llm-proxy route with another's providers). One counter for all six
 * servers, from a random start below 2^30, makes a stale id meet a live one with odds of about
 * (instances started) / 2^30; ids stay below 2^31, a positive int32 in MessagePack and Lua alike.
 */
const shared = { next: randomInt(0, 2 ** 30) };

export function useSharedInstanceIds(server: Server): void {
  Object.defineProperty(server, 'instanceID', {
    get: () => shared.next,
    set: (value: number) => {
      shared.next = value;
    },
    configurable: true,
  });
}
