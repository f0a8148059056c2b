/**
 * A server answering a call on an id with another resource of that kind (GET /configs/webhook/A answered with
 * config B) is broken: the answer is refused with a ResponseValidationError naming `id`, whatever `validate` says,
 * and an in-place call leaves its resource as it was. Calls that start work (`test`, `rotate`) keep their answer.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { type Client, Key, ResponseValidationError, Task, WebhookConfig } from '../../src/index';
import { CONFIG_ANSWER, rejectionOf, useMockApi } from '../support/core-harness';

const { api, client, server } = useMockApi();
const OTHER = { ...CONFIG_ANSWER, id: 'wc_other', url: 'https://other.example.com/in' };

/** A config made in the mock; its GET and POST are then answered with config `OTHER`. */
async function answeredWithOther(c: Client = client()) {
  const config = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
  const path = `${api.baseUrl}/configs/webhook/${config.id}`;
  server.use(
    http.get(path, () => HttpResponse.json(OTHER)),
    http.post(path, () => HttpResponse.json(OTHER)),
  );
  return config;
}

/** Checks that `error` refuses an answer with config `OTHER` to the call `method` on `config`. */
function expectRefused(error: Error, config: WebhookConfig, method: string) {
  expect(error).toBeInstanceOf(ResponseValidationError);
  expect(error).toMatchObject({
    field: 'id',
    status: 200,
    request: { method, path: `/configs/webhook/${config.id}`, attempts: 1 },
  });
  expect((error as ResponseValidationError).body).toContain('"id":"wc_other"');
  expect(error.message).toBe(`webhook_config ${config.id}: field \`id\` names another resource (HTTP 200)`);
}

describe('an answer that is another resource than the one its path names', () => {
  it.each([true, false, 'warn'] as const)(
    'refresh() refuses it (validate: %s) and leaves the config as it was',
    async (validate) => {
      const config = await answeredWithOther(client({ validate }));
      const before = { ...config };
      const response = config.lastResponse;
      expectRefused(await rejectionOf(config.refresh()), config, 'GET');
      expect({ ...config }).toEqual(before);
      expect(config.lastResponse).toBe(response);
    },
  );

  it.each([false, 'warn'] as const)('refresh() refuses a number for the id (validate: %s)', async (validate) => {
    const config = await client({ validate }).webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    server.use(http.get(`${api.baseUrl}/configs/webhook/${config.id}`, () => HttpResponse.json({ ...OTHER, id: 7 })));
    const error = await rejectionOf(config.refresh());
    expect(error).toMatchObject({ field: 'id', status: 200 });
    expect(config.id).not.toBe(7);
  });

  it('an in-place update() refuses it and leaves the config as it was', async () => {
    const config = await answeredWithOther();
    const before = { ...config };
    expectRefused(await rejectionOf(config.update({ url: 'https://hooks.example.com/new' })), config, 'POST');
    expect({ ...config }).toEqual(before);
  });

  it('a refused answer to a write says the server may have applied it; to a read, that nothing changed', async () => {
    const config = await answeredWithOther();
    server.use(http.delete(`${api.baseUrl}/configs/webhook/${config.id}`, () => HttpResponse.json(OTHER)));
    const update = await rejectionOf(config.update({ url: 'https://hooks.example.com/new' }));
    const remove = await rejectionOf(WebhookConfig.deleteWithId(config.id, { client: client() }));
    const read = await rejectionOf(config.refresh());
    expect([update, remove, read].map((error) => (error as ResponseValidationError).mayHaveSucceeded)).toEqual([
      true,
      true,
      false,
    ]);
    expect(remove).toMatchObject({ field: 'id', request: { method: 'DELETE' } });
  });

  it('a static retrieve() refuses it too', async () => {
    const config = await answeredWithOther();
    expectRefused(await rejectionOf(WebhookConfig.retrieve(config.id, { client: client() })), config, 'GET');
    expectRefused(await rejectionOf(client().webhookConfigs.retrieve(config.id)), config, 'GET');
  });

  it('an id the server writes in another case (a UUID sent in capitals) is the same resource', async () => {
    const id = '0f8c2a9e-5b1d-4c3e-9a7f-2d6b8e1c4a50';
    server.use(http.get(`${api.baseUrl}/configs/webhook/*`, () => HttpResponse.json({ ...CONFIG_ANSWER, id })));
    expect((await client().webhookConfigs.retrieve(id.toUpperCase())).id).toBe(id);
  });

  it('an id given as a number is the same resource as the string id the server answers', async () => {
    server.use(http.get(`${api.baseUrl}/configs/webhook/*`, () => HttpResponse.json({ ...CONFIG_ANSWER, id: '123' })));
    expect((await client().webhookConfigs.retrieve(123 as never)).id).toBe('123');
  });

  it("the current key's in-place refresh and update take the answer on its id", async () => {
    const key = await client().keys.current();
    expect(await key.refresh()).toBe(key);
    expect(await key.update({ webhook_config: null })).toBe(key);
  });

  it('an id sent encoded in the path is compared as the caller gave it', async () => {
    const id = 'wc_ä 1';
    server.use(http.get(`${api.baseUrl}/configs/webhook/*`, () => HttpResponse.json({ ...CONFIG_ANSWER, id })));
    expect((await client().webhookConfigs.retrieve(id)).id).toBe(id);
  });
});

describe('a call that starts work keeps its answer, whatever its id', () => {
  it('test() answers a task', async () => {
    const config = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const task = await config.test();
    expect(task).toBeInstanceOf(Task);
    expect(task.id).not.toBe(config.id);
  });

  it('rotate() answered with another id is taken: refusing it would lose the new token', async () => {
    const key = await client().keys.current();
    server.use(
      http.post(`${api.baseUrl}/keys/${key.id}/rotate`, () =>
        HttpResponse.json({ ...key, id: 'key_other', token: 'key_new_token_0123456789' }),
      ),
    );
    const rotated = await Key.rotateWithId(key.id, { client: client() });
    expect(rotated).toMatchObject({ id: 'key_other', token: 'key_new_token_0123456789' });
  });
});
