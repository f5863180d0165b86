import { matches } from './context';
import type { Detector, Finding } from './types';

/**
 * Custom patterns by name. Patterns are compiled once; patterns that repeat a group holding a quantifier or an
 * alternation (the usual cause of catastrophic backtracking) are refused.
 */
export interface CustomPattern {
  name: string;
  pattern: string;
  confidence?: number;
}

/**
 * A repeated group that holds a quantifier or an alternation ("(\d{1,9}){1,99}", "(a|aa)*", "(x+)+"): the ways of
 * matching a run multiply, and a failing match tries them all. Matching is synchronous, so no deadline can stop it.
 */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*?|]|\{\d)(?:[^()\\]|\\.)*\)[+*{]/;

export function customDetector(spec: CustomPattern): Detector {
  // A group's own "(?:", "(?=", "(?<name>" holds no quantifier.
  if (NESTED_QUANTIFIER.test(spec.pattern.replace(/\(\?(?::|=|!|<=|<!|<[A-Za-z]\w*>)/g, '('))) {
    throw new Error(`custom pattern '${spec.name}' repeats a group that holds a quantifier or an alternation, which can make matching take exponential time`);
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
