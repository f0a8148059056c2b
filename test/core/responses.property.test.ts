/**
 * Whatever a server answers, a call ends in a value or a RicloudError: never a bare TypeError, never a hang.
 * fast-check feeds arbitrary statuses and bodies (JSON of any shape, resource-shaped JSON with wrong types, text)
 * to every read, with each validation setting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Client, RicloudError, type Validation } from '../../src/index';

const CONFIG = {
  id: 'wc_1',
  resource: 'webhook_config',
  organisation: 1,
  url: 'https://hooks.example.com/in',
  state: 'valid',
  date_created: '2024-05-01T10:00:00Z',
};

/** A resource whose attributes are replaced by arbitrary JSON, so the schema's later checks are reached too. */
const resourceLike = fc
  .dictionary(fc.constantFrom(...Object.keys(CONFIG), 'data', 'has_more'), fc.jsonValue())
  .map((fields) => ({ ...CONFIG, ...fields }));
/** A page of such items, with an arbitrary `has_more`. */
const pageLike = fc.record({
  data: fc.oneof(fc.array(resourceLike, { maxLength: 3 }), fc.jsonValue()),
  has_more: fc.jsonValue(),
});
const anyBody = fc.oneof(
  fc.jsonValue().map((json) => JSON.stringify(json)),
  resourceLike.map((json) => JSON.stringify(json)),
  pageLike.map((json) => JSON.stringify(json)),
  fc.string(),
);

const reads: Record<string, (client: Client) => Promise<unknown>> = {
  retrieve: (client) => client.webhookConfigs.retrieve('wc_1'),
  'task retrieve': (client) => client.tasks.retrieve('t_1'),
  'first page': async (client) => await client.webhookConfigs.list(),
  'every page': (client) => client.webhookConfigs.list().toArray({ limit: 5 }),
  'task wait': (client) => client.tasks.retrieve('t_1').then((task) => task.wait({ timeout: 50 })),
};

describe('any server answer', () => {
  it.each(Object.keys(reads))('%s ends in a value or a RicloudError, with every validate setting', async (read) => {
    await fc.assert(
      fc.asyncProperty(
        anyBody,
        fc.constantFrom(200, 201, 400, 404, 500),
        fc.constantFrom<Validation>(true, false, 'warn'),
        async (body, status, validate) => {
          const fetch = async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
          const client = new Client({
            token: 'tok_property',
            baseUrl: 'https://api.test',
            fetch,
            validate,
            maxRetries: 0,
            logLevel: 'off',
          });
          const outcome = await reads[read]!(client).then(
            () => 'value',
            (error: unknown) => error,
          );
          if (outcome !== 'value') expect(outcome).toBeInstanceOf(RicloudError);
        },
      ),
      { numRuns: 150 },
    );
  });
});
