import { offThreadTask } from '../core/off-thread/task';
import { createDetector, type DetectorOptions } from './detect';

/** The detectors in a worker thread: each text's findings, for prompts too large to read on the event loop. */
export const task = offThreadTask(__filename, (options: DetectorOptions) => {
  const detector = createDetector(options);
  return (texts: string[]) => texts.map((text) => detector.detect(text));
});
