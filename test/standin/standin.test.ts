import fs from 'node:fs';
import path from 'node:path';
import { renderKongConf } from '../../kong/conf';
import { startStandin } from '../../kong/standin';
import { startEchoUpstream, type EchoUpstream } from '../support/echo-upstream';
import { SUITE_FIXTURES, SUITE_MAIN } from '../support/paths';
import { startSuiteStack, type SuiteStack } from '../support/suite-stack';
import { writePluginDirs } from '../../plugins/suite/plugin-dirs';
import os from 'node:os';

const PROBE = [{ name: 'probe-headers', modulePath: path.join(SUITE_FIXTURES, 'probe-headers.js') }];

function yml(upstream: string, extra: Record<string, unknown> = {}) {
  return {
    _format_version: '3.0',
    services: [{ name: 'svc', url: upstream, routes: [{ name: 'r', paths: ['/p'], plugins: [{ name: 'probe-headers' }] }] }],
    ...extra,
  };
}

describe('Kong stand-in fidelity', () => {
  let upstream: EchoUpstream;
  let small: SuiteStack;

  beforeAll(async () => {
    upstream = await startEchoUpstream();
    // Kong's default client_body_buffer_size (8k): larger bodies are spooled and unreadable by plugins.
    small = await startSuiteStack({ plugins: PROBE, declarative: yml(upstream.url), bodyBufferSize: '8k', maxBodySize: '16k' });
  });
  afterAll(async () => {
    await small?.close();
    await upstream?.close();
  });

  it('answers 500 when a plugin reads a body larger than the body buffer, as Kong does', async () => {
    const ok = await fetch(`${small.standin.url}/p`, { method: 'POST', headers: { 'x-probe': 'answer' }, body: 'x'.repeat(8000) });
    expect(ok.status).toBe(200);
    const big = await fetch(`${small.standin.url}/p`, { method: 'POST', headers: { 'x-probe': 'answer' }, body: 'x'.repeat(9000) });
    expect(big.status).toBe(500);
    expect(await big.json()).toEqual({ message: 'An unexpected error occurred' });
    const tooBig = await fetch(`${small.standin.url}/p`, { method: 'POST', body: 'x'.repeat(17_000) });
    expect(tooBig.status).toBe(413);
  });

  it('delivers repeated request headers as arrays', async () => {
    const headers = new Headers({ 'x-probe': 'answer' });
    headers.append('x-multi', 'one');
    headers.append('x-multi', 'two');
    const res = await fetch(`${small.standin.url}/p`, { method: 'POST', headers, body: '' });
    const body = (await res.json()) as { multi: string[] };
    // fetch folds repeated headers into one comma-joined line, which is what Kong then sees.
    expect(body.multi).toEqual(['one, two']);
  });

  it('keeps serialize values set in access and loses those set in the log phase', async () => {
    await fetch(`${small.standin.url}/p`, { method: 'POST', body: 'x' });
    await new Promise((r) => setTimeout(r, 300));
    const entry = small.standin.logs.at(-1) as { probe?: Record<string, string> };
    expect(entry.probe).toEqual({ access: 'set-in-access' });
  });

  it('sends Via as Kong 3.4.2 does (its server token alone) and no X-Kong-Request-Id, which came with 3.5', async () => {
    const res = await fetch(`${small.standin.url}/p`, { method: 'POST', body: '' });
    expect(res.headers.get('via')).toBe('kong/3.4.2');
    expect(res.headers.get('x-kong-request-id')).toBeNull();
    const echoed = (await res.json()) as { headers: Record<string, string> };
    expect(echoed.headers['x-kong-request-id']).toBeUndefined();
  });

  it('routes unknown paths to a 404 like Kong', async () => {
    const res = await fetch(`${small.standin.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
  });
});

describe('kong.yml refused with the problem named', () => {
  let dir: string;
  let confPath: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-yml-'));
    writePluginDirs(path.join(dir, 'plugins'), PROBE);
    confPath = path.join(dir, 'kong.conf');
    fs.writeFileSync(
      confPath,
      renderKongConf({ prefix: dir, node: process.execPath, suiteMain: SUITE_MAIN, pluginsRoot: path.join(dir, 'plugins'), plugins: ['probe-headers'] }),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['no _format_version', { services: [] }, /_format_version/],
    ['an unknown top-level key', { _format_version: '3.0', servces: [] }, /servces: unknown field/],
    ['a route without paths, hosts or methods', { _format_version: '3.0', services: [{ name: 's', url: 'http://x', routes: [{ name: 'r' }] }] }, /must set one of/],
    ['a plugin not in plugins=', { _format_version: '3.0', plugins: [{ name: 'cors' }] }, /plugin 'cors' not enabled; add it to the 'plugins' configuration property/],
    ['a plugin config with an unknown field', { _format_version: '3.0', plugins: [{ name: 'key-auth', config: { key_nmes: ['k'] } }] }, /config\.key_nmes: unknown field/],
    ['a plugin config with a wrong type', { _format_version: '3.0', plugins: [{ name: 'rate-limiting', config: { minute: 'lots' } }] }, /config\.minute: expected a number/],
    ['a reference to an unknown service', { _format_version: '3.0', routes: [{ name: 'r', paths: ['/'], service: 'ghost' }] }, /no such service 'ghost'/],
  ])('refuses %s', async (_what, declarative, message) => {
    await expect(startStandin({ confPath, declarative, errorLog: () => undefined })).rejects.toThrow(message);
  });

  it('refuses a plugin whose query output Kong would reject', async () => {
    const badConf = path.join(dir, 'bad.conf');
    fs.writeFileSync(
      badConf,
      fs.readFileSync(confPath, 'utf8').replace(/(pluginserver_probe_headers_query_cmd = ).*/, `$1echo '[{"Name":"probe-headers","Version":"v1","Priority":1,"Phases":[],"Schema":{"name":"probe-headers","fields":[]}}]'`),
    );
    await expect(startStandin({ confPath: badConf, declarative: { _format_version: '3.0' }, errorLog: () => undefined })).rejects.toThrow(
      /VERSION field does not follow the x.y.z format/,
    );
  });
});
