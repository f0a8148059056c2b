/**
 * A list page of far more items than the API's 1000 a page (a hostile or broken server), within the size cap: zod
 * checks every item and makes an issue for each bad field, so 3 million empty objects (a 9 MB page) made gigabytes of
 * issues and the process died out of memory; 200 000 overflowed the stack in zod. Such a page is refused before any
 * item is checked.
 */
import { describe, expect, it } from 'vitest';
import { ResponseValidationError, WebhookConfig } from '../../src/index';
import { CONFIG_ANSWER, rejectionOf } from '../support/core-harness';
import { useAnswerServer } from './support';

const { answer, client } = useAnswerServer();

/** A page of `items`, as JSON text. */
const page = (items: string[]) => `{"data":[${items.join(',')}],"has_more":false}`;

describe('a page of more items than the API sends', () => {
  it('200 000 items, each missing every field: ResponseValidationError on data, with status and raw text', async () => {
    answer(page(Array(200_000).fill('{}')));
    const error = await rejectionOf(client().webhookConfigs.list());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 200, field: 'data' });
    expect((error as ResponseValidationError).body.startsWith('{"data":[{},{},{},')).toBe(true);
    expect(error.message).toBe('webhook_config list: field `data` holds more than 1000 items (HTTP 200)');
  });

  it('1001 good items are refused too, and 1000 are returned whole', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => JSON.stringify({ ...CONFIG_ANSWER, id: `wc_${i}` }));
    answer(page(items));
    await expect(client().webhookConfigs.list()).rejects.toMatchObject({ field: 'data' });
    answer(page(items.slice(0, 1000)));
    const { data } = await client().webhookConfigs.list();
    expect(data).toHaveLength(1000);
    expect(data.every((item) => item instanceof WebhookConfig)).toBe(true);
  });

  it('1000 items, each missing every field, are refused at the first', async () => {
    answer(page(Array(1000).fill('{}')));
    const error = await rejectionOf(client().webhookConfigs.list());
    expect(error).toMatchObject({ status: 200, field: 'data.0.id' });
  });
});
