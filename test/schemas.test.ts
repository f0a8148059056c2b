/** `ricloud/schemas`: the zod schemas the SDK validates with, usable on their own with any zod function. */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { eventSchema, taskPageSchema, taskSchema, webhookConfigPageSchema, webhookConfigSchema } from '../src/schemas';

const CONFIG = { id: 'wc_1', resource: 'webhook_config', organisation: 7, url: 'https://hooks.example.com/in', state: 'valid', date_created: '2018-11-22T12:59:57.168354Z' };

describe('ricloud/schemas', () => {
  it('parses a webhook config, keeping fields it does not know and accepting a state added later', () => {
    const parsed = z.parse(webhookConfigSchema, { ...CONFIG, state: 'paused', colour: 'blue' });
    expect(parsed).toEqual({ ...CONFIG, state: 'paused', colour: 'blue' });
  });

  it('accepts null or missing optional attributes and refuses a missing id or the wrong resource type', () => {
    expect(z.safeParse(taskSchema, { id: 't_1', resource: 'task', type: 'webhook_config.test', state: 'pending', date_created: CONFIG.date_created, error: null }).success).toBe(true);
    const noId = z.safeParse(webhookConfigSchema, { ...CONFIG, id: undefined });
    expect(noId.success).toBe(false);
    expect(noId.error?.issues[0]?.path).toEqual(['id']);
    const badOrganisation = z.safeParse(webhookConfigSchema, { ...CONFIG, organisation: null });
    expect(badOrganisation.error?.issues[0]).toMatchObject({ path: ['organisation'], message: 'Invalid input: expected a string or a number' });
    expect(z.safeParse(eventSchema, { ...CONFIG, resource: 'webhook_config', type: 'x', action: 'y' }).success).toBe(false);
  });

  it('parses pages, and names the failing item by index', () => {
    expect(z.parse(webhookConfigPageSchema, { data: [CONFIG], has_more: false, total_count: 1 }).data).toHaveLength(1);
    const bad = z.safeParse(taskPageSchema, { data: [{ id: 't_1' }], has_more: false });
    expect(bad.error?.issues[0]?.path.slice(0, 2)).toEqual(['data', 0]);
  });

  it('turns into JSON Schema with zod, each check showing as its type', () => {
    const json = z.toJSONSchema(webhookConfigSchema) as { properties: Record<string, unknown>; required: string[] };
    expect(json.properties).toEqual({
      id: { type: 'string' },
      resource: { const: 'webhook_config' },
      organisation: { type: ['string', 'number'] },
      url: { type: 'string' },
      secret: { type: ['string', 'null'] },
      state: { type: 'string' },
      date_created: { type: 'string' },
    });
    expect(json.required).toEqual(['id', 'resource', 'organisation', 'url', 'state', 'date_created']);
    const page = z.toJSONSchema(taskPageSchema) as { properties: { has_more: unknown; data: { items: { properties: { results: unknown } } } } };
    expect(page.properties.has_more).toEqual({ type: 'boolean' });
    expect(page.properties.data.items.properties.results).toEqual({ type: ['object', 'array', 'null'] });
  });
});
