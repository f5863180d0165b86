import { compileConfiguredPattern } from '../../core/configured-pattern';
import { matches } from './context';
import type { Detector, Finding } from './types';

/**
 * Custom patterns by name, compiled once; a pattern that could backtrack exponentially is refused
 * (`configured-pattern.ts`).
 */
export interface CustomPattern {
  name: string;
  pattern: string;
  confidence?: number;
}

/** The flags custom patterns run with. */
export const CUSTOM_PATTERN_FLAGS = 'gu';

export function customDetector(spec: CustomPattern): Detector {
  const pattern = compileConfiguredPattern(spec.pattern, CUSTOM_PATTERN_FLAGS, `custom pattern '${spec.name}'`);
  return {
    name: `custom:${spec.name}`,
    category: spec.name,
    priority: 120,
    detect(text): Finding[] {
      // A pattern that can match nothing ("(?:TKT-\d+)?") finds only its non-empty matches.
      return [...matches(text, pattern)].filter((m) => m[0].length > 0).map((m) => ({
        category: spec.name,
        start: m.index,
        end: m.index + m[0].length,
        value: m[0],
        confidence: spec.confidence ?? 0.9,
        detector: `custom:${spec.name}`,
      }));
    },
  };
}
