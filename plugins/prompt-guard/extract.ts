import { contentText } from '../core/providers/openai-types';
import type { GuardConfig } from './config';

/**
 * The texts of an OpenAI-format body that the guard looks at, by the config's
 * roles and turns: message contents (strings or text parts), legacy `prompt`
 * and embeddings `input` (as user text), and tool results apart. Also the
 * totals the size limits need, over every message of every role.
 */
export interface ScannedText {
  role: string;
  text: string;
}

export interface Extracted {
  /** Texts for the rules, the topics and injection detection. */
  texts: ScannedText[];
  /** Tool results, for injection detection only (when scan_tool_results is on). */
  toolTexts: string[];
  messageCount: number;
  totalChars: number;
}

type Json = Record<string, unknown>;

const roleOf = (m: Json) => (m.role === 'function' ? 'tool' : String(m.role));

export function extractTexts(body: Json, config: Pick<GuardConfig, 'roles' | 'turns' | 'scan_tool_results'>): Extracted {
  const roles = new Set<string>(config.roles);
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]).filter((m) => m && typeof m === 'object') : [];
  const all = messages.map((m) => ({ role: roleOf(m), text: contentText(m.content) }));
  let totalChars = all.reduce((n, m) => n + m.text.length, 0);

  let texts: ScannedText[];
  if (config.turns === 'latest') {
    // The latest message of each scanned role.
    const latest = new Map<string, ScannedText>();
    for (const m of all) if (roles.has(m.role) && m.role !== 'tool') latest.set(m.role, m);
    texts = [...latest.values()];
  } else {
    texts = all.filter((m) => roles.has(m.role) && m.role !== 'tool');
  }
  let toolTexts: string[] = [];
  if (config.scan_tool_results || roles.has('tool')) {
    const lastUser = all.map((m) => m.role).lastIndexOf('user');
    toolTexts = all.filter((m, i) => m.role === 'tool' && (config.turns === 'all' || i > lastUser)).map((m) => m.text);
  }
  for (const key of ['prompt', 'input'] as const) {
    const value = body[key];
    const values = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : [];
    for (const v of values) {
      totalChars += v.length;
      if (roles.has('user')) texts.push({ role: 'user', text: v });
    }
  }
  return { texts: texts.filter((t) => t.text.trim().length > 0), toolTexts: toolTexts.filter((t) => t.trim().length > 0), messageCount: messages.length, totalChars };
}
