/**
 * `ricloud/schemas` is built from small zod types of its own (`src/core/schema.ts`). Whatever the input, each schema
 * must answer as the same schema built from zod's own types does: the same success and value, its fields in the same
 * order, or the same issues (path, code, what was expected, and a union's issues for each option), in the same order. fast-check feeds resources and pages with fields changed to
 * arbitrary JSON, left out, set to `Infinity`, or added (`__proto__` among them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  eventPageSchema,
  eventSchema,
  taskPageSchema,
  taskSchema,
  webhookConfigPageSchema,
  webhookConfigSchema,
} from '../src/schemas';

const DATE = '2018-11-22T12:59:57.168354Z';
const CONFIG = {
  id: 'wc_1',
  resource: 'webhook_config',
  organisation: 7,
  url: 'https://hooks.example.com/in',
  secret: 's'.repeat(32),
  state: 'valid',
  date_created: DATE,
};
const TASK = {
  id: 't_1',
  resource: 'task',
  organisation: 7,
  type: 'webhook_config.test',
  state: 'succeeded',
  results: { data: [], has_more: false },
  date_created: DATE,
};
const EVENT = {
  id: 'evt_1',
  resource: 'event',
  type: 'webhook_config',
  action: 'test',
  data: {},
  state: 'delivered',
  retries: 0,
  date_created: DATE,
};

// The same schemas, written with zod's own types.
const id = z.union([z.string(), z.number()]);
const maybe = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));
const zodConfig = z.looseObject({
  id: z.string(),
  resource: z.literal('webhook_config'),
  organisation: id,
  url: z.string(),
  secret: maybe(z.string()),
  state: z.string(),
  date_created: z.string(),
});
const nestedList = z.looseObject({
  data: z.array(z.unknown()),
  has_more: z.optional(z.boolean()),
  total_count: z.optional(z.number()),
});
const zodTask = z.looseObject({
  id: z.string(),
  resource: z.literal('task'),
  ...Object.fromEntries(['organisation', 'key', 'user', 'source', 'session', 'poll'].map((name) => [name, maybe(id)])),
  source_type: maybe(z.string()),
  type: z.string(),
  target: maybe(z.string()),
  state: z.string(),
  results: maybe(z.union([nestedList, z.array(z.unknown())])),
  error: maybe(z.string()),
  date_created: z.string(),
  date_started: maybe(z.string()),
  date_completed: maybe(z.string()),
});
const zodEvent = z.looseObject({
  id: z.string(),
  resource: z.literal('event'),
  organisation: maybe(id),
  type: z.string(),
  action: z.string(),
  data: z.unknown(),
  state: z.string(),
  retries: maybe(z.number()),
  date_created: z.string(),
  date_delivered: maybe(z.string()),
});
const zodPage = <T extends z.core.SomeType>(item: T) =>
  z.looseObject({
    resource: z.optional(z.literal('list')),
    data: z.array(item),
    has_more: z.boolean(),
    total_count: z.optional(z.number()),
    url: z.optional(z.string()),
  });

const LEFT_OUT = Symbol('left out');
/** A value for a field: any JSON, something list-like, `Infinity` (what JSON's `1e400` reads as), or none at all. */
const fieldValue = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      data: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 2 }), fc.jsonValue()),
      has_more: fc.oneof(fc.boolean(), fc.jsonValue()),
    },
    { requiredKeys: ['data'] },
  ),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(LEFT_OUT),
);

/** `valid` with some fields changed, left out or added; an added `__proto__` is an own field, as `JSON.parse` makes it. */
const near = (valid: Record<string, unknown>) =>
  fc
    .array(fc.tuple(fc.constantFrom(...Object.keys(valid), 'extra', '__proto__'), fieldValue), { maxLength: 4 })
    .map((changes) => {
      const value: Record<string, unknown> = { ...valid };
      for (const [key, field] of changes) {
        if (field === LEFT_OUT) delete value[key];
        else Object.defineProperty(value, key, { value: field, enumerable: true, writable: true, configurable: true });
      }
      return value;
    });

/** A page of such items, or a page whose own fields are changed. */
const pageNear = (valid: Record<string, unknown>) =>
  fc.array(near(valid), { maxLength: 3 }).chain((data) => near({ data, has_more: false, total_count: data.length }));

/** An issue in the terms both kinds of schema share; a union's lists each option's issues, as zod finished them. */
const described = (issue: z.core.$ZodIssue): unknown => ({
  path: issue.path,
  code: issue.code,
  expected: 'expected' in issue ? issue.expected : undefined,
  errors:
    issue.code === 'invalid_union'
      ? issue.errors.map((errors) =>
          errors.map((inner) => ({ ...(described(inner) as object), message: inner.message })),
        )
      : undefined,
});

/** What a parse says: the value with its fields in order (`JSON.stringify` keeps it), or the issues. */
function outcome(result: { success: boolean; data?: unknown; error?: { issues: z.core.$ZodIssue[] } }) {
  if (result.success) return { data: result.data, order: JSON.stringify(result.data) };
  return { issues: result.error?.issues.map(described) };
}

const CASES = [
  ['webhook config', webhookConfigSchema, zodConfig, near(CONFIG)],
  ['task', taskSchema, zodTask, near(TASK)],
  ['event', eventSchema, zodEvent, near(EVENT)],
  ['webhook config page', webhookConfigPageSchema, zodPage(zodConfig), pageNear(CONFIG)],
  ['task page', taskPageSchema, zodPage(zodTask), pageNear(TASK)],
  ['event page', eventPageSchema, zodPage(zodEvent), pageNear(EVENT)],
] as const;

describe("ricloud/schemas against zod's own types", () => {
  it.each(CASES)("the %s schema parses every input as zod's own types do", (_name, ours, zods, input) => {
    fc.assert(
      fc.property(input, (value) => {
        const theirs = outcome(z.safeParse(zods as z.core.$ZodType, value));
        expect(outcome(z.safeParse(ours as z.core.$ZodType, value))).toStrictEqual(theirs);
      }),
      { numRuns: 400 },
    );
  });

  it('never makes a sent `__proto__` field the prototype of what it returns', () => {
    const sent = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(CONFIG).slice(1)}`) as object;
    const parsed = z.parse(webhookConfigSchema, sent);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect((parsed as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(parsed)).not.toContain('__proto__');
  });

  it('settles fields a caller made asynchronous (z.extend with an async refinement), with their issues in place', async () => {
    const https = z.string().check(z.refine(async (url) => url.startsWith('https:'), 'must be https'));
    const strict = z.extend(asMini(webhookConfigSchema), { url: https });
    expect(strict.shape.url).toBe(https);
    await expect(z.parseAsync(strict, CONFIG)).resolves.toEqual(CONFIG);
    const refused = await z.safeParseAsync(strict, { ...CONFIG, url: 'http://hooks.example.com/in' });
    expect(refused.error?.issues).toMatchObject([{ path: ['url'], message: 'must be https' }]);
    const page = await z.safeParseAsync(z.extend(asMini(webhookConfigPageSchema), { data: z.array(strict) }), {
      data: [CONFIG, { ...CONFIG, url: 'http://x.example' }],
      has_more: false,
    });
    expect(page.error?.issues).toMatchObject([{ path: ['data', 1, 'url'], message: 'must be https' }]);
  });

  it("takes zod's partial and pick", () => {
    const partial = z.partial(asMini(webhookConfigSchema));
    expect(z.parse(partial, { url: CONFIG.url })).toEqual({ url: CONFIG.url });
    const picked = z.pick(asMini(webhookConfigSchema), { id: true });
    expect(z.safeParse(picked, {}).error?.issues).toMatchObject([{ path: ['id'], code: 'invalid_type' }]);
  });

  it("answers instanceof as zod's own types do, and gives each field its own schema, catchalls included", () => {
    expect(webhookConfigSchema instanceof z.core.$ZodObject).toBe(true);
    expect(webhookConfigPageSchema.shape.data instanceof z.core.$ZodArray).toBe(true);
    expect(webhookConfigSchema.shape.id instanceof z.core.$ZodString).toBe(true);
    expect(webhookConfigSchema.shape.organisation instanceof z.core.$ZodUnion).toBe(true);
    expect(webhookConfigSchema.shape.id instanceof z.core.$ZodNumber).toBe(false);
    // Metadata given to one field stays on it.
    z.globalRegistry.add(eventSchema.shape.data, { description: 'the resource' });
    try {
      const json = z.toJSONSchema(eventSchema) as unknown as {
        properties: { data: unknown };
        additionalProperties: unknown;
      };
      expect(json.properties.data).toEqual({ description: 'the resource' });
      expect(json.additionalProperties).toEqual({});
    } finally {
      z.globalRegistry.remove(eventSchema.shape.data);
    }
  });

  it('reads a shape when first asked, so that z.extend can refer to the schema it makes', () => {
    const node: z.ZodMiniObject = z.extend(asMini(webhookConfigSchema), {
      get parent() {
        return z.optional(node);
      },
    });
    const parent = { ...CONFIG, id: 'wc_0' };
    expect(z.parse(node, { ...CONFIG, parent })).toEqual({ ...CONFIG, parent });
    expect(z.safeParse(node, { ...CONFIG, parent: { ...parent, id: 0 } }).error?.issues).toMatchObject([
      { path: ['parent', 'id'], code: 'invalid_type' },
    ]);
  });

  it('tells objects apart by a field with a default, which may be left out', () => {
    const kinds = z.discriminatedUnion('kind', [
      z.extend(asMini(webhookConfigSchema), { kind: z._default(z.literal('a'), 'a') }),
      z.looseObject({ kind: z.literal('b') }),
    ]);
    expect(z.parse(kinds, CONFIG)).toEqual({ ...CONFIG, kind: 'a' });
    expect(z.parse(kinds, { kind: 'b' })).toEqual({ kind: 'b' });
  });
});

/** One of these schemas, typed as the zod/mini object that zod/mini's object functions take (it has the same def). */
function asMini<S extends z.core.$ZodLooseShape>(schema: z.core.$ZodObject<S, z.core.$loose>) {
  return schema as unknown as z.ZodMiniObject<S, z.core.$loose>;
}
