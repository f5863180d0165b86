#!/usr/bin/env node
/** The stand-in on its own: `node dist/kong/standin/main.js --conf kong.conf [--yml kong.yml] [--port 8000]`. */
import { startStandin } from './index';

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const confPath = arg('--conf');
  if (!confPath) throw new Error('usage: main.js --conf <kong.conf> [--yml <kong.yml>] [--port 8000]');
  const standin = await startStandin({ confPath, declarative: arg('--yml'), listen: { port: Number(arg('--port') ?? 8000) } });
  process.stdout.write(`Kong stand-in proxy listening on ${standin.url}\n`);
  const stop = () => void standin.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: Error) => {
  process.stderr.write(`stand-in: ${err.message}\n`);
  process.exit(1);
});
