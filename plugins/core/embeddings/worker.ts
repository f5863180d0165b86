import { parentPort, workerData } from 'node:worker_threads';
import { loadLocalEngine, type LocalEngineSpec } from './engines/local-engines';

/**
 * An embedding worker thread: loads one local engine, warms it, then answers
 * batches. Vectors go back as transferred buffers, so nothing is copied twice.
 * It leaves on a `close` message once no native call is under way: a worker
 * terminated in the middle of an ONNX Runtime call aborts the whole process.
 */
type Message = { type: 'batch'; id: number; texts: string[] } | { type: 'close' };

const WARM_UP_CALLS = 60;

async function main(): Promise<void> {
  const port = parentPort!;
  let busy = true;
  let closing = false;
  const leaveIfAsked = () => {
    if (closing && !busy) port.close();
  };
  const queue: Array<{ id: number; texts: string[] }> = [];
  let embed: Awaited<ReturnType<typeof loadLocalEngine>> | undefined;
  const drain = async () => {
    if (!embed) return;
    while (queue.length > 0 && !closing) {
      const msg = queue.shift()!;
      busy = true;
      try {
        const vectors = await embed(msg.texts);
        port.postMessage({ type: 'result', id: msg.id, vectors }, vectors.map((v) => v.buffer as ArrayBuffer));
      } catch (err) {
        port.postMessage({ type: 'error', id: msg.id, message: (err as Error).message });
      }
      busy = false;
    }
    leaveIfAsked();
  };
  port.on('message', (msg: Message) => {
    if (msg.type === 'close') {
      closing = true;
      leaveIfAsked();
    } else if (!busy) {
      queue.push(msg);
      void drain();
    } else queue.push(msg);
  });
  try {
    embed = await loadLocalEngine(workerData as LocalEngineSpec);
    // The first few dozen calls run several times slower (JIT and WASM tiering): pay that before serving.
    for (let i = 0; i < WARM_UP_CALLS && !closing; i++) await embed([`warming up the embedding model, sentence ${i} of ${WARM_UP_CALLS}`]);
    busy = false;
    if (!closing) port.postMessage({ type: 'ready', runtime: embed.runtime });
    void drain();
  } catch (err) {
    busy = false;
    port.postMessage({ type: 'failed', message: (err as Error).message });
    leaveIfAsked();
  }
}

void main();
