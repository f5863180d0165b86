import { parentPort, workerData } from 'node:worker_threads';
import { loadLocalEngine, type LocalEngineSpec } from './engines/local-engines';

/**
 * An embedding worker thread: loads one local engine, warms it, then answers
 * batches. Vectors go back as transferred buffers, so nothing is copied twice.
 */
interface BatchRequest {
  id: number;
  texts: string[];
}

const WARM_UP_CALLS = 60;

async function main(): Promise<void> {
  const port = parentPort!;
  try {
    const embed = await loadLocalEngine(workerData as LocalEngineSpec);
    // The first few dozen calls run several times slower (JIT and WASM tiering): pay that before serving.
    for (let i = 0; i < WARM_UP_CALLS; i++) await embed([`warming up the embedding model, sentence ${i} of ${WARM_UP_CALLS}`]);
    port.postMessage({ type: 'ready' });
    port.on('message', async (msg: BatchRequest) => {
      try {
        const vectors = await embed(msg.texts);
        port.postMessage({ type: 'result', id: msg.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
      } catch (err) {
        port.postMessage({ type: 'error', id: msg.id, message: (err as Error).message });
      }
    });
  } catch (err) {
    port.postMessage({ type: 'failed', message: (err as Error).message });
  }
}

void main();
