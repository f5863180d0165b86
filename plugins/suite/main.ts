#!/usr/bin/env node
/**
 * The suite's command line, as Kong runs it from kong.conf:
 *   serve  --prefix DIR [--plugins-root DIR]   the one plugin-server process (first entry's start_cmd)
 *   follow --prefix DIR                        every other entry's start_cmd (see follow.ts)
 *   query  <plugin> [--plugins-root DIR]       an entry's query_cmd: pure JSON on stdout
 * Each mode loads only what it needs, so `query` and `follow` start fast.
 */
import { createLogger } from '../core/logger';
import { redactSecrets } from '../core/redact';
import { DEFAULT_PLUGINS_ROOT } from './registry';

interface Args {
  mode: string | undefined;
  positional: string[];
  prefix: string;
  pluginsRoot: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    mode: argv[0],
    positional: [],
    prefix: process.env.KONG_PREFIX ?? '/usr/local/kong',
    pluginsRoot: DEFAULT_PLUGINS_ROOT,
  };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--prefix') args.prefix = argv[++i];
    else if (arg === '--plugins-root') args.pluginsRoot = argv[++i];
    else args.positional.push(arg);
  }
  return args;
}

const USAGE = 'usage: kong-ai-suite serve|follow --prefix DIR [--plugins-root DIR] | query <plugin> [--plugins-root DIR]';

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  switch (args.mode) {
    case 'serve': {
      (await import('./log-file')).logToFile(args.prefix);
      const { serveSuite } = await import('./serve');
      const suite = await serveSuite({ prefix: args.prefix, pluginsRoot: args.pluginsRoot });
      const stop = () => void suite.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      return;
    }
    case 'query': {
      const name = args.positional[0];
      if (!name) throw new Error('query needs a plugin name');
      const { queryPlugin } = await import('./query');
      process.stdout.write(await queryPlugin(args.pluginsRoot, name), () => process.exit(0));
      return;
    }
    case 'follow': {
      const { follow } = await import('./follow');
      process.once('SIGTERM', () => process.exit(0));
      process.exit(await follow({ prefix: args.prefix }));
    }
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  // Through the logger: a suite process that fails to start says why in its log file too.
  createLogger('kong-ai-suite').error(redactSecrets(err.message));
  process.exit(1);
});
