import { createDetector, type PiiDetector } from '../pii-sanitizer/detect';
import { applyFindings, PiiVault } from '../pii-sanitizer/vault';

/**
 * What the guard gives a remote embedding engine (`openai`: a /v1/embeddings of another service). The guard runs
 * before the sanitizer, to judge the prompt as the client wrote it, so a remote engine would receive its PII and
 * secrets: they go as placeholders ("[EMAIL_1]"), which keep what kind of thing stood there. Local engines get the
 * text whole.
 */
let detector: PiiDetector | undefined;

export function textForRemoteEmbedding(text: string): string {
  detector ??= createDetector();
  return applyFindings(text, detector.detect(text), () => 'placeholder', new PiiVault());
}
