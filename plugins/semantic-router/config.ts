import { z } from 'zod';
import { embeddingConfigSchema } from '../core/embeddings/config';
import { promptSelectionSchema } from '../core/prompt-text';

/**
 * semantic-router's configuration: the single source of truth for Kong's schema
 * and the docs. Cross-field rules (unique names, something to route by) are
 * checked when the instance starts, in `validateRouterConfig`.
 */
const targetNames = () => z.array(z.string().min(1)).min(1);

export const routeSchema = z.object({
  name: z.string().min(1).max(100).describe('A unique name for the route, sent to the client in the X-Route header and logged.'),
  description: z.string().optional().describe('What the route is for, for people reading the configuration (not used to score).'),
  utterances: z
    .array(z.string().min(1))
    .min(1)
    .describe('Example prompts of this route; a prompt is scored by the mean of its top_k best similarities to them.'),
  targets: targetNames().describe('Names of llm-proxy targets (on the same Kong route) that serve prompts of this route.'),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Least top-k similarity for this route to be chosen (default: the global threshold); fitted by fit.js.'),
});

export const costAwareSchema = z.object({
  enabled: z.boolean().default(false).describe('Turns cost-aware mode on for prompts that reach the default route.'),
  strong_targets: z.array(z.string().min(1)).default([]).describe('llm-proxy targets of the strong (expensive) model.'),
  weak_targets: z
    .array(z.string().min(1))
    .default([])
    .describe('llm-proxy targets of the weak (cheap) model, used unless the prompt likely needs the strong one.'),
  strong_examples: z
    .array(z.string().min(1))
    .default([])
    .describe('Example prompts that need the strong model (at least 2; ten or more work better).'),
  weak_examples: z
    .array(z.string().min(1))
    .default([])
    .describe('Example prompts the weak model answers well enough (at least 2; ten or more work better).'),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Probability that the prompt needs the strong model above which it goes to strong_targets.'),
});

export const configSchema = z.object({
  routes: z
    .array(routeSchema)
    .default([])
    .describe('The routes: each with example utterances and the llm-proxy targets its prompts go to.'),
  default_route: z
    .object({
      name: z.string().min(1).default('default').describe('Name reported (header, logs) when no route passes its threshold.'),
      targets: z
        .array(z.string().min(1))
        .default([])
        .describe('llm-proxy targets for prompts no route claims; empty means no narrowing (all of llm-proxy’s targets).'),
    })
    .prefault({})
    .describe('Where prompts go when no route passes its threshold (an abstention) or no text can be read.'),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Default least top-k cosine similarity for a route to be chosen; routes may set their own.'),
  top_k: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(3)
    .describe('A route’s score is the mean of the top_k highest similarities between the prompt and its utterances.'),
  classifier: z
    .enum(['logistic', 'similarity'])
    .default('logistic')
    .describe('logistic: a linear classifier trained on the utterances at start picks the route; similarity: the best top-k score does.'),
  messages: promptSelectionSchema.prefault({}).describe('Which messages of the conversation are embedded to route the request.'),
  embedding: embeddingConfigSchema.prefault({}).describe('Which embedding engine turns utterances and prompts into vectors.'),
  cost_aware: costAwareSchema
    .prefault({})
    .describe('Cost-aware mode for prompts that reach the default route: weak model unless the prompt likely needs the strong one.'),
  response_header: z
    .string()
    .min(0)
    .default('X-Route')
    .describe('Response header that tells the client the chosen route; an empty string sends no header.'),
  max_body_size: z.number().int().min(1).default(1048576).describe('Largest request body read to route, in bytes; larger bodies are refused.'),
  on_error: z
    .enum(['pass', 'block'])
    .default('pass')
    .describe('What a failure inside the router does: pass to the default route (default) or block the request with a 500.'),
});

export type RouterConfig = z.output<typeof configSchema>;
export type RouteConfig = z.output<typeof routeSchema>;
export type CostAwareConfig = z.output<typeof costAwareSchema>;

/** Rules zod cannot see field by field; a violation refuses the instance with a clear message. */
/** An example with no letter or digit ("", " ", ".") embeds near every short or junk prompt, pulling them to its route. */
function wordless(example: string): boolean {
  return !/[\p{L}\p{N}]/u.test(example);
}

export function validateRouterConfig(config: RouterConfig): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const route of config.routes) {
    if (seen.has(route.name)) problems.push(`routes: the name '${route.name}' is used twice`);
    seen.add(route.name);
    route.utterances.forEach((u, i) => wordless(u) && problems.push(`routes.${route.name}.utterances[${i}]: has no words`));
  }
  if (seen.has(config.default_route.name)) {
    problems.push(`default_route.name '${config.default_route.name}' is also the name of a route`);
  }
  const cost = config.cost_aware;
  if (cost.enabled) {
    if (cost.strong_targets.length === 0) problems.push('cost_aware.strong_targets: at least one target is needed');
    if (cost.weak_targets.length === 0) problems.push('cost_aware.weak_targets: at least one target is needed');
    if (cost.strong_examples.length < 2) problems.push('cost_aware.strong_examples: at least two examples are needed');
    if (cost.weak_examples.length < 2) problems.push('cost_aware.weak_examples: at least two examples are needed');
    for (const key of ['strong_examples', 'weak_examples'] as const) {
      cost[key].forEach((u, i) => wordless(u) && problems.push(`cost_aware.${key}[${i}]: has no words`));
    }
  }
  if (config.routes.length === 0 && !cost.enabled) problems.push('routes: at least one route (or cost_aware) is needed');
  if (problems.length > 0) throw new Error(`invalid configuration for plugin 'semantic-router': ${problems.join('; ')}`);
}
