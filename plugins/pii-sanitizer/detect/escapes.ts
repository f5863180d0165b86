import { reading, unfolded } from './folding';
import type { Detector } from './types';

/**
 * An "@" or a "+" written as a URL or an HTML page escapes it: a link's "unsubscribe?email=maria.gonzalez%40gmail.com",
 * a form's "phone=%2B14155550132", a page's "maria&#64;gmail.com", "&#x40;" or "&commat;"; and what parts words in a
 * URL ("body=From%3A%20maria.gonzalez%40gmail.com"), so the address starts where it does. The detector reads the text
 * as typed and decoded; a finding of the decoded text is mapped back onto the text as typed, the whole escape inside it.
 */
export const ADDRESS_ESCAPES = /%(?:40|2B|20|3A|3C|3E|22|2C|3B|0A|09)|&#0*(?:64|43);|&#x0*(?:40|2B);|&commat;|&plus;/gi;
/** A phone's "+" alone: a URL's encoded blanks between digits are no phone's. */
export const PLUS_ESCAPES = /%2B|&#0*43;|&#x0*2B;|&plus;/gi;
const DECODED: Record<string, string> = { '40': '@', '64': '@', commat: '@', '2b': '+', '43': '+', plus: '+', '20': ' ', '3a': ':', '3c': '<', '3e': '>', '22': '"', '2c': ',', '3b': ';', '0a': '\n', '09': '\t' };
/** What an escape stands for: its code or name, "0"s and "x" left out. */
const decode = (escape: string) => DECODED[escape.toLowerCase().replace(/^%|^&#x?0*|^&|;$/g, '')] ?? escape;

/** `detector` reading the text as typed and with its `escapes` decoded; overlaps are resolved as any other. */
export function readingEscapes(detector: Detector, escapes: RegExp): Detector {
  return {
    ...detector,
    detect(text) {
      const found = detector.detect(text);
      const decoded = text.includes('%') || text.includes('&') ? reading(text, escapes, decode) : undefined;
      if (!decoded) return found;
      return [...found, ...detector.detect(decoded.text).map((f) => unfolded(f, decoded, text))];
    },
  };
}
