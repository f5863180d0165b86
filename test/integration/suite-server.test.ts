import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateKongSchema } from '../../schemas/kong-metaschema';
import { writePluginDirs } from '../../plugins/suite/plugin-dirs';
import { DEFAULT_PLUGINS_ROOT, SHIPPED_PLUGINS } from '../../plugins/suite/registry';
import { startEchoUpstream, type EchoUpstream } from '../support/echo-upstream';
import { REPO, SUITE_FIXTURES, SUITE_MAIN } from '../support/paths';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { freePort } from '../support/free-port';
import { waitFor } from '../support/wait-for';

const PROBES = [
  { name: 'probe-reader', modulePath: path.join(SUITE_FIXTURES, 'probe-reader.js') },
  { name: 'probe-answer', modulePath: path.join(SUITE_FIXTURES, 'probe-answer.js') },
];

function declarative(upstreamUrl: string, answerConfig: Record<string, unknown> = {}) {
  return {
    _format_version: '3.0',
    services: [
      {
        name: 'probe-service',
        url: upstreamUrl,
        routes: [
          {
            name: 'probe-route',
            paths: ['/probe'],
            plugins: [
              { name: 'key-auth' },
              { name: 'probe-reader', config: { tag: 'from-kong-yml' } },
              { name: 'probe-answer', config: answerConfig },
            ],
          },
          { name: 'pass-route', paths: ['/pass'], plugins: [{ name: 'probe-answer', config: { on_error: 'pass' } }] },
        ],
      },
    ],
    consumers: [{ username: 'alice', keyauth_credentials: [{ key: 'alice-key' }] }],
  };
}


describe('the suite process: query mode', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-suite-query-'));
    writePluginDirs(root, PROBES);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('prints exactly what kong-js-pluginserver --dump-all-plugins prints, and Kong would accept it', () => {
    for (const { name } of PROBES) {
      const ours = execFileSync(process.execPath, [SUITE_MAIN, 'query', name, '--plugins-root', root], {
        encoding: 'utf8',
      });
      const reference = execFileSync(
        path.join(REPO, 'node_modules', '.bin', 'kong-js-pluginserver'),
        ['-d', path.join(root, name), '--dump-all-plugins'],
        { encoding: 'utf8' },
      );
      expect(ours).toBe(reference);
      const [info, ...rest] = JSON.parse(ours);
      expect(rest).toHaveLength(0);
      expect(info.Name).toBe(name);
      expect(info.Version).toMatch(/^\d+(\.\d+){0,2}$/);
      expect(Number.isInteger(info.Priority)).toBe(true);
      expect(validateKongSchema(info.Schema)).toEqual([]);
    }
  });

  it('does the same for every shipped plugin, from the built plugin directories', () => {
    expect(SHIPPED_PLUGINS.length).toBeGreaterThan(0);
    for (const { name } of SHIPPED_PLUGINS) {
      const ours = execFileSync(process.execPath, [SUITE_MAIN, 'query', name], { encoding: 'utf8' });
      const reference = execFileSync(
        path.join(REPO, 'node_modules', '.bin', 'kong-js-pluginserver'),
        ['-d', path.join(DEFAULT_PLUGINS_ROOT, name), '--dump-all-plugins'],
        { encoding: 'utf8' },
      );
      expect(ours).toBe(reference);
      const [info] = JSON.parse(ours);
      expect(info.Name).toBe(name);
      expect(info.Phases).not.toContain('response');
      expect(validateKongSchema(info.Schema)).toEqual([]);
    }
  });
});

describe('the suite process behind the Kong stand-in', () => {
  let upstream: EchoUpstream;
  let stack: SuiteStack;
  const flushFile = path.join(os.tmpdir(), `ai-suite-flush-${process.pid}`);

  beforeAll(async () => {
    fs.rmSync(flushFile, { force: true });
    upstream = await startEchoUpstream();
    stack = await startSuiteStack({
      plugins: PROBES,
      declarative: declarative(upstream.url),
      env: { PROBE_FLUSH_FILE: flushFile, AI_SUITE_PHASE_DEADLINE_MS: '600' },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await upstream?.close();
    fs.rmSync(flushFile, { force: true });
  });

  const post = (headers: Record<string, string>, body = '{}') =>
    fetch(`${stack.standin.url}/probe`, { method: 'POST', headers: { apikey: 'alice-key', ...headers }, body });

  it('serves every plugin on its own socket from one process', () => {
    for (const { name } of PROBES) expect(fs.existsSync(path.join(stack.dir, `${name}.sock`))).toBe(true);
    const pid = Number(fs.readFileSync(path.join(stack.dir, 'kong-ai-suite.pid'), 'utf8'));
    expect(pid).toBeGreaterThan(0);
  });

  it('passes a 20 KB body, the consumer and the context from one plugin to the next', async () => {
    const res = await post({ 'content-type': 'application/json' }, JSON.stringify({ pad: 'x'.repeat(20_000) }));
    expect(res.status).toBe(200);
    const echoed = (await res.json()) as { headers: Record<string, string> };
    const seen = JSON.parse(echoed.headers['x-probe-seen']);
    expect(seen).toEqual({ tag: 'from-kong-yml', bodyBytes: 20_010, bodyIsBuffer: true, consumer: 'alice' });
  });

  it('answers through kong.response.exit with headers, with the shared context', async () => {
    const res = await post({ 'x-probe': 'answer' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-probe-answer')).toBe('yes');
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { context_id: string; seen: { consumer: string } };
    expect(body.context_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.seen.consumer).toBe('alice');
  });

  it('blocks on an unexpected plugin error with an OpenAI envelope that leaks nothing', async () => {
    const res = await post({ 'x-probe': 'throw' });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text).error).toMatchObject({ type: 'server_error', code: 'gateway_plugin_error' });
    expect(text).not.toMatch(/sk-test|probe failure|at .*\.js/);
  });

  it('passes through on an unexpected error when the plugin is configured to', async () => {
    const res = await fetch(`${stack.standin.url}/pass`, { method: 'POST', headers: { 'x-probe': 'throw' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { path: string }).path).toBe('/');
  });

  it('fails a phase that outlives its deadline by the plugin’s error policy, well before Kong’s 60 s socket timeout', async () => {
    const started = Date.now();
    const blocked = await post({ 'x-probe': 'sleep' });
    expect(blocked.status).toBe(500);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('gateway_plugin_error');
    const passed = await fetch(`${stack.standin.url}/pass`, { method: 'POST', headers: { 'x-probe': 'sleep' }, body: '{}' });
    expect(passed.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(4_000);
    // The connection Kong pooled is still in step: the next request is answered normally.
    expect((await post({ 'x-probe': 'answer' })).headers.get('x-probe-answer')).toBe('yes');
  });

  it('turns a deliberate GatewayError into its status and envelope', async () => {
    const res = await post({ 'x-probe': 'gateway-error' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('probe_refused');
  });

  it('refuses a request without credentials before any suite plugin runs', async () => {
    const res = await fetch(`${stack.standin.url}/probe`, { method: 'POST', body: '{}', headers: { 'x-probe': 'answer' } });
    expect(res.status).toBe(401);
  });

  it('puts access-phase serialize values into what Kong logs', async () => {
    await post({});
    await waitFor(() => stack.standin.logs.some((l) => JSON.stringify(l).includes('from-kong-yml')) || undefined, 5000);
    const entry = stack.standin.logs.find((l) => JSON.stringify(l).includes('from-kong-yml')) as {
      ai: { probe: { reader: string } };
    };
    expect(entry.ai.probe.reader).toBe('from-kong-yml');
  });

  it('recovers when the plugin server is killed and respawned (failing open meanwhile, as Kong does)', async () => {
    await stack.standin.restartPluginServer();
    // While the process is down Kong fails open: the request reaches the upstream unanswered by the plugin.
    // Once it is back, "no plugin instance" makes the stand-in start a new instance, and the plugin answers again.
    let answeredByPlugin = false;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !answeredByPlugin) {
      const res = await post({ 'x-probe': 'answer' }).catch(() => undefined);
      answeredByPlugin = res?.headers.get('x-probe-answer') === 'yes';
      if (!answeredByPlugin) await new Promise((r) => setTimeout(r, 200));
    }
    expect(answeredByPlugin).toBe(true);
    expect(stack.standin.errorLog.join('\n')).toMatch(/terminated: signal SIGKILL/);
  });

  it('after a restart, a plugin entity never runs another entity’s instance through a stale id', async () => {
    const passRoute = () => fetch(`${stack.standin.url}/pass`, { method: 'POST', body: '{}' });
    // probe-answer runs on /pass (on_error: pass) only when it forwards its x-probe-seen header upstream.
    const passServedByPlugin = async () => {
      const res = await passRoute().catch(() => undefined);
      return res?.status === 200 && ((await res.json()) as { headers?: Record<string, string> }).headers?.['x-probe-seen'] !== undefined;
    };
    const until = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 20_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('the plugin server did not come back');
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    // A fresh process in which /probe's entity (on_error: block) starts the first instance, /pass's the second.
    await stack.standin.restartPluginServer();
    await until(async () => (await post({ 'x-probe': 'answer' }).catch(() => undefined))?.headers.get('x-probe-answer') === 'yes');
    await until(passServedByPlugin);
    // Another restart, and this time /pass comes back first: it starts the new process's first instance.
    await stack.standin.restartPluginServer();
    await until(passServedByPlugin);
    // Kong 3.4.2 still holds /probe's old id. Were ids counted from 0 again in the new process, that id
    // would now name /pass's instance, and /probe would run with on_error: pass.
    expect((await post({ 'x-probe': 'throw' })).status).toBe(500);
  });

  it('flushes plugins and removes its sockets on SIGTERM', async () => {
    await stack.close();
    expect(fs.readFileSync(flushFile, 'utf8')).toBe('flushed');
    for (const { name } of PROBES) expect(fs.existsSync(path.join(stack.dir, `${name}.sock`))).toBe(false);
  });
});

describe('the follower', () => {
  it('lives exactly as long as the suite process', async () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-suite-follow-'));
    const root = path.join(prefix, 'plugins');
    writePluginDirs(root, PROBES);
    const follower = spawn(process.execPath, [SUITE_MAIN, 'follow', '--prefix', prefix]);
    const followerExit = new Promise<number | null>((resolve) => follower.on('exit', resolve));
    const suite = spawn(process.execPath, [SUITE_MAIN, 'serve', '--prefix', prefix, '--plugins-root', root]);
    const suiteExit = new Promise<number | null>((resolve) => suite.on('exit', resolve));
    await waitFor(() => fs.existsSync(path.join(prefix, 'probe-answer.sock')) || undefined, 15_000);
    await new Promise((r) => setTimeout(r, 800));
    expect(follower.exitCode).toBeNull();
    suite.kill('SIGTERM');
    expect(await suiteExit).toBe(0);
    expect(await followerExit).toBe(0);
    fs.rmSync(prefix, { recursive: true, force: true });
  });
});

describe('a phase that outlives Kong’s socket timeout (why the suite has its own, shorter, deadline)', () => {
  let upstream: EchoUpstream;
  let stack: SuiteStack;

  beforeAll(async () => {
    upstream = await startEchoUpstream();
    // Kong's timeout shortened below the suite's deadline: what happens with nginx's 60 s and a phase of 61 s.
    stack = await startSuiteStack({ plugins: PROBES, declarative: declarative(upstream.url), env: { AI_SUITE_PHASE_DEADLINE_MS: '1500' }, rpcTimeoutMs: 300 });
  });
  afterAll(async () => {
    await stack?.close();
    await upstream?.close();
  });

  const post = (headers: Record<string, string>) => fetch(`${stack.standin.url}/probe`, { method: 'POST', headers: { apikey: 'alice-key', ...headers }, body: '{}' });

  it('skips the plugin for that request, then answers the next one on the same connection with a 500, as Kong 3.4.2 does', async () => {
    // Kong gives up waiting ("no data"), logs it and goes on without the plugin: the plugin is skipped.
    expect((await post({ 'x-probe': 'sleep' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_000));
    // The late reply waits on the pooled connection; the next call reads it, and Kong's msgid assertion fails.
    expect((await post({ 'x-probe': 'answer' })).status).toBe(500);
    expect(stack.standin.errorLog.join('\n')).toContain('unexpected RPC response ID');
  });
});

describe('kong reload: a new suite process starts before the old one is stopped', () => {
  it('keeps the new process’s sockets and serves Kong from it after the old one exits', async () => {
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-suite-reload-'));
    const root = path.join(prefix, 'plugins');
    writePluginDirs(root, PROBES);
    const metricsPort = String(await freePort());
    const start = () => {
      const child = spawn(process.execPath, [SUITE_MAIN, 'serve', '--prefix', prefix, '--plugins-root', root], {
        env: { ...process.env, AI_SUITE_METRICS_PORT: metricsPort, AI_SUITE_LOG_LEVEL: 'info' },
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      return { child, output: () => output, exit: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
    };
    const socket = path.join(prefix, 'probe-answer.sock');
    const old = start();
    await waitFor(() => old.output().includes('suite listening') || undefined, 15_000);
    const fresh = start();
    // The new process is fully up (sockets bound, metrics tried) while the old one still runs.
    await waitFor(() => fresh.output().includes('suite listening') || fresh.child.exitCode !== null || undefined, 15_000);
    expect(fresh.child.exitCode).toBeNull();
    old.child.kill('SIGTERM');
    expect(await old.exit).toBe(0);
    // The new process is still up (the metrics port was taken) and its sockets are in place and answer.
    expect(fresh.child.exitCode).toBeNull();
    for (const { name } of PROBES) {
      const info = execFileSync(process.execPath, ['-e', GET_PLUGIN_INFO, path.join(prefix, `${name}.sock`), name], { encoding: 'utf8' });
      expect(JSON.parse(info).Name).toBe(name);
    }
    fresh.child.kill('SIGTERM');
    expect(await fresh.exit).toBe(0);
    expect(fs.existsSync(socket)).toBe(false);
    fs.rmSync(prefix, { recursive: true, force: true });
  });
});

/** A one-call Kong: plugin.GetPluginInfo over the socket, printing the result as JSON. */
const GET_PLUGIN_INFO = `
const net = require('node:net');
const { Encoder, Decoder } = require(${JSON.stringify(require.resolve('@msgpack/msgpack'))});
const [socketPath, name] = process.argv.slice(1);
const socket = net.createConnection(socketPath, () => socket.write(new Encoder().encode([0, 1, 'plugin.GetPluginInfo', [name]])));
socket.on('data', (chunk) => { process.stdout.write(JSON.stringify(new Decoder().decode(chunk)[3])); socket.destroy(); });
socket.on('error', (err) => { console.error(err.message); process.exit(1); });
`;

