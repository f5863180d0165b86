/** The built-in detectors' categories. */
export const BUILT_IN_CATEGORIES = ['email', 'phone', 'credit_card', 'iban', 'ssn', 'national_id', 'crypto_address', 'ip', 'url_credentials', 'secret', 'cloud_identifier', 'person', 'address'] as const;

/** What the detectors find: a category (a built-in one or a custom pattern's name), where, the value, and how sure. */
export type Category = (typeof BUILT_IN_CATEGORIES)[number] | (string & {});

export interface Finding {
  category: Category;
  /** UTF-16 offsets into the scanned text: text.slice(start, end) === value. */
  start: number;
  end: number;
  value: string;
  confidence: number;
  detector: string;
}

export interface Detector {
  name: string;
  category: Category;
  /** Higher wins when findings overlap (a card number is not also a phone number). */
  priority: number;
  detect(text: string): Finding[];
}

export function finding(detector: Detector, start: number, value: string, confidence: number): Finding {
  return { category: detector.category, start, end: start + value.length, value, confidence, detector: detector.name };
}

/** Findings below this confidence are not reported unless the config says otherwise. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;
