import { MIN_REMEMBERED_CHARS, REMEMBERED_TEXTS, TextMemo } from '../core/text-memo';
import type { Finding, PiiDetector } from './detect';

/** A finding as remembered: where it is and what, not the value, which the text it was found in gives back. */
type Remembered = Omit<Finding, 'value'>;

/**
 * A detector that remembers each long text's findings by the text's hash. A chat resends its system prompt and every
 * earlier turn with each request, and the detectors' findings depend on the text alone: those texts are read once per
 * route, and only a turn's new words are read again.
 */
export class RememberingDetector implements PiiDetector {
  private readonly memo = new TextMemo<Remembered[]>(REMEMBERED_TEXTS);

  constructor(private readonly detector: PiiDetector) {}

  /** The text's findings if they are remembered. */
  recall(text: string): Finding[] | undefined {
    if (text.length < MIN_REMEMBERED_CHARS) return undefined;
    return this.memo.get(TextMemo.key(text))?.map((f) => ({ ...f, value: text.slice(f.start, f.end) }));
  }

  /** Remembers findings read elsewhere (a worker thread) with the same detectors. */
  remember(text: string, findings: Finding[]): void {
    if (text.length < MIN_REMEMBERED_CHARS) return;
    this.memo.set(
      TextMemo.key(text),
      findings.map(({ value: _value, ...where }) => where),
    );
  }

  detect(text: string): Finding[] {
    const recalled = this.recall(text);
    if (recalled) return recalled;
    const findings = this.detector.detect(text);
    this.remember(text, findings);
    return findings;
  }
}
