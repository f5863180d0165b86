import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderKongConf } from '../../kong/conf';
import { startStandin, type Standin } from '../../kong/standin';
import { writePluginDirs, type PluginEntry } from '../../plugins/suite/plugin-dirs';
import { SUITE_MAIN } from './paths';

/**
 * The real thing minus Kong: the suite process started by the stand-in from a
 * generated kong.conf, exactly as Kong would start it, with a kong.yml.
 */
export interface SuiteStackOptions {
  plugins: PluginEntry[];
  declarative: object;
  bodyBufferSize?: string;
  maxBodySize?: string;
  env?: Record<string, string>;
  /** Where Kong connects for a plugin, when not straight to the suite's socket (a tap in between). */
  kongSocket?: (plugin: string, suiteSocket: string) => string;
  /** Kong's plugin-server socket timeout (nginx's 60 s), shortened to show what happens past it. */
  rpcTimeoutMs?: number;
  /** kong.conf's log_level (Kong's default, notice, drops the suite process's output from the error log). */
  kongLogLevel?: string;
}

export interface SuiteStack {
  standin: Standin;
  dir: string;
  pluginsRoot: string;
  /** Kong's error log as the stand-in writes it: the suite process's output only at `kongLogLevel` info or debug. */
  errorLog: string[];
  /** The suite's own log file (logs/ai-suite.log in the prefix), read now. */
  suiteLog(): string;
  close(): Promise<void>;
}

export async function startSuiteStack(options: SuiteStackOptions): Promise<SuiteStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-suite-'));
  const pluginsRoot = path.join(dir, 'plugins');
  writePluginDirs(pluginsRoot, options.plugins);
  // `env` keeps the pid: Kong runs start commands with `exec`, and env execs node in turn.
  const assignments = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
  const envPrefix = assignments.length > 0 ? `env ${assignments.join(' ')} ` : '';
  const conf = renderKongConf({
    prefix: dir,
    node: `${envPrefix}${process.execPath}`,
    suiteMain: SUITE_MAIN,
    pluginsRoot,
    plugins: options.plugins.map((p) => p.name),
    bodyBufferSize: options.bodyBufferSize,
    maxBodySize: options.maxBodySize,
    extra: options.kongLogLevel ? { log_level: options.kongLogLevel } : undefined,
  });
  const confPath = path.join(dir, 'kong.conf');
  const rewire = options.kongSocket;
  fs.writeFileSync(
    confPath,
    rewire ? conf.replace(/^(\S+)_socket = (.+)\/([\w-]+)\.sock$/gm, (_, key: string, prefix: string, plugin: string) => `${key}_socket = ${rewire(plugin, `${prefix}/${plugin}.sock`)}`) : conf,
  );
  const errorLog: string[] = [];
  const standin = await startStandin({ confPath, declarative: options.declarative, errorLog: (l) => errorLog.push(l), rpcTimeoutMs: options.rpcTimeoutMs });
  let closing: Promise<void> | undefined;
  return {
    standin,
    dir,
    pluginsRoot,
    errorLog,
    suiteLog: () => {
      try {
        return fs.readFileSync(path.join(dir, 'logs', 'ai-suite.log'), 'utf8');
      } catch {
        return '';
      }
    },
    close(): Promise<void> {
      closing ??= standin.close().finally(() => fs.rmSync(dir, { recursive: true, force: true }));
      return closing;
    },
  };
}
