import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AuthenticationError, configure, Key, RequestError, ResponseValidationError } from '../../src/index';
import { rejectionOf, TOKEN_A, TOKEN_B, useMockApi } from '../support/core-harness';

const { api, client, server } = useMockApi({ tokens: { [TOKEN_A]: 'org_acme', [TOKEN_B]: 'org_acme' } });
const HOOK = 'https://hooks.example.com/in';

describe('Key', () => {
  it('current() GETs /key: the calling key, its token readable but hidden from JSON, spread and inspect', async () => {
    const key = await client().keys.current();
    expect(api.requests.at(-1)).toMatchObject({ method: 'GET', path: '/key' });
    expect(key).toBeInstanceOf(Key);
    expect(key).toMatchObject({ resource: 'key', organisation: 'org_acme', state: 'active', webhook_config: null });
    expect(key.token).toBe(TOKEN_A);
    expect(JSON.stringify(key)).not.toContain(TOKEN_A);
    expect({ ...key }).not.toHaveProperty('token');
    expect(inspect(key)).not.toContain(TOKEN_A);
    expect(inspect(key)).toContain('[redacted]');
  });

  it('list() walks the organisation keys with for await, without tokens; retrieve() fetches one', async () => {
    const ids: string[] = [];
    for await (const key of client().keys.list({ limit: 1 })) ids.push(key.id);
    expect(ids).toHaveLength(2);
    expect(api.requests.filter((r) => r.path === '/keys')).toHaveLength(2);
    const one = await Key.retrieve(ids[0] ?? '', { client: client() });
    expect(one.id).toBe(ids[0]);
  });

  it('create() POSTs the overrides, a config sent as its id, and answers with the new key and its token', async () => {
    const cfg = await client().webhookConfigs.create({ url: HOOK });
    const key = await client().keys.create({ webhook_config: cfg });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/keys',
      body: JSON.stringify({ webhook_config: cfg.id }),
    });
    expect(key.lastResponse.status).toBe(201);
    expect(key.webhook_config).toBe(cfg.id);
    expect(key.token).toMatch(/^key_/);
    // The new token works.
    expect((await client({ token: key.token ?? '' }).keys.current()).id).toBe(key.id);
  });

  it('updateWithId() and key.update() point a key at a config and back (null), in place', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const cfg = await client().webhookConfigs.create({ url: HOOK });
    const key = await Key.current();
    const updated = await Key.updateWithId(key.id, { webhook_config: cfg.id });
    expect(updated.webhook_config).toBe(cfg.id);
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: `/keys/${key.id}` });
    expect(await key.update({ webhook_config: null })).toBe(key);
    expect(key.webhook_config).toBeNull();
    expect(api.requests.at(-1)?.body).toBe('{"webhook_config":null}');
  });

  it(
    'rotate() gives the key a new token in place and the old one stops working; rotateWithId() ' +
      'does the same by id',
    async () => {
      const key = await client({ token: TOKEN_B }).keys.current();
      await key.rotate();
      expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: `/keys/${key.id}/rotate` });
      expect(key.token).not.toBe(TOKEN_B);
      expect(await rejectionOf(client({ token: TOKEN_B }).keys.current())).toBeInstanceOf(AuthenticationError);
      const again = await Key.rotateWithId(key.id, { client: client() });
      expect(again.token).not.toBe(key.token);
    },
  );

  it('rotate() resolves with the new token when a refresh sent during it is served first (the old token)', async () => {
    const key = await client().keys.create({});
    const old = key.token;
    let answerRotate = () => {};
    const rotateAnswered = new Promise<void>((resolve) => (answerRotate = resolve));
    // Held before the mock rotates: the refresh sent after it is served first, and answers the old token.
    server.use(http.post(`${api.baseUrl}/keys/:id/rotate`, () => rotateAnswered.then(() => undefined)));
    const rotating = key.rotate();
    await key.refresh();
    expect(key.token).toBe(old);
    answerRotate();
    const rotated = await rotating;
    expect(rotated.token).not.toBe(old);
    expect((await client({ token: rotated.token }).keys.current()).id).toBe(key.id);
  });

  it('keeps the token of rotate() when a refresh served before the rotation is answered after it', async () => {
    const key = await client().keys.create({});
    const old = key.token;
    let answerRefresh = () => {};
    const refreshAnswered = new Promise<void>((resolve) => (answerRefresh = resolve));
    const before = { ...key, token: old };
    server.use(http.get(`${api.baseUrl}/keys/:id`, () => refreshAnswered.then(() => HttpResponse.json(before))));
    const rotating = key.rotate();
    const refreshing = key.refresh();
    const { token } = await rotating;
    answerRefresh();
    await refreshing;
    expect(key.token).toBe(token);
    expect(token).not.toBe(old);
  });

  it('refuses a create/rotate answer with no token: ResponseValidationError on `token`, mayHaveSucceeded', async () => {
    const { token: _token, ...withoutToken } = await client().keys.create({});
    server.use(
      http.post(`${api.baseUrl}/keys`, () => HttpResponse.json(withoutToken, { status: 201 })),
      http.post(`${api.baseUrl}/keys/:id/rotate`, () => HttpResponse.json(withoutToken)),
    );
    for (const call of [client().keys.create({}), client().keys.rotate(withoutToken.id)]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ field: 'token', mayHaveSucceeded: true });
    }
  });

  it('never re-sends a rotate that failed with a 5xx (a second rotation would lose the first token)', async () => {
    const key = await client().keys.current();
    let calls = 0;
    server.use(
      http.post(`${api.baseUrl}/keys/:id/rotate`, () => {
        calls++;
        return HttpResponse.json({ error: 'server-error', message: 'boom' }, { status: 503 });
      }),
    );
    const error = await rejectionOf(client({ maxRetries: 3 }).keys.rotate(key.id));
    expect(calls).toBe(1);
    expect(error).toMatchObject({ mayHaveSucceeded: true });
  });

  it('keeps a key token out of error messages and bodies when a server echoes it', async () => {
    const other = 'key_ffffffffffffffffffffffffffffffff';
    server.use(
      http.post(`${api.baseUrl}/keys`, () =>
        HttpResponse.json({ error: 'invalid-parameter', message: 'bad', token: other }, { status: 400 }),
      ),
    );
    const error = (await rejectionOf(client().keys.create({}))) as RequestError;
    expect(error).toBeInstanceOf(RequestError);
    expect(`${error.message} ${error.body} ${inspect(error)}`).not.toContain(other);
  });
});
