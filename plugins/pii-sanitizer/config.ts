import { z } from 'zod';
import { patternProblem } from '../core/configured-pattern';
import { ALLOW_PATTERN_FLAGS, anchoredAllowPattern } from './detect/allow-list';
import { CUSTOM_PATTERN_FLAGS } from './detect/custom';
import { BUILT_IN_CATEGORIES } from './detect/types';

/** pii-sanitizer's configuration: the single source of truth for Kong's schema and the docs. */
const action = z.enum(['placeholder', 'redact', 'mask', 'block']);

export const configSchema = z.object({
  mode: z
    .enum(['input', 'output', 'both'])
    .default('input')
    .describe("input: sanitize the request; output: mask PII in the model's answer only (the request goes out as sent); both: the two."),
  default_action: action
    .default('placeholder')
    .describe('What to do with a finding whose category has no action of its own (placeholder is restored in the answer).'),
  actions: z
    .record(z.string(), action)
    .optional()
    .describe('Action per category (email, phone, credit_card, iban, ssn, national_id, crypto_address, ip, url_credentials, secret, cloud_identifier, person, address, or a custom name).'),
  categories: z
    .array(z.string())
    .optional()
    .describe('The built-in categories detected (default: all of them); custom patterns always run.'),
  roles: z
    .array(z.enum(['system', 'developer', 'user', 'assistant', 'tool']))
    .default(['system', 'developer', 'user', 'assistant', 'tool'])
    .describe('Message roles whose content is scanned (tool results included via the tool role).'),
  scan_tool_calls: z.boolean().default(true).describe('Also scan the arguments of tool calls in the conversation, whatever roles names.'),
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
  allow_patterns: z
    .array(z.string())
    .default([])
    .describe('Patterns a whole value must match to be never touched (case-insensitive), such as [a-z0-9._%+-]+@ourcompany\\.com.'),
  allow_categories: z
    .array(z.string())
    .optional()
    .describe('The categories allow_values and allow_patterns apply to (default: all but secret and url_credentials: a password at your domain is still a password).'),
  restore_categories: z
    .array(z.string())
    .optional()
    .describe(
      "The categories whose placeholders are put back in the answer (default: all but secret and url_credentials, which stay placeholders: a model that read an injection could write them into a link or a tool call).",
    ),
  restore_in_links: z
    .boolean()
    .default(false)
    .describe('Put values back inside links the model wrote (https://…?q=[EMAIL_1]); off by default, as a link is fetched by whoever renders it.'),
  max_body_size: z.number().int().min(1).default(1048576).describe('Largest request body scanned, in bytes; larger bodies are refused.'),
  on_error: z
    .enum(['block', 'pass'])
    .default('block')
    .describe('What a failure inside the sanitizer does: block the request (default) or let it through unsanitized.'),
}).superRefine((config, issues) => {
  const custom = config.custom_patterns.map((p) => p.name);
  const known = new Set<string>([...BUILT_IN_CATEGORIES, ...custom]);
  const unknown = (path: Array<string | number>, name: string) =>
    issues.addIssue({ code: 'custom', path, message: `unknown category '${name}' (built-in: ${BUILT_IN_CATEGORIES.join(', ')}; or a custom pattern's name)` });
  config.categories?.forEach((name, i) => known.has(name) || unknown(['categories', i], name));
  config.allow_categories?.forEach((name, i) => known.has(name) || unknown(['allow_categories', i], name));
  config.restore_categories?.forEach((name, i) => known.has(name) || unknown(['restore_categories', i], name));
  for (const name of Object.keys(config.actions ?? {})) if (!known.has(name)) unknown(['actions', name], name);
  custom.forEach((name, i) => {
    if (custom.indexOf(name) !== i) issues.addIssue({ code: 'custom', path: ['custom_patterns', i, 'name'], message: `'${name}' names another custom pattern too` });
  });
  config.custom_patterns.forEach((p, i) => {
    const problem = patternProblem(p.pattern, CUSTOM_PATTERN_FLAGS);
    if (problem) issues.addIssue({ code: 'custom', path: ['custom_patterns', i, 'pattern'], message: problem });
    // A pattern whose matches fall below min_confidence would never act: a config that says nothing it does.
    if (p.confidence < config.min_confidence) {
      issues.addIssue({ code: 'custom', path: ['custom_patterns', i, 'confidence'], message: `${p.confidence} is below min_confidence (${config.min_confidence}): '${p.name}' would never match` });
    }
  });
  config.allow_patterns.forEach((p, i) => {
    const problem = patternProblem(anchoredAllowPattern(p), ALLOW_PATTERN_FLAGS);
    if (problem) issues.addIssue({ code: 'custom', path: ['allow_patterns', i], message: problem });
  });
});

export type PiiConfig = z.output<typeof configSchema>;
export type PiiAction = z.output<typeof action>;
