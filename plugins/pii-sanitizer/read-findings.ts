import { offThreadAbove, offThreadPool, type PreparedSetup } from '../core/off-thread/pool';
import type { DetectorOptions, PiiDetector } from './detect';
import { task } from './detect-task';

/**
 * The detector a request is sanitized with. The texts the sanitizer will read (`inputs`, as `findingsAfter` gives
 * them to the detector) are, when together large, read first by the same detectors in a worker thread, so that a
 * large prompt holds no other request; the sanitizer then finds their findings ready. A text not read ahead is read
 * here.
 */
export async function requestDetector(inputs: string[], detector: PiiDetector, setup: PreparedSetup<DetectorOptions>): Promise<PiiDetector> {
  const chars = inputs.reduce((n, text) => n + text.length, 0);
  if (chars < offThreadAbove()) return detector;
  const texts = [...new Set(inputs)];
  const found = await offThreadPool().run(task, setup, texts);
  const ready = new Map(texts.map((text, i) => [text, found[i]!]));
  return { detect: (text) => ready.get(text) ?? detector.detect(text) };
}
