import path from 'node:path';

/** Paths of the compiled project, from a compiled test file's point of view (dist/test/support). */
export const DIST = path.resolve(__dirname, '..', '..');
export const REPO = path.resolve(DIST, '..');
export const SUITE_MAIN = path.join(DIST, 'plugins', 'suite', 'main.js');
export const SUITE_FIXTURES = path.join(DIST, 'test', 'fixtures', 'suite-plugins');
