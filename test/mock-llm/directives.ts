/**
 * Prompt directives: `[[mock:fail=429]]`, `[[mock:latency=200,ttft=50]]`,
 * `[[mock:hang]]`, `[[mock:tool=get_weather]]`… anywhere in the last user
 * message. Unknown or invalid directives are ignored.
 */
import { parseBehaviour, type Behaviour } from './behaviour';

const DIRECTIVE = /\[\[mock:([^\]]*)\]\]/gi;

export function parseDirectives(text: string): Behaviour {
  const fields: Record<string, string> = {};
  for (const [, body] of text.matchAll(DIRECTIVE)) {
    for (const item of (body ?? '').split(',')) {
      const [key, ...rest] = item.split('=');
      const name = key?.trim();
      if (name) fields[name] = rest.join('=').trim();
    }
  }
  return parseBehaviour(fields, false);
}

/** The text without its directives, so answers do not depend on them. */
export function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE, ' ').replace(/\s+/g, ' ').trim();
}
