import { addressDetector } from './address';
import { allowFilter, type AllowList } from './allow-list';
import { creditCardDetector } from './credit-card';
import { customDetector, type CustomPattern } from './custom';
import { emailDetector } from './email';
import { ibanDetector } from './iban';
import { ipDetector } from './ip';
import { resolveOverlaps } from './overlap';
import { personDetector } from './person';
import { phoneDetector } from './phone';
import { secretDetector } from './secrets';
import { ssnDetector } from './ssn';
import { DEFAULT_MIN_CONFIDENCE, type Category, type Detector, type Finding } from './types';
import { urlCredentialsDetector } from './url-credentials';

/**
 * The PII and secret detection engine: every detector validates what it finds
 * and gives a confidence; findings below the threshold, on the allow-list or
 * overlapping a more specific finding are dropped. Built once per plugin
 * instance; `detect` is synchronous and allocation-light.
 */
export const BUILT_IN: Detector[] = [
  emailDetector,
  phoneDetector,
  creditCardDetector,
  ibanDetector,
  ssnDetector,
  ipDetector,
  urlCredentialsDetector,
  secretDetector,
  personDetector,
  addressDetector,
];

export const BUILT_IN_CATEGORIES = BUILT_IN.map((d) => d.category);

export interface DetectorOptions {
  categories?: Category[];
  custom?: CustomPattern[];
  allow?: AllowList;
  /** Findings below this confidence are ignored (default 0.5). */
  minConfidence?: number;
}

export interface PiiDetector {
  detect(text: string): Finding[];
}

export function createDetector(options: DetectorOptions = {}): PiiDetector {
  const wanted = options.categories ? new Set(options.categories) : undefined;
  const detectors = [
    ...BUILT_IN.filter((d) => !wanted || wanted.has(d.category)),
    ...(options.custom ?? []).map(customDetector),
  ];
  const allowed = allowFilter(options.allow);
  const min = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return {
    detect(text) {
      if (!text) return [];
      const found: Finding[] = [];
      const priorities: number[] = [];
      for (const d of detectors) {
        for (const f of d.detect(text)) {
          if (f.confidence < min || !allowed(f)) continue;
          found.push(f);
          priorities.push(d.priority);
        }
      }
      return resolveOverlaps(found, priorities);
    },
  };
}

export type { Category, Finding } from './types';
export type { CustomPattern } from './custom';
export type { AllowList } from './allow-list';
