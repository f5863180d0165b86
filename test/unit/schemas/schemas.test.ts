import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { applyKongSchema } from '../../../schemas/kong-config';
import { validateKongSchema } from '../../../schemas/kong-metaschema';
import { toSchemaLua } from '../../../schemas/schema-lua';
import { toKongFields } from '../../../schemas/zod-to-kong';
import { REPO } from '../../support/paths';

const config = z.object({
  model: z.string().min(1).describe('The model every request on this route uses.'),
  temperature: z.number().min(0).max(2).default(1).describe('Sampling temperature passed to the provider.'),
  max_tokens: z.number().int().min(1).max(32768).optional().describe('Upper bound on generated tokens.'),
  mode: z.enum(['block', 'flag']).default('block').describe('What happens when a rule matches.'),
  api_key: z.string().meta({ referenceable: true, encrypted: true }).optional().describe('Provider key; may be a vault reference.'),
  tags: z.array(z.string()).default([]).describe('Labels attached to every trace.'),
  targets: z.array(z.string()).min(1).max(3).optional().describe('Where requests go, one to three.'),
  headers: z.record(z.string(), z.string()).optional().describe('Extra headers sent to the provider.'),
  limits: z
    .object({
      rpm: z.number().int().default(60).describe('Requests per minute allowed.'),
      burst: z.boolean().default(false).describe('Whether short bursts are allowed.'),
    })
    .prefault({})
    .describe('Rate limits applied by the plugin itself.'),
});

describe('zod → Kong schema', () => {
  const fields = toKongFields(config);

  it('produces fields Kong’s metaschema accepts, in kong-pdk’s wrapping', () => {
    expect(validateKongSchema({ name: 'demo', fields: [{ config: { type: 'record', fields } }] })).toEqual([]);
  });

  it('maps kinds, validators, defaults and secrets', () => {
    const byName = Object.fromEntries(fields.map((f) => Object.entries(f)[0]));
    expect(byName.model).toMatchObject({ type: 'string', required: true, len_min: 1 });
    expect(byName.temperature).toMatchObject({ type: 'number', between: [0, 2], default: 1 });
    expect(byName.temperature.required).toBeUndefined();
    expect(byName.max_tokens).toMatchObject({ type: 'integer', between: [1, 32768] });
    // An array's length is checked by Kong as a string's is, so decK refuses what the plugin would.
    expect(byName.targets).toMatchObject({ type: 'array', len_min: 1, len_max: 3 });
    expect(applyKongSchema(fields, { model: 'm', targets: [] })).toMatchObject({ ok: false, errors: { 'config.targets': 'length must be at least 1' } });
    expect(applyKongSchema(fields, { model: 'm', targets: ['a', 'b', 'c', 'd'] }).ok).toBe(false);
    expect(byName.mode).toMatchObject({ type: 'string', one_of: ['block', 'flag'], default: 'block' });
    expect(byName.api_key).toMatchObject({ type: 'string', referenceable: true, encrypted: true });
    expect(byName.tags).toMatchObject({ type: 'array', elements: { type: 'string' }, default: [] });
    expect(byName.headers).toMatchObject({ type: 'map', keys: { type: 'string' }, values: { type: 'string' } });
    expect(byName.limits.type).toBe('record');
  });

  it('refuses what Kong cannot express, naming the field', () => {
    expect(() => toKongFields(z.object({ x: z.union([z.string(), z.object({ a: z.string() })]) }))).toThrow(/'x'/);
    expect(() => toKongFields(z.object({ x: z.string().describe('short') }))).toThrow(/'x'.*10 to 500/);
    expect(() => toKongFields(z.object({ n: z.object({ deep: z.any() }) }))).toThrow(/'n.deep'/);
  });
});

describe('Kong metaschema rules', () => {
  const wrap = (def: Record<string, unknown>) => ({ name: 'p', fields: [{ config: { type: 'record', fields: [{ f: def }] } }] });
  it.each([
    [{ type: 'string', frobnicate: true }, /not allowed/],
    [{ type: 'string', description: 'short' }, /10 to 500/],
    [{ type: 'boolean', one_of: [true] }, /not allowed/],
    [{ type: 'array' }, /needs 'elements'/],
    [{ type: 'map', keys: { type: 'string' } }, /needs 'values'/],
    [{ type: 'integer', between: [1, 5], default: 9 }, /default does not validate/],
    [{ type: 'integer', between: [5, 1] }, /low <= high/],
    [{ type: 'number', referenceable: true }, /only strings/],
    [{ type: 'text' }, /unknown type/],
    // Kong 3.4.2 refuses an empty string unless len_min = 0, defaults included, and attributes newer than 3.4.2.
    [{ type: 'string', default: '' }, /default does not validate \(.*length must be at least 1\)/],
    [{ type: 'string', description: 'A field holding nothing in particular.', examples: ['x'] }, /not allowed/],
    [{ type: 'string', description: `${'é'.repeat(251)}`, len_min: 0 }, /10 to 500/],
  ])('refuses %j', (def, message) => {
    expect(validateKongSchema(wrap(def)).join('\n')).toMatch(message);
  });

  it('accepts an empty default where the field allows empty strings', () => {
    expect(validateKongSchema(wrap({ type: 'string', len_min: 0, default: '' }))).toEqual([]);
  });

  it('refuses field maps with more than one key', () => {
    expect(validateKongSchema({ name: 'p', fields: [{ a: { type: 'string' }, b: { type: 'string' } }] }).join()).toMatch(/exactly one key/);
  });
});

describe('config processed as Kong does', () => {
  const fields = toKongFields(config);

  it('fills defaults (nested too), nulls for unset optionals, and parses with the zod schema', () => {
    const result = applyKongSchema(fields, { model: 'gpt-4o' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      model: 'gpt-4o',
      temperature: 1,
      max_tokens: null,
      mode: 'block',
      api_key: null,
      tags: [],
      targets: null,
      headers: null,
      limits: { rpm: 60, burst: false },
    });
    const withoutNulls = JSON.parse(JSON.stringify(result.value, (_k, v) => (v === null ? undefined : v)));
    expect(config.parse(withoutNulls)).toMatchObject({ model: 'gpt-4o', limits: { rpm: 60 } });
  });

  it('refuses unknown fields, wrong types, validators and missing required fields like Kong', () => {
    const result = applyKongSchema(fields, { temperature: 3, mode: 'maybe', extra: 1, limits: { rpm: 'x' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      'config.temperature': 'value should be between 0 and 2',
      'config.mode': 'expected one of: block, flag',
      'config.extra': 'unknown field',
      'config.limits.rpm': 'expected an integer',
    });
    const empty = applyKongSchema(toKongFields(z.object({ a: z.string().optional(), b: z.string().min(0).optional() })), { a: '', b: '' });
    expect(!empty.ok && empty.errors).toEqual({ 'config.a': 'length must be at least 1' });
    const missing = applyKongSchema(fields, {});
    expect(!missing.ok && missing.errors['config.model']).toBe('required field missing');
  });
});

describe('Konnect schema.lua', () => {
  const lua = toSchemaLua('demo-plugin', toKongFields(config));

  it('renders a Lua module with the config record', () => {
    expect(lua).toContain('local typedefs = require "kong.db.schema.typedefs"');
    expect(lua).toContain('name = "demo-plugin"');
    expect(lua).toContain('{ protocols = typedefs.protocols_http }');
    expect(lua).toMatch(/referenceable = true/);
    expect(lua).toMatch(/one_of = \{\n\s+"block",\n\s+"flag",/);
  });

  it('escapes strings safely', () => {
    const tricky = toSchemaLua('p', [{ s: { type: 'string', default: 'a"b\\c\nd é', description: 'quote " and ]] inside' } }]);
    expect(tricky).toContain('default = "a\\"b\\\\c\\nd \\195\\169"');
  });

  it('is valid Lua where a Lua interpreter is installed', () => {
    let lua51: string | undefined;
    for (const bin of ['luajit', 'lua5.1', 'lua5.4', 'lua']) {
      try {
        execFileSync('which', [bin], { stdio: 'ignore' });
        lua51 = bin;
        break;
      } catch {
        /* not installed */
      }
    }
    if (!lua51) return; // CI machines may not have Lua; the structural checks above still run.
    const typedefs = 'package.preload["kong.db.schema.typedefs"] = function() return { protocols_http = {} } end';
    // The shipped schemas too: each loads and names its plugin.
    for (const plugin of fs.readdirSync(path.join(REPO, 'kong', 'konnect'))) {
      const shipped = path.join(REPO, 'kong', 'konnect', plugin, 'schema.lua');
      execFileSync(lua51, ['-e', `${typedefs}\nlocal s = dofile(${JSON.stringify(shipped)})\nassert(s.name == ${JSON.stringify(plugin)})\nassert(#s.fields[2].config.fields > 0)`]);
    }
    const file = path.join(os.tmpdir(), `schema-${process.pid}.lua`);
    fs.writeFileSync(file, lua);
    const program = `${typedefs}
      local s = dofile(${JSON.stringify(file)})
      assert(s.name == "demo-plugin")
      assert(#s.fields[2].config.fields == 9)
      assert(s.fields[2].config.fields[7].targets.len_max == 3)
      assert(s.fields[2].config.fields[9].limits.fields[1].rpm.default == 60)`;
    try {
      execFileSync(lua51, ['-e', program]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
