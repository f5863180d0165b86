import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Decoder, Encoder } from '@msgpack/msgpack';
import { createLogger } from '../../../plugins/core/logger';
import { listPluginDirs, writePluginDirs } from '../../../plugins/suite/plugin-dirs';
import { DEFAULT_PLUGINS_ROOT } from '../../../plugins/suite/registry';
import { serveRpc } from '../../../plugins/suite/rpc-listener';
import { loadPluginServer } from '../../../plugins/suite/serve';
import { SUITE_FIXTURES } from '../../support/paths';

/** The suite's MessagePack-RPC listener, over a real unix socket, with kong-pdk's real Server behind it. */
describe('rpc listener', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpc-listener-'));
  const socketPath = path.join(dir, 'llm-proxy.sock');
  let listener: net.Server;

  beforeAll(async () => {
    const { server } = loadPluginServer(listPluginDirs(DEFAULT_PLUGINS_ROOT).find((p) => p.name === 'llm-proxy')!.dir);
    listener = serveRpc(server, socketPath, createLogger('test-rpc'));
    await new Promise((resolve) => listener.once('listening', resolve));
  });
  afterAll(() => {
    listener.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const connect = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const socket = net.createConnection(socketPath, () => resolve(socket));
      socket.once('error', reject);
    });

  /** Writes the frames with a pause between them (so each arrives as its own read) and decodes the reply, or reports the close. */
  const call = async (socket: net.Socket, frames: Uint8Array[]): Promise<unknown> => {
    const reply = new Promise<unknown>((resolve) => {
      const chunks: Buffer[] = [];
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        try {
          const message = new Decoder().decode(Buffer.concat(chunks));
          socket.off('data', onData);
          socket.off('close', onClose);
          resolve(message);
        } catch {
          // wait for the rest
        }
      };
      const onClose = () => resolve('closed');
      socket.on('data', onData);
      socket.once('close', onClose);
    });
    for (const frame of frames) {
      socket.write(frame);
      await new Promise((r) => setTimeout(r, 2));
    }
    return reply;
  };

  it('answers a call however Kong’s write is cut into reads, including inside headers and after a bin payload', async () => {
    const request = new Encoder().encode([0, 7, 'plugin.GetPluginInfo', ['llm-proxy', Buffer.alloc(24, 1)]]);
    const socket = await connect();
    for (let cut = 1; cut < request.length; cut++) {
      const reply = (await call(socket, [request.subarray(0, cut), request.subarray(cut)])) as unknown[];
      expect(reply).not.toBe('closed');
      expect(reply.slice(0, 3)).toEqual([1, 7, null]);
      expect((reply[3] as { Name: string }).Name).toBe('llm-proxy');
    }
    socket.destroy();
  });

  it('answers an unknown method with an error reply and keeps the connection', async () => {
    const socket = await connect();
    expect(await call(socket, [new Encoder().encode([0, 1, 'plugin.step', []])])).toEqual([1, 1, 'method plugin.step not implemented', null]);
    expect(await call(socket, [new Encoder().encode([0, 2, 'other.Thing', []])])).toEqual([1, 2, 'method other.Thing not implemented', null]);
    const info = (await call(socket, [new Encoder().encode([0, 3, 'plugin.GetPluginInfo', ['llm-proxy']])])) as unknown[];
    expect(info.slice(0, 3)).toEqual([1, 3, null]);
    socket.destroy();
  });

  it('closes a connection that sends something other than a request, and keeps serving others', async () => {
    const bad = await connect();
    expect(await call(bad, [new Encoder().encode(42)])).toBe('closed');
    const good = await connect();
    const info = (await call(good, [new Encoder().encode([0, 4, 'plugin.GetPluginInfo', ['llm-proxy']])])) as unknown[];
    expect(info.slice(0, 3)).toEqual([1, 4, null]);
    good.destroy();
  });
});

/** Events Kong ends without a last Step must not stay in kong-pdk's table for the life of the process. */
describe('rpc listener: ended events', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpc-events-'));
  const socketPath = path.join(dir, 'probe-answer.sock');
  let listener: net.Server;
  let events: Map<unknown, unknown>;

  beforeAll(async () => {
    writePluginDirs(path.join(dir, 'plugins'), [{ name: 'probe-answer', modulePath: path.join(SUITE_FIXTURES, 'probe-answer.js') }]);
    const { server } = loadPluginServer(path.join(dir, 'plugins', 'probe-answer'));
    events = (server as unknown as { events: Map<unknown, unknown> }).events;
    listener = serveRpc(server, socketPath, createLogger('test-rpc'));
    await new Promise((resolve) => listener.once('listening', resolve));
  });
  afterAll(() => {
    listener.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Plays Kong: answers each PDK call from `answers` (by method) until "ret" or an exit, which Kong never answers. */
  async function runEvent(socket: net.Socket, instanceId: number, answers: Record<string, unknown>): Promise<string> {
    let msgid = 100;
    const rpc = (method: string, args: unknown[]) =>
      new Promise<{ Data: unknown; EventId: number }>((resolve, reject) => {
        const id = msgid++;
        const onData = (chunk: Buffer) => {
          const [, replyId, error, result] = new Decoder().decode(chunk) as [number, number, unknown, { Data: unknown; EventId: number }];
          if (replyId !== id) return;
          socket.off('data', onData);
          if (error) reject(new Error(String(error)));
          else resolve(result);
        };
        socket.on('data', onData);
        socket.write(new Encoder().encode([0, id, method, args]));
      });
    let step = await rpc('plugin.HandleEvent', [{ InstanceId: instanceId, EventName: 'access' }]);
    for (;;) {
      if (step.Data === 'ret') return 'ret';
      const method = (step.Data as { Method: string }).Method;
      if (method === 'kong.response.exit') return method;
      step = await rpc('plugin.Step', [{ EventId: step.EventId, Data: answers[method] ?? null }]);
    }
  }

  it('forgets an event that ended with kong.response.exit, and one that returned', async () => {
    const socket = await new Promise<net.Socket>((resolve) => {
      const s = net.createConnection(socketPath, () => resolve(s));
    });
    const started = await new Promise<{ Id: number }>((resolve) => {
      socket.once('data', (chunk) => resolve((new Decoder().decode(chunk) as [number, number, unknown, { Id: number }])[3]));
      socket.write(new Encoder().encode([0, 1, 'plugin.StartInstance', [{ Name: 'probe-answer', Config: JSON.stringify({ on_error: 'block' }) }]]));
    });
    for (let i = 0; i < 50; i++) {
      expect(await runEvent(socket, started.Id, { 'kong.request.get_header': 'answer' })).toBe('kong.response.exit');
      expect(await runEvent(socket, started.Id, {})).toBe('ret');
    }
    expect(events.size).toBe(0);
    socket.destroy();
  });
});

