import { offThreadAbove, offThreadPool, type PreparedSetup } from '../core/off-thread/pool';
import type { DetectorOptions, PiiDetector } from './detect';
import { task } from './detect-task';
import type { RememberingDetector } from './remembered-findings';

/**
 * The detector a request is sanitized with. The texts the sanitizer will read (`inputs`, as `findingsAfter` gives
 * them to the detector) and has not read before are, when together large, read first by the same detectors in a
 * worker thread, so that a large prompt holds no other request; the sanitizer then finds their findings remembered.
 */
export async function requestDetector(inputs: string[], detector: RememberingDetector, setup: PreparedSetup<DetectorOptions>): Promise<PiiDetector> {
  const unread = [...new Set(inputs)].filter((text) => !detector.recall(text));
  const chars = unread.reduce((n, text) => n + text.length, 0);
  if (unread.length === 0 || chars < offThreadAbove()) return detector;
  const found = await offThreadPool().run(task, setup, unread);
  const ready = new Map(unread.map((text, i) => [text, found[i]!]));
  for (const [text, findings] of ready) detector.remember(text, findings);
  return { detect: (text) => ready.get(text) ?? detector.detect(text) };
}
