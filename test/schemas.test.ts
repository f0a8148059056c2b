/** `ricloud/schemas`: the zod schemas the SDK validates with, usable on their own. */
import { describe, expect, it } from 'vitest';
import { eventSchema, taskPageSchema, taskSchema, webhookConfigPageSchema, webhookConfigSchema } from '../src/schemas';

const CONFIG = { id: 'wc_1', resource: 'webhook_config', organisation: 7, url: 'https://hooks.example.com/in', state: 'valid', date_created: '2018-11-22T12:59:57.168354Z' };

describe('ricloud/schemas', () => {
  it('parses a webhook config, keeping fields it does not know and accepting a state added later', () => {
    const parsed = webhookConfigSchema.parse({ ...CONFIG, state: 'paused', colour: 'blue' });
    expect(parsed).toEqual({ ...CONFIG, state: 'paused', colour: 'blue' });
  });

  it('accepts null or missing optional attributes and refuses a missing id or the wrong resource type', () => {
    expect(taskSchema.safeParse({ id: 't_1', resource: 'task', type: 'webhook_config.test', state: 'pending', date_created: CONFIG.date_created, error: null }).success).toBe(true);
    const noId = webhookConfigSchema.safeParse({ ...CONFIG, id: undefined });
    expect(noId.success).toBe(false);
    expect(noId.error?.issues[0]?.path).toEqual(['id']);
    expect(eventSchema.safeParse({ ...CONFIG, resource: 'webhook_config', type: 'x', action: 'y' }).success).toBe(false);
  });

  it('parses pages, and names the failing item by index', () => {
    expect(webhookConfigPageSchema.parse({ data: [CONFIG], has_more: false, total_count: 1 }).data).toHaveLength(1);
    const bad = taskPageSchema.safeParse({ data: [{ id: 't_1' }], has_more: false });
    expect(bad.error?.issues[0]?.path.slice(0, 2)).toEqual(['data', 0]);
  });
});
