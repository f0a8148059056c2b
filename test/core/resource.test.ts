/**
 * A resource's spread copy (`{ ...config }`): the attributes the API answered and nothing else, as its type says
 * (test/public-types.check.ts). A resource behind a Proxy, frozen or sealed, or copied with its prototype
 * (`Object.create`, a clone): which in-place calls it takes, and how a refusal names it.
 */
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import * as sdk from '../../src/index';
import { InvalidInputError, WebhookConfig } from '../../src/index';
import { CONFIG_ANSWER, rejectionOf, useMockApi } from '../support/core-harness';
import { reactive } from '../support/reactive';

const { api, client, server } = useMockApi();

/** The names a resource's methods, getters and response facts go by: none is copied. */
const NOT_ATTRIBUTES = ['update', 'refresh', 'test', 'delete', 'rotate', 'wait', 'done', 'lastResponse', 'client'];

describe('a spread resource', () => {
  it('holds the attributes the API answered, without methods, getters, lastResponse or top-level secrets', async () => {
    const c = client();
    const created = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const task = await (await created.test()).wait({ timeout: 5_000 });
    const key = await c.keys.create();
    const cases = [
      [await c.webhookConfigs.retrieve(created.id), `/configs/webhook/${created.id}`, 'secret'],
      [await c.tasks.retrieve(task.id), `/tasks/${task.id}`, undefined],
      [await c.keys.retrieve(key.id), `/keys/${key.id}`, 'token'],
    ] as const;
    for (const [resource, path, secret] of cases) {
      const answered = Object.keys(await c.get<Record<string, unknown>>(path));
      if (secret) expect(answered).toContain(secret);
      const copy = { ...resource };
      expect(Object.keys(copy).sort()).toEqual(answered.filter((name) => name !== secret).sort());
      for (const name of NOT_ATTRIBUTES) expect(copy).not.toHaveProperty(name);
      expect(Object.getOwnPropertySymbols(copy)).toEqual([]);
    }
  });
});

describe('a secret attribute spelled in another case', () => {
  it.each(['Secret', 'TOKEN', 'Credentials'])(
    'keeps a top-level `%s` readable, but out of console.log, spread and JSON.stringify, as a nested one is',
    async (key) => {
      const SECRET = 'whsec_top_level_0123456789abcdef0123456789';
      server.use(
        http.get(`${api.baseUrl}/configs/webhook/wc_1`, () => HttpResponse.json({ ...CONFIG_ANSWER, [key]: SECRET })),
      );
      const config = await client().webhookConfigs.retrieve('wc_1');
      expect((config as unknown as Record<string, unknown>)[key]).toBe(SECRET);
      for (const shown of [
        JSON.stringify(config),
        inspect(config, { showHidden: true }),
        JSON.stringify({ ...config }),
      ])
        expect(shown).not.toContain(SECRET);
      // The inspect form marks it as it marks `secret`, so a reader sees it is there.
      expect(inspect(config)).toContain(`${key}: '[redacted]'`);
    },
  );
});

// Vue's reactive() hands back a Proxy of the resource, which runs its getters and methods with itself as `this`: a
// private field (`#client`) cannot be read there (TypeError).
describe("a resource behind a Proxy, as Vue's reactive() wraps it", () => {
  it('reads lastResponse and runs its instance methods, in place ones included', async () => {
    const c = client();
    const cfg = reactive(await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }));
    expect(cfg.lastResponse).toMatchObject({ status: 201 });
    const task = await cfg.test();
    expect(await reactive(task).wait({ timeout: 5_000 })).toMatchObject({ state: 'succeeded' });
    expect(await cfg.update({ url: 'https://hooks.example.com/v2' })).toBe(cfg);
    expect(cfg.url).toBe('https://hooks.example.com/v2');
    expect(cfg.lastResponse).toMatchObject({ status: 200 });
    expect(await cfg.refresh()).toBe(cfg);
    expect((await cfg.delete()).id).toBe(cfg.id);
  });

  it('takes in-place answers behind a bare Proxy, whose traps all fall through to the resource', async () => {
    const config = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const proxy = new Proxy(config, {});
    expect(await proxy.refresh()).toBe(proxy);
    expect(await proxy.update({ url: 'https://hooks.example.com/v2' })).toBe(proxy);
    expect(config.url).toBe('https://hooks.example.com/v2');
  });

  it("sets an in-place answer's attributes through the Proxy, so Vue sees them change", async () => {
    const changed = new Set<PropertyKey>();
    const cfg = reactive(await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' }), (key) =>
      changed.add(key),
    );
    await cfg.update({ url: 'https://hooks.example.com/v2' });
    expect([...changed]).toEqual(expect.arrayContaining(['url', 'state']));
    expect(cfg.secret).toMatch(/\S{32}/);
    expect({ ...cfg }).not.toHaveProperty('secret');
  });
});

// Redux Toolkit, Immer and a hand-written Object.freeze lock state: an in-place call could not write its answer there.
describe.each([
  ['frozen', Object.freeze],
  ['sealed', Object.seal],
  ['made non-extensible', Object.preventExtensions],
])('a resource %s', (_, lock) => {
  it(
    'refuses each in-place call, a read and the writes, before sending, naming it and ' +
      'pointing to the static methods',
    async () => {
      const c = client();
      const cfg = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
      const key = await c.keys.create();
      lock(cfg);
      lock(key);
      const sent = api.requests.length;
      const calls = [
        ['webhook_config', cfg.id, () => cfg.refresh()],
        ['webhook_config', cfg.id, () => cfg.update({ url: 'https://hooks.example.com/v2' })],
        ['key', key.id, () => key.rotate()],
      ] as const;
      for (const [name, id, call] of calls) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field: `${name} ${id}` });
        expect(error.message).toMatch(/is frozen or sealed.*nothing was sent/);
        expect(error.message).toContain('use the static method instead');
      }
      expect(api.requests).toHaveLength(sent);
      expect(cfg.url).toBe('https://hooks.example.com/in');
      // What does not write into it still works, and the static method answers with a new value.
      expect((await cfg.test()).id).toMatch(/\S/);
      const updated = await WebhookConfig.updateWithId(cfg.id, { url: 'https://hooks.example.com/v2' }, { client: c });
      expect(updated.url).toBe('https://hooks.example.com/v2');
    },
  );

  it('when locked mid-call, is left whole and the call resolves with the answer as a new value', async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const key = await c.keys.create();
    const token = key.token;
    const [updating, refreshing, rotating] = [
      cfg.update({ url: 'https://hooks.example.com/v2' }),
      cfg.refresh(),
      key.rotate(),
    ];
    lock(cfg);
    lock(key);
    const [updated, refreshed, rotated] = await Promise.all([updating, refreshing, rotating]);
    for (const [answer, locked] of [
      [updated, cfg],
      [refreshed, cfg],
      [rotated, key],
    ])
      expect(answer).not.toBe(locked);
    expect([updated.url, cfg.url]).toEqual(['https://hooks.example.com/v2', 'https://hooks.example.com/in']);
    expect([rotated.token, key.token]).toEqual([api.store.keys().find(({ id }) => id === key.id)?.token, token]);
    expect(rotated.token).not.toBe(token);
  });
});

// `Object.create(cfg)` inherits the original's held state (its client, response and call counts), and a clone with the
// prototype (lodash's `cloneDeep`, `Object.assign(Object.create(proto), cfg)`) has none: an in-place answer would land
// in the original's state, or fail once answered.
describe('a copy of a resource that keeps its prototype', () => {
  it.each([
    ['Object.create', (cfg: WebhookConfig): WebhookConfig => Object.create(cfg)],
    ['a clone with its prototype', (cfg: WebhookConfig) => Object.assign(Object.create(WebhookConfig.prototype), cfg)],
  ])(
    'made with %s refuses each in-place call before sending, naming it, and leaves the original as it was',
    async (_, copyOf) => {
      const c = client();
      const cfg = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
      const copy: WebhookConfig = copyOf(cfg);
      const response = cfg.lastResponse;
      const sent = api.requests.length;
      for (const call of [() => copy.refresh(), () => copy.update({ url: 'https://hooks.example.com/v2' })]) {
        const error = await rejectionOf(call());
        expect(error).toBeInstanceOf(InvalidInputError);
        expect(error).toMatchObject({ field: `webhook_config ${cfg.id}` });
        expect(error.message).toMatch(/or a copy, so it cannot take an in-place answer \(nothing was sent\)/);
        expect(error.message).toContain('use the static method instead');
      }
      expect(api.requests).toHaveLength(sent);
      expect(cfg.lastResponse).toBe(response);
      expect(await cfg.refresh()).toBe(cfg);
      expect(cfg.lastResponse).not.toBe(response);
    },
  );

  it('made with Object.create of a frozen resource is refused before sending, not failing once answered', async () => {
    const c = client();
    const cfg = Object.freeze(await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }));
    const copy: WebhookConfig = Object.create(cfg);
    const sent = api.requests.length;
    const error = await rejectionOf(copy.update({ url: 'https://hooks.example.com/v2' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(api.requests).toHaveLength(sent);
    expect((await WebhookConfig.retrieve(cfg.id, { client: c })).url).toBe('https://hooks.example.com/in');
  });

  it("made with Object.create keeps its original's other methods, which write nothing into it", async () => {
    const c = client();
    const cfg = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const copy: WebhookConfig = Object.create(cfg);
    const task = await copy.test();
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: `/configs/webhook/${cfg.id}/test` });
    expect(task.lastResponse.status).toBe(201);
  });
});

/** A fetch that hands on the mock's answers without their `resource` attribute, as `validate: false` takes them. */
const withoutResource: typeof fetch = async (input, init) => {
  const answer = await fetch(input, init);
  const { resource: _, ...rest } = (await answer.json()) as Record<string, unknown>;
  return Response.json(rest, { status: answer.status, headers: answer.headers });
};

describe('a frozen resource whose answer has no `resource` attribute (validation off)', () => {
  it("is named by its class's API name when an in-place call is refused", async () => {
    const c = client({ validate: false, fetch: withoutResource });
    const cfg = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const resources = [
      ['webhook_config', cfg],
      ['task', await cfg.test()],
      ['key', await c.keys.create()],
      ['permissions', await c.permissions.create({ scopes: {} })],
      ['organisation', await c.organisation.retrieve()],
    ] as const;
    const sent = api.requests.length;
    for (const [name, resource] of resources) {
      expect(resource).not.toHaveProperty('resource');
      const error = await rejectionOf(Object.freeze(resource).refresh());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: `${name} ${resource.id}` });
    }
    expect(api.requests).toHaveLength(sent);
  });

  it('is named so whatever its class: every resource class names its kind', () => {
    const classes = Object.values(sdk).filter(
      (value) => typeof value === 'function' && typeof value.prototype?.refresh === 'function',
    );
    expect(classes.length).toBeGreaterThanOrEqual(13);
    for (const resourceClass of classes)
      expect((resourceClass as { resource?: unknown }).resource).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
