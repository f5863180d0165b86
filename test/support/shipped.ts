import path from 'node:path';
import { DIST } from './paths';

/** A shipped plugin's compiled module, as the suite process loads it. */
export function shipped(...names: string[]): Array<{ name: string; modulePath: string }> {
  return names.map((name) => ({ name, modulePath: path.join(DIST, 'plugins', name, 'index.js') }));
}
