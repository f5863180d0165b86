const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text, or undefined when they are not valid UTF-8 (nothing replaced, nothing guessed). */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** The encoding a byte-order mark names (UTF-16 in either byte order, or UTF-8), or undefined without one. */
export function markedEncoding(bytes: Uint8Array): TextEncoding | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8';
  return undefined;
}

function swapPairs(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1]!;
    out[i + 1] = bytes[i]!;
  }
  return out;
}

/**
 * A text file's bytes as its reader sees them: UTF-16 when a byte-order mark says so (Windows' Notepad and PowerShell
 * write such files), otherwise UTF-8, the mark dropped. `strict` returns undefined for bytes that are not valid UTF-8.
 */
export function textOfFile(bytes: Buffer, strict = false): string | undefined {
  const marked = markedEncoding(bytes);
  if (marked === 'utf16le') return bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le');
  if (marked === 'utf16be') return swapPairs(bytes.subarray(2)).toString('utf16le');
  const body = marked === 'utf8' ? bytes.subarray(3) : bytes;
  return strict ? strictUtf8(body) : body.toString('utf8');
}

/** `text` written as `original` was: in its encoding, with its byte-order mark. */
export function fileLike(original: Buffer, text: string): Buffer {
  const marked = markedEncoding(original);
  if (marked === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (marked === 'utf16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), swapPairs(Buffer.from(text, 'utf16le'))]);
  return marked === 'utf8' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8');
}
