import { z } from 'zod';

/** What clients may send, per route type, in OpenAI's format. Unknown parameters pass through. */
const textPart = z.object({ type: z.literal('text'), text: z.string() });
/**
 * A link, or an image inline as a base64 data: URL. Any other data (a text file's words under an image's name) is
 * refused: no guard or sanitizer reads it as text, and Gemini would pass it to the model as a document.
 */
const imageUrl = z
  .string()
  .min(1)
  .refine((url) => !/^\s*data:/i.test(url) || /^data:image\/[\w.+-]+(?:;[^,;]*)*;base64,/i.test(url), 'an image_url data: URL must hold a base64 image; send a document as a file part');
const imagePart = z.object({
  type: z.literal('image_url'),
  // OpenAI's form is an object; some clients send the URL alone, taken as the object it stands for.
  image_url: z.union([z.object({ url: imageUrl, detail: z.string().optional() }), imageUrl.transform((url) => ({ url }))]),
});
// Any other part passes as is; a text or image part must be whole (aborting, so a malformed one is told by its own form).
const otherPart = z.looseObject({ type: z.string().refine((type) => type !== 'text' && type !== 'image_url', { abort: true }) });
const content = z.union([z.string(), z.array(z.union([textPart, imagePart, otherPart])), z.null()]);

const toolCall = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/**
 * A system, developer, user or tool message has content: OpenAI refuses one without (a 400 that names it). An
 * assistant's may only call tools, and a legacy function's result may be null.
 */
const message = z
  .looseObject({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: content.optional(),
    name: z.string().optional(),
    tool_calls: z.array(toolCall).optional(),
    tool_call_id: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.role !== 'assistant' && m.role !== 'function' && (m.content === undefined || m.content === null)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: `a ${m.role} message must have content (a string or an array of parts)` });
    }
  });

export const chatRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(message).min(1, 'messages must contain at least one message'),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  // One choice per request: the answer's placeholders are restored and its output scanned as one stream.
  n: z.number().int().min(1).max(1, 'this gateway answers with one choice per request: n must be 1').nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  tools: z
    .array(z.object({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1), description: z.string().optional(), parameters: z.unknown().optional() }) }))
    .optional(),
  tool_choice: z.unknown().optional(),
  response_format: z.looseObject({ type: z.enum(['text', 'json_object', 'json_schema']) }).optional(),
});

export const completionsRequestSchema = z.looseObject({
  model: z.string().optional(),
  prompt: z.union([z.string(), z.array(z.string()).min(1)]),
  stream: z.boolean().optional(),
  max_tokens: z.number().int().positive().nullish(),
});

export const embeddingsRequestSchema = z.looseObject({
  model: z.string().optional(),
  input: z.union([
    z.string().min(1),
    z.array(z.string()).min(1),
    z.array(z.number().int()).min(1),
    z.array(z.array(z.number().int()).min(1)).min(1),
  ]),
  encoding_format: z.enum(['float', 'base64']).optional(),
  dimensions: z.number().int().positive().optional(),
});
