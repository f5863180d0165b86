import { matches } from './context';
import type { Detector, Finding } from './types';

/**
 * Custom patterns by name. Patterns are compiled once; patterns with nested
 * quantifiers (the usual cause of catastrophic backtracking) are refused.
 */
export interface CustomPattern {
  name: string;
  pattern: string;
  confidence?: number;
}

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]/;

export function customDetector(spec: CustomPattern): Detector {
  if (NESTED_QUANTIFIER.test(spec.pattern)) {
    throw new Error(`custom pattern '${spec.name}' has a nested quantifier, which can make matching take exponential time`);
  }
  const pattern = new RegExp(spec.pattern, 'gu');
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
