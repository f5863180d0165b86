import { z } from 'zod';
import { patternProblem } from '../core/configured-pattern';
import { embeddingConfigSchema } from '../core/embeddings';
import { UNREADABLE_KINDS } from './unreadable-parts';

/** prompt-guard's configuration: the single source of truth for Kong's schema and the docs. */
const role = z.enum(['system', 'developer', 'user', 'assistant', 'tool']);

const topic = z.object({
  name: z.string().min(1).describe('Name of the topic, used in logs and traces only; never shown to the client.'),
  examples: z
    .array(z.string().min(1))
    .min(1)
    .describe('Example prompts of the topic; a prompt whose meaning is close to one of them (paraphrases included) matches.'),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Cosine similarity from which a prompt matches this topic (default: topic_threshold).'),
});

export const configSchema = z.object({
  action: z
    .enum(['block', 'flag'])
    .default('block')
    .describe('block: refuse a matching request with a 400; flag: let it through and record the verdict for logs and tracing.'),
  block_message: z
    .string()
    .min(1)
    .max(500)
    .default('The request was blocked by the gateway content policy.')
    .describe('Message of the 400 a blocked request gets; the same for every rule, so that it never reveals which rule matched.'),
  roles: z
    .array(role)
    .default(['user'])
    .describe('Message roles whose content the rules, topics and injection detection look at; system or developer also reads tool definitions and a response schema, tool reads tool results with the rest (or see scan_tool_results).'),
  turns: z
    .enum(['latest', 'all'])
    .default('all')
    .describe('latest: only the latest message of each scanned role; all: the whole conversation history.'),
  scan_tool_results: z
    .boolean()
    .default(false)
    .describe('Also run injection detection and deny patterns on tool results (role tool), where indirect injections hide in fetched content.'),
  allow_patterns: z
    .array(z.string().min(1).max(500))
    .max(50)
    .default([])
    .describe('Regular expressions; when any is set, the scanned prompt must match at least one of them or the request is refused.'),
  deny_patterns: z
    .array(z.string().min(1).max(500))
    .max(50)
    .default([])
    .describe('Regular expressions that refuse the request when any scanned message matches; a repeated group holding a quantifier or an alternation is refused.'),
  case_sensitive: z.boolean().default(false).describe('Whether allow_patterns and deny_patterns match case-sensitively.'),
  max_messages: z.number().int().min(1).optional().describe('Largest number of messages a request may carry (all roles).'),
  max_prompt_chars: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Largest total length of the prompt text in characters (all messages and roles, their reasoning included, and a prediction).'),
  max_prompt_tokens: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('Largest prompt size in tokens, all messages and roles, their reasoning included, and a prediction (counted with the o200k_base tokenizer: exact for OpenAI models, an estimate for others).'),
  deny_topics: z
    .array(topic)
    .default([])
    .describe('Topics refused by meaning: each has example prompts, and a prompt close enough to an example is refused.'),
  allow_topics: z
    .array(topic)
    .default([])
    .describe('When set, only prompts close to one of these topics pass; anything else is refused (checked after deny_topics).'),
  topic_threshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .describe('Default cosine similarity from which a prompt matches a topic example (0.7 suits the bundled use-lite engine).'),
  injection: z
    .object({
      enabled: z.boolean().default(true).describe('Run injection and jailbreak detection (heuristics plus the built-in corpus classifier).'),
      threshold: z
        .number()
        .min(0)
        .max(1)
        .default(0.5)
        .describe('Combined score from which a prompt counts as an injection; lower catches more and blocks more honest prompts.'),
      builtin_corpus: z
        .boolean()
        .default(true)
        .describe('Train the classifier on the bundled corpus (deepset prompt injections and benign anchors) when the instance starts.'),
      extra_attacks: z
        .array(z.string().min(1))
        .default([])
        .describe('Your own examples of attacks, added to the corpus the classifier learns from.'),
      extra_benign: z
        .array(z.string().min(1))
        .default([])
        .describe('Your own honest prompts that must not look like attacks (for example your domain’s instructions).'),
      classifier_weight: z
        .number()
        .min(0)
        .max(1)
        .default(0.7)
        .describe('How much the corpus classifier counts in the combined score (0 turns it off, leaving the heuristics).'),
      block_persona: z
        .boolean()
        .default(true)
        .describe('Treat "act as…", "you are now…", "pretend you are…" as injections, as an application with a fixed purpose must; set false on routes that serve a general assistant.'),
      embedding_similarity: z
        .boolean()
        .default(false)
        .describe('Also score embedding similarity to the corpus attacks minus similarity to benign anchors (costs an embedding per prompt).'),
      embedding_weight: z
        .number()
        .min(0)
        .max(20)
        .default(5)
        .describe('How fast the embedding margin (attack minus benign similarity) above 0.05 adds to the combined score.'),
      unreadable_parts: z
        .enum(['pass', 'flag', 'block'])
        .default('pass')
        .describe(
          'What a request does when a scanned message holds a part the guard reads no words from (of unreadable_part_kinds: a PDF, a file_id, audio), where an injection goes unseen: pass: reaches the model unread (the default, as before); flag: passes and is recorded for logs and tracing, whatever action says; block: refused as an injection is (400, the message naming the kind of part; under action: flag, recorded as flag). Applies with enabled: false too.',
        ),
      unreadable_part_kinds: z
        .array(z.enum(UNREADABLE_KINDS))
        .min(1)
        .default(['file', 'file_id', 'input_audio', 'other'])
        .describe(
          'Which parts unreadable_parts counts: file (a file inline that is no text document: PDF, office file, image), file_id (a file known by its id only), input_audio, image_url (images, whose text only the model reads; not by default), other (a part of a type the gateway does not know that carries no text, such as video_url).',
        ),
    })
    .prefault({})
    .describe('Prompt-injection and jailbreak detection: heuristics on decoded text, a corpus classifier, optional embeddings.'),
  embedding: embeddingConfigSchema
    .prefault({})
    .describe('Embedding engine for topics and embedding similarity (default: the bundled use-lite engine, no download).'),
  max_body_size: z.number().int().min(1).default(1048576).describe('Largest request body scanned, in bytes; larger bodies are refused.'),
  on_error: z
    .enum(['block', 'pass'])
    .default('block')
    .describe('What a failure inside the guard (such as an embedding engine that cannot load) does: block (500) or let the request pass.'),
}).superRefine((config, issues) => {
  for (const field of ['allow_patterns', 'deny_patterns'] as const) {
    config[field].forEach((pattern, i) => {
      const problem = patternProblem(pattern, guardPatternFlags(config.case_sensitive));
      if (problem) issues.addIssue({ code: 'custom', path: [field, i], message: problem });
    });
  }
});

/** The flags allow_patterns and deny_patterns run with. */
export const guardPatternFlags = (caseSensitive: boolean) => (caseSensitive ? 'u' : 'iu');

export type GuardConfig = z.output<typeof configSchema>;
