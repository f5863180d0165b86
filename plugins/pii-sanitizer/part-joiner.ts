/**
 * What neighbouring text parts of a message are joined with for the detectors (`sanitize-request.ts`), which read
 * across it as across nothing (an invisible separator). It is the gateway's, not the client's: a value found across
 * parts is the value without it.
 */
export const PART_JOINER = '\u2063';
