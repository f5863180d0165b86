import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCaptureServer, type CaptureServer } from '../support/capture-server';
import { spansOf } from '../support/otlp-decode';
import { waitFor } from '../support/wait-for';

jest.setTimeout(60_000);

/**
 * A burst of traces larger than OpenTelemetry's span queue (2,048), into a Langfuse that accepts everything: every
 * span arrives and none is dropped on the way (the queue once dropped the excess uncounted, and the exporter's buffer
 * trimmed spans it was only slow to send: 13,404 of 18,000 lost).
 */
describe('the OpenTelemetry transport under a burst', () => {
  let langfuse: CaptureServer;
  beforeAll(async () => {
    langfuse = await startCaptureServer();
    langfuse.respond = () => ({ status: 200, body: {} });
  });
  afterAll(async () => langfuse.close());

  it('delivers every span of 3,000 traces (18,000 spans) and drops none', async () => {
    const count = 3000;
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, '..', 'support', 'otel-burst.js'), langfuse.url, String(count)]);
    const stats = JSON.parse(stdout.trim().split('\n').at(-1)!) as { delivered: number; dropped: number; droppedInTransport: number };
    expect(stats).toMatchObject({ delivered: count, dropped: 0, droppedInTransport: 0 });
    const received = () => spansOf(langfuse.received).length;
    await waitFor(() => (received() >= count * 6 ? true : undefined), 30_000).catch(() => undefined);
    expect(received()).toBe(count * 6);
  });
});
