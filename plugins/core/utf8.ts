const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as UTF-8 text, or undefined when they are not valid UTF-8 (nothing replaced, nothing guessed). */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}
