/**
 * A retried delivery goes to the key's route as it is at each attempt: a key pointed elsewhere, a new organisation
 * default, a deleted, deactivated or moved config between two attempts are all followed; with no valid config left,
 * the event fails. The route is changed inside the `deliver` hook, before the first attempt's answer: no sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Deliver, type MockServer, startMockServer } from '../../src/mock/index';
import { verifySignature } from '../../src/webhooks/index';
import { py } from './support';

const TOKEN = 'token-retries';
/** The event deliveries the hook got (config test events are taken and left out). */
const seen: { url: string; body: string; signature: string }[] = [];
/** What the hook does before it fails the first delivery. */
let between: () => Promise<unknown> = async () => undefined;
let mock: MockServer;

const deliver: Deliver = async (request) => {
  const body = await request.text();
  if (JSON.parse(body).type === 'webhook_config') return new Response('OK');
  seen.push({ url: request.url, body, signature: request.headers.get('ricloud-signature') ?? '' });
  if (seen.length > 1) return new Response('OK');
  await between();
  return new Response('down', { status: 503 });
};

beforeAll(async () => {
  mock = await startMockServer({ taskDelay: 1, retryDelay: 1, deliver });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
  seen.length = 0;
  between = async () => undefined;
});
afterAll(() => mock.close());

const call = (path: string, init?: Parameters<typeof py>[3]) => py(mock.url, TOKEN, path, init);

/** A valid webhook config at `https://<name>.example.com/hooks`. */
async function validConfig(name: string): Promise<{ id: string; secret: string }> {
  const created = await call('/configs/webhook', {
    method: 'POST',
    body: { url: `https://${name}.example.com/hooks` },
  });
  await mock.api.settle();
  return created.json as { id: string; secret: string };
}

/** Makes a storage config: its test ends with a `task.succeeded` event of the key, delivered along its route. */
async function sendEvent(): Promise<void> {
  const storage = { url: 'gs://bucket/results', credentials: { private_key: 'k' } };
  await call('/configs/storage', { method: 'POST', body: storage });
  await mock.api.settle();
}

const taskEvent = async () => (await call('/events', { query: { type: 'task' } })).json.data[0];
const hosts = () => seen.map((d) => new URL(d.url).host);

describe('a delivery retried after the route changed', () => {
  it.each([
    [
      'the key is pointed at another config',
      async (_: string, other: string) => {
        const key = (await call('/key')).json;
        return call(`/keys/${key.id}`, { method: 'POST', body: { webhook_config: other } });
      },
    ],
    [
      "the organisation's default changes",
      (_: string, other: string) => call('/organisation', { method: 'POST', body: { webhook_config_default: other } }),
    ],
    ['the first config is deleted', (first: string) => call(`/configs/webhook/${first}`, { method: 'DELETE' })],
  ])('goes to the new route when %s, signed with its secret', async (_, change) => {
    const first = await validConfig('first');
    const other = await validConfig('other');
    between = () => change(first.id, other.id);
    await sendEvent();
    expect(hosts()).toEqual(['first.example.com', 'other.example.com']);
    await verifySignature(seen[1]?.body ?? '', seen[1]?.signature, other.secret);
    expect(await taskEvent()).toMatchObject({ action: 'succeeded', state: 'delivered', retries: 1 });
  });

  it("goes to the config's new url once it changed and passed its new test", async () => {
    const first = await validConfig('first');
    between = () =>
      fetch(`${mock.url}/configs/webhook/${first.id}`, {
        method: 'POST',
        headers: { authorization: `Token ${TOKEN}`, 'content-type': 'application/json', 'ricloud-await': '10' },
        body: JSON.stringify({ url: 'https://moved.example.com/hooks' }),
      });
    await sendEvent();
    expect(hosts()).toEqual(['first.example.com', 'moved.example.com']);
    expect(await taskEvent()).toMatchObject({ state: 'delivered', retries: 1 });
  });

  it('is not made once the config was deactivated: the event fails with the attempts made', async () => {
    const first = await validConfig('first');
    between = () => call(`/configs/webhook/${first.id}`, { method: 'POST', body: { state: 'deactivated' } });
    await sendEvent();
    expect(hosts()).toEqual(['first.example.com']);
    expect(await taskEvent()).toMatchObject({ state: 'failed', retries: 0, date_delivered: null });
  });
});
