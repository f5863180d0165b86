import type { TextTransform } from '../core/bridge/answer-hooks';
import { MAX_PLACEHOLDER_LENGTH, PLACEHOLDER, type PiiVault } from './vault';

/**
 * Puts the original values back where the model wrote a placeholder, chunk by
 * chunk: text that could be the start of a placeholder split across two stream
 * chunks (`[EMA` + `IL_1]`) is held back until the next chunk decides it.
 */
export function restoreTransform(vault: PiiVault, options: { insideJson?: boolean } = {}): TextTransform {
  let pending = '';
  // Inside tool-call arguments the value lands in a JSON string, so it is escaped as one.
  const render = (value: string) => (options.insideJson ? JSON.stringify(value).slice(1, -1) : value);
  const restore = (text: string) =>
    text.replace(PLACEHOLDER, (match) => {
      const value = vault.byPlaceholder.get(match);
      return value === undefined ? match : render(value);
    });
  return {
    restoresOriginals: true,
    push(text) {
      const combined = pending + text;
      const open = combined.lastIndexOf('[');
      const holdFrom = open >= 0 && combined.indexOf(']', open) < 0 && combined.length - open < MAX_PLACEHOLDER_LENGTH ? open : combined.length;
      pending = combined.slice(holdFrom);
      return restore(combined.slice(0, holdFrom));
    },
    flush() {
      const rest = restore(pending);
      pending = '';
      return rest;
    },
  };
}
