/** `ricloud/schemas`: the zod schemas the SDK validates with, usable on their own with any zod function. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { eventSchema, taskPageSchema, taskSchema, webhookConfigPageSchema, webhookConfigSchema } from '../src/schemas';

const CONFIG = {
  id: 'wc_1',
  resource: 'webhook_config',
  organisation: 7,
  url: 'https://hooks.example.com/in',
  state: 'valid',
  date_created: '2018-11-22T12:59:57.168354Z',
};

describe('ricloud/schemas', () => {
  it('parses a webhook config, keeping fields it does not know and accepting a state added later', () => {
    const parsed = z.parse(webhookConfigSchema, { ...CONFIG, state: 'paused', colour: 'blue' });
    expect(parsed).toEqual({ ...CONFIG, state: 'paused', colour: 'blue' });
  });

  it('accepts null or missing optional attributes and refuses a missing id or the wrong resource type', () => {
    expect(
      z.safeParse(taskSchema, {
        id: 't_1',
        resource: 'task',
        type: 'webhook_config.test',
        state: 'pending',
        date_created: CONFIG.date_created,
        error: null,
      }).success,
    ).toBe(true);
    const noId = z.safeParse(webhookConfigSchema, { ...CONFIG, id: undefined });
    expect(noId.success).toBe(false);
    expect(noId.error?.issues[0]?.path).toEqual(['id']);
    // zod's own issue: an id is a string or a number.
    const badOrganisation = z.safeParse(webhookConfigSchema, { ...CONFIG, organisation: null });
    expect(badOrganisation.error?.issues[0]).toMatchObject({ code: 'invalid_union', path: ['organisation'] });
    expect(
      badOrganisation.error?.issues[0]?.code === 'invalid_union' &&
        badOrganisation.error.issues[0].errors.map(([issue]) => issue),
    ).toMatchObject([
      { code: 'invalid_type', expected: 'string' },
      { code: 'invalid_type', expected: 'number' },
    ]);
    expect(z.safeParse(eventSchema, { ...CONFIG, resource: 'webhook_config', type: 'x', action: 'y' }).success).toBe(
      false,
    );
  });

  it('parses pages, and names the failing item by index', () => {
    expect(z.parse(webhookConfigPageSchema, { data: [CONFIG], has_more: false, total_count: 1 }).data).toHaveLength(1);
    const bad = z.safeParse(taskPageSchema, { data: [{ id: 't_1' }], has_more: false });
    expect(bad.error?.issues[0]?.path.slice(0, 2)).toEqual(['data', 0]);
  });

  it("raises the issues of zod's own types, with the messages of a locale or an error map the caller gives", () => {
    const broken = { ...CONFIG, id: 42, resource: 'task', organisation: null, total: 1 };
    const codes = z
      .safeParse(webhookConfigSchema, broken)
      .error?.issues.map((issue) => [issue.path.join('.'), issue.code]);
    expect(codes).toEqual([
      ['id', 'invalid_type'],
      ['resource', 'invalid_value'],
      ['organisation', 'invalid_union'],
    ]);
    const mapped = z
      .safeParse(webhookConfigSchema, broken, { error: (issue) => `mine: ${issue.code}` })
      .error?.issues.map((issue) => issue.message);
    expect(mapped).toEqual(['mine: invalid_type', 'mine: invalid_value', 'mine: invalid_union']);
    z.config(z.locales.en());
    try {
      const messages = z.safeParse(webhookConfigSchema, broken).error?.issues.map((issue) => issue.message);
      expect(messages?.slice(0, 2)).toEqual([
        'Invalid input: expected string, received number',
        'Invalid input: expected "webhook_config"',
      ]);
    } finally {
      z.config({ localeError: undefined });
    }
  });

  it('refuses numbers JSON cannot carry (1e400 reads as Infinity), and every field is its own schema', () => {
    const event = {
      id: 'evt_1',
      resource: 'event',
      type: 'webhook_config',
      action: 'test',
      data: {},
      state: 'delivered',
      date_created: CONFIG.date_created,
    };
    expect(z.safeParse(eventSchema, { ...event, retries: 2 }).success).toBe(true);
    expect(z.safeParse(eventSchema, { ...event, retries: Number.POSITIVE_INFINITY }).error?.issues[0]).toMatchObject({
      path: ['retries'],
      code: 'invalid_type',
    });
    expect(z.safeParse(webhookConfigSchema, { ...CONFIG, organisation: Number.NaN }).success).toBe(false);
    expect(webhookConfigSchema.shape.url).not.toBe(webhookConfigSchema.shape.id);
  });

  it('tells resources apart in a discriminated union, and extends through shape', () => {
    const resource = z.discriminatedUnion('resource', [webhookConfigSchema, taskSchema]);
    expect(z.parse(resource, CONFIG)).toEqual(CONFIG);
    expect(z.safeParse(resource, { ...CONFIG, resource: 'event' }).success).toBe(false);
    // A copy of a field (zod clones fields when it rebuilds a schema) still tells them apart.
    const copied = z.discriminatedUnion('resource', [
      z.looseObject({ ...webhookConfigSchema.shape, resource: z.clone(webhookConfigSchema.shape.resource) }),
      taskSchema,
    ]);
    expect(z.parse(copied, CONFIG)).toEqual(CONFIG);
    const tagged = z.looseObject({ ...webhookConfigSchema.shape, team: z.string() });
    expect(z.safeParse(tagged, CONFIG).success).toBe(false);
    expect(z.parse(tagged, { ...CONFIG, team: 'ops' })).toEqual({ ...CONFIG, team: 'ops' });
  });

  it('turns into JSON Schema with zod, each check showing as its type', () => {
    const json = z.toJSONSchema(webhookConfigSchema) as { properties: Record<string, unknown>; required: string[] };
    expect(json.properties).toEqual({
      id: { type: 'string' },
      resource: { type: 'string', const: 'webhook_config' },
      organisation: { type: ['string', 'number'] },
      url: { type: 'string' },
      secret: { type: ['string', 'null'] },
      state: { type: 'string' },
      date_created: { type: 'string' },
    });
    expect(json.required).toEqual(['id', 'resource', 'organisation', 'url', 'state', 'date_created']);
    const page = z.toJSONSchema(taskPageSchema) as unknown as {
      properties: { has_more: unknown; data: { items: { properties: { results: unknown } } } };
    };
    expect(page.properties.has_more).toEqual({ type: 'boolean' });
    expect(page.properties.data.items.properties.results).toEqual({
      anyOf: [
        {
          anyOf: [
            {
              type: 'object',
              properties: {
                data: { type: 'array', items: {} },
                has_more: { type: 'boolean' },
                total_count: { type: 'number' },
              },
              required: ['data'],
              additionalProperties: {},
            },
            { type: 'array', items: {} },
          ],
        },
        { type: 'null' },
      ],
    });
    // OpenAPI 3.0 has no `const` and no list of types: zod writes what that target allows.
    const openapi = z.toJSONSchema(webhookConfigSchema, { target: 'openapi-3.0' }) as {
      properties: Record<string, unknown>;
    };
    expect(openapi.properties.resource).toEqual({ type: 'string', enum: ['webhook_config'] });
    expect(openapi.properties.organisation).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
  });
});
