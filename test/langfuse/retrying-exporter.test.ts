import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { RetryingExporter } from '../../plugins/langfuse-tracing/transports/retrying-exporter';

/** An exporter whose Langfuse is down: every send fails as a network error does, and is kept for later. */
class DownExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    done({ code: ExportResultCode.FAILED, error: new Error('connect ECONNREFUSED') });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const span = (i: number, payload: string) => ({ name: `span-${i}`, attributes: { 'langfuse.observation.input': payload }, events: [] }) as unknown as ReadableSpan;

describe('the span buffer while Langfuse is down', () => {
  it('holds spans up to its byte bound, dropping the oldest, whatever their number', async () => {
    const exporter = new RetryingExporter(new DownExporter(), 4096, 512, 4 * 1024 * 1024);
    for (let i = 0; i < 50; i++) exporter.export([span(i, 'x'.repeat(600_000))], () => undefined);
    // The first send's failure puts its span back in front of the others.
    await new Promise((resolve) => setImmediate(resolve));
    // Six spans of 600 KB fit under 4 MB; the other 44 are dropped and counted.
    expect(exporter.pendingCount).toBe(6);
    expect(exporter.dropped).toBe(44);
    for (let i = 0; i < 100; i++) exporter.export([span(i, 'small')], () => undefined);
    expect(exporter.pendingCount).toBe(106);
  });
});
