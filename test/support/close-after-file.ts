import { runShutdownHooks } from '../../plugins/core/lifecycle';

/**
 * Runs after every test file, in the file's own module registry: closes what the
 * file started in-process (embedding worker pools, Redis clients) the way the
 * suite does on SIGTERM, so no worker is torn down in the middle of a native call.
 */
afterAll(() => runShutdownHooks(15_000), 30_000);
