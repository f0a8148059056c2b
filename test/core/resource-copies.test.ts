/**
 * Every instance method of every resource on a copy that keeps the prototype: a clone (lodash's `cloneDeep`,
 * `Object.assign(Object.create(proto), resource)`) has no client of its own, so each method that would send is refused
 * before sending with an InvalidInputError naming the resource; an `Object.create` copy reads its original's client, so
 * what writes nothing into it works, and what would (an in-place call) is refused the same way. Never a TypeError.
 */
import { describe, expect, it } from 'vitest';
import { type Client, InvalidInputError, type Key, type Resource, Task, WebhookConfig } from '../../src/index';
import { activeSession, configure } from '../resources/flow-support';
import { rejectionOf, useMockApi } from '../support/core-harness';

const { api, client } = useMockApi();

/** What every resource class extends: the methods there (inspect) send nothing. */
const BASE: object = Object.getPrototypeOf(WebhookConfig.prototype);

/** The names of the methods its class and its parents below the base give `resource` (getters left out). */
function methodsOf(resource: Resource): string[] {
  const names: string[] = [];
  for (let proto = Object.getPrototypeOf(resource); proto !== BASE; proto = Object.getPrototypeOf(proto))
    for (const [name, property] of Object.entries(Object.getOwnPropertyDescriptors(proto)))
      if (name !== 'constructor' && typeof property.value === 'function') names.push(name);
  return names;
}

/** One resource of each kind, made in the mock through the public API. */
async function oneOfEach(c: Client): Promise<Resource[]> {
  await configure(c, api);
  const [config] = (await c.webhookConfigs.list()).data;
  const [storage] = (await c.storageConfigs.list()).data;
  const session = await activeSession(c);
  const poll = await (await c.polls.create({ session, payload: { data_types: ['ios_photos.photos'] } })).wait();
  const [result] = (await poll.listResults()).data;
  const [source] = (await c.sources.list()).data;
  const [event] = (await c.events.list()).data;
  const user = await c.users.retrieve(String(session.user));
  const subscription = await c.subscriptions.create({ session, poll_payload: { info_types: ['*'] } });
  const resources: (Resource | undefined)[] = [config, storage, session, poll, result, source, event, user];
  resources.push(subscription, await (config as WebhookConfig).test(), await c.keys.create());
  resources.push(await c.organisation.retrieve(), await c.permissions.create({ scopes: {} }));
  return resources.filter((resource): resource is Resource => resource !== undefined);
}

/** What calling `name` on `resource` came to: its value, or the error it threw or rejected with. */
async function outcome(resource: Resource, name: string): Promise<unknown> {
  try {
    const value: unknown = await (resource as unknown as Record<string, () => unknown>)[name]?.();
    // A download is a stream: read to its end, as its checks run there.
    if (value instanceof ReadableStream) await new Response(value).arrayBuffer();
    // A list is a thenable that sends once awaited: its first page.
    return value;
  } catch (error) {
    return error;
  }
}

/** The InvalidInputError refusing a call on `resource` before sending. */
const refusal = (resource: Resource) =>
  expect.objectContaining({
    name: 'InvalidInputError',
    field: `${(resource.constructor as typeof Resource).resource} ${(resource as { id?: string }).id}`,
    message: expect.stringMatching(/\(nothing was sent\): use the static method instead$/),
  });

describe('a clone of a resource with its prototype', () => {
  it('refuses every instance method, and lastResponse, before sending, naming the resource', async () => {
    const resources = await oneOfEach(client());
    expect(resources).toHaveLength(13);
    const sent = api.requests.length;
    for (const resource of resources) {
      const clone = Object.assign(Object.create(Object.getPrototypeOf(resource)), resource) as Resource;
      for (const name of methodsOf(resource)) {
        // A task or poll already done has nothing to wait for; a result's json() first checks its type.
        if (name === 'wait' || name === 'json') continue;
        expect([(resource.constructor as typeof Resource).resource, name, await outcome(clone, name)]).toEqual([
          (resource.constructor as typeof Resource).resource,
          name,
          refusal(resource),
        ]);
      }
      expect(() => clone.lastResponse).toThrow(InvalidInputError);
    }
    expect(api.requests).toHaveLength(sent);
  });

  it("refuses wait() on a running task, as its refresh would; the static method and the original's work", async () => {
    const c = client();
    const config = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const task = await config.test();
    const clone: Task = Object.assign(Object.create(Task.prototype), task);
    expect(await rejectionOf(clone.wait({ timeout: 1_000 }))).toEqual(refusal(task));
    expect((await Task.retrieve(clone.id, { client: c })).id).toBe(task.id);
    const copy: WebhookConfig = Object.assign(Object.create(WebhookConfig.prototype), config);
    expect(await rejectionOf(copy.test())).toEqual(refusal(config));
    expect((await WebhookConfig.testWithId(copy.id, { client: c })).type).toBe(task.type);
  });
});

/** Instance methods that take their answer in place, and ones that send and write nothing into the resource. */
const IN_PLACE = ['refresh', 'update', 'rotate', 'acknowledge'];
const SENDING = ['test', 'listTasks', 'listResults', 'listChildren', 'download'];

describe('an Object.create copy of a resource', () => {
  it("runs what writes nothing into it on its original's client; refuses in-place calls before sending", async () => {
    const resources = await oneOfEach(client());
    for (const resource of resources) {
      const copy = Object.create(resource) as Resource;
      expect(copy.lastResponse).toBe(resource.lastResponse);
      for (const name of methodsOf(resource)) {
        // A result's json() first checks its type, which is not json here.
        if (name === 'json') continue;
        const sent = api.requests.length;
        const what = [(resource.constructor as typeof Resource).resource, name];
        const result = [...what, await outcome(copy, name)];
        if (IN_PLACE.includes(name)) {
          expect(result).toEqual([...what, refusal(resource)]);
          expect(api.requests).toHaveLength(sent);
        } else if (SENDING.includes(name)) expect(result).not.toEqual([...what, expect.any(Error)]);
        // The rest (a session's or subscription's delete, in place) either works or is refused the same way.
        else if (result[2] instanceof Error) expect(result).toEqual([...what, refusal(resource)]);
      }
    }
  });

  it("rotates nothing through a key's copy: the original keeps its token", async () => {
    const key = await client().keys.create();
    const token = key.token;
    expect(await rejectionOf((Object.create(key) as Key).rotate())).toEqual(refusal(key));
    expect(key.token).toBe(token);
  });
});
