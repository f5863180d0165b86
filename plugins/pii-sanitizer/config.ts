import { z } from 'zod';

/** pii-sanitizer's configuration: the single source of truth for Kong's schema and the docs. */
const action = z.enum(['placeholder', 'redact', 'mask', 'block']);

export const configSchema = z.object({
  mode: z
    .enum(['input', 'output', 'both'])
    .default('input')
    .describe('input: sanitize prompts; output: also mask PII the model writes; both: the two together.'),
  default_action: action
    .default('placeholder')
    .describe('What to do with a finding whose category has no action of its own (placeholder is restored in the answer).'),
  actions: z
    .record(z.string(), action)
    .optional()
    .describe('Action per category (email, phone, credit_card, iban, ssn, ip, url_credentials, secret, person, address, or a custom name).'),
  categories: z
    .array(z.string())
    .optional()
    .describe('Only these categories are detected (default: all built-in ones plus the custom patterns).'),
  roles: z
    .array(z.enum(['system', 'developer', 'user', 'assistant', 'tool']))
    .default(['system', 'developer', 'user', 'assistant', 'tool'])
    .describe('Message roles whose content is scanned (tool results included via the tool role).'),
  scan_tool_calls: z.boolean().default(true).describe('Also scan the arguments of tool calls in the conversation.'),
  min_confidence: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Findings below this confidence are ignored. Person names guessed by the context model alone have 0.55: 0.56 keeps the rules alone.'),
  custom_patterns: z
    .array(
      z.object({
        name: z.string().min(1).describe('Category name of the pattern, used in placeholders and audit counts.'),
        pattern: z.string().min(1).describe('A JavaScript regular expression; a repeated group holding a quantifier or an alternation is refused.'),
        confidence: z.number().min(0).max(1).default(0.9).describe('Confidence given to each match of the pattern.'),
      }),
    )
    .default([])
    .describe('Extra detectors by name, such as employee or customer numbers.'),
  allow_values: z.array(z.string()).default([]).describe('Exact values never touched, such as the support address.'),
  allow_patterns: z.array(z.string()).default([]).describe('Patterns of values never touched, such as [^@]+@ourcompany\\.com.'),
  max_body_size: z.number().int().min(1).default(1048576).describe('Largest request body scanned, in bytes; larger bodies are refused.'),
  on_error: z
    .enum(['block', 'pass'])
    .default('block')
    .describe('What a failure inside the sanitizer does: block the request (default) or let it through unsanitized.'),
});

export type PiiConfig = z.output<typeof configSchema>;
export type PiiAction = z.output<typeof action>;
