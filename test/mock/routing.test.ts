/**
 * Where the mock sends a key's events (the key's webhook_config, else the organisation's default, else its oldest
 * valid config), signed with that config's secret; retries of failed deliveries.
 * (`unconfigured`: flow-refusals.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index';
import { verifySignature } from '../../src/webhooks/index';
import { type Delivery, py, startReceiver } from './support';

const ALICE = 'token-alice';
const BOB = 'token-bob';
/** The receiver's next answers, in order; 200 once they run out. */
const answers: number[] = [];
/** How the receiver answers each delivery instead, when set. */
let answerOf: ((delivery: Delivery) => Promise<number>) | undefined;
let mock: MockServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver((delivery) => answerOf?.(delivery) ?? answers.shift() ?? 200);
  mock = await startMockServer({ taskDelay: 1, retryDelay: 1, tokens: { [ALICE]: 'org_acme', [BOB]: 'org_acme' } });
});
afterEach(async () => {
  await mock.api.settle();
  mock.api.reset();
  answers.length = 0;
  answerOf = undefined;
  receiver.received.length = 0;
});
afterAll(async () => {
  await mock.close();
  await receiver.close();
});

/** A webhook config of the organisation at `path` on the receiver, tested and valid (its test event forgotten). */
async function validConfig(path: string) {
  const created = await py(mock.url, ALICE, '/configs/webhook', { method: 'POST', body: { url: receiver.url + path } });
  await mock.api.settle();
  receiver.received.length = 0;
  return created.json as { id: string; secret: string };
}

/** Makes a storage config as `token`: its test task ends with a `task.succeeded` event of that token's key. */
async function eventOf(token: string) {
  const storage = { url: 'gs://bucket/results', credentials: { private_key: 'k' } };
  await py(mock.url, token, '/configs/storage', { method: 'POST', body: storage });
  await mock.api.settle();
}

/** The deliveries at `path`, parsed, each checked against `secret`. */
async function deliveredAt(path: string, secret: string) {
  const here = receiver.received.filter((d) => d.path.startsWith(`${path}/`));
  for (const d of here) await verifySignature(d.body, d.signature, secret);
  return here.map((d) => JSON.parse(d.body) as { type: string; action: string; data: { key: string } });
}

describe("a key's events", () => {
  it(
    "go to the key's own config when set, else to the organisation's default, " +
      "each signed with that config's secret",
    async () => {
      const own = await validConfig('/alice');
      const fallback = await validConfig('/default');
      const alice = (await py(mock.url, ALICE, '/key')).json;
      const bob = (await py(mock.url, BOB, '/key')).json;
      expect(alice.organisation).toBe(bob.organisation);
      expect((await py(mock.url, ALICE, '/keys')).json.total_count).toBe(2);
      await py(mock.url, ALICE, `/keys/${alice.id}`, { method: 'POST', body: { webhook_config: own.id } });
      await py(mock.url, BOB, '/organisation', { method: 'POST', body: { webhook_config_default: fallback.id } });
      await eventOf(ALICE);
      await eventOf(BOB);
      const toAlice = await deliveredAt('/alice', own.secret);
      const toDefault = await deliveredAt('/default', fallback.secret);
      expect(toAlice).toMatchObject([{ type: 'task', action: 'succeeded', data: { key: alice.id } }]);
      expect(toDefault).toMatchObject([{ type: 'task', action: 'succeeded', data: { key: bob.id } }]);
      const [toAliceRaw] = receiver.received.filter((d) => d.path.startsWith('/alice/'));
      await expect(verifySignature(toAliceRaw?.body ?? '', toAliceRaw?.signature, fallback.secret)).rejects.toThrow();
    },
  );

  it("go to the organisation's oldest valid config when neither the key nor the organisation names one", async () => {
    await validConfig('/oldest');
    await validConfig('/newer');
    await eventOf(BOB);
    expect(receiver.received.map((d) => d.path.split('/')[1])).toEqual(['oldest']);
  });

  it('pass over an oldest config that is no longer valid, to the next valid one', async () => {
    const oldest = await validConfig('/oldest');
    await validConfig('/newer');
    await py(mock.url, ALICE, `/configs/webhook/${oldest.id}`, { method: 'POST', body: { state: 'deactivated' } });
    await eventOf(BOB);
    expect(receiver.received.map((d) => d.path.split('/')[1])).toEqual(['newer']);
  });

  it('never go to a config that is not valid: it gets its own test events only, and the event is failed', async () => {
    const cfg = await validConfig('/off');
    await py(mock.url, ALICE, `/configs/webhook/${cfg.id}`, { method: 'POST', body: { state: 'deactivated' } });
    await py(mock.url, ALICE, '/organisation', { method: 'POST', body: { webhook_config_default: cfg.id } });
    await eventOf(ALICE);
    expect(receiver.received).toEqual([]);
    const events = (await py(mock.url, ALICE, '/events', { query: { type: 'task' } })).json.data;
    expect(events).toMatchObject([{ action: 'succeeded', state: 'failed', retries: 0 }]);
  });
});

describe('deliveries', () => {
  it('are retried up to 5 attempts; retries counts them and the event ends failed', async () => {
    await validConfig('/down');
    answers.push(503, 503, 503, 503, 503, 200);
    await eventOf(ALICE);
    expect(receiver.received).toHaveLength(5);
    const [event] = (await py(mock.url, ALICE, '/events', { query: { type: 'task' } })).json.data;
    expect(event).toMatchObject({ state: 'failed', retries: 4, date_delivered: null });
  });

  it('stop at the first 2xx: the event is delivered, with the retries made before it', async () => {
    await validConfig('/flaky');
    answers.push(500, 502);
    await eventOf(ALICE);
    expect(receiver.received).toHaveLength(3);
    const [event] = (await py(mock.url, ALICE, '/events', { query: { type: 'task' } })).json.data;
    expect(event).toMatchObject({ state: 'delivered', retries: 2, date_delivered: expect.any(String) });
  });

  it('to one receiver at once each keep their attempts: a 503 is retried and counted on its own event', async () => {
    await validConfig('/shared');
    // The events in the order their first attempts came; those are all held until the three are in flight.
    const order: string[] = [];
    let allArrived = () => {};
    const together = new Promise<void>((resolve) => (allArrived = resolve));
    const idOf = (delivery: Delivery): string => JSON.parse(delivery.body).id;
    answerOf = async (delivery) => {
      const id = idOf(delivery);
      if (!order.includes(id) && order.push(id) === 3) allArrived();
      await together;
      // The first event's attempts all get 503, the second's first two, the third's none.
      const refused = [Number.POSITIVE_INFINITY, 2, 0][order.indexOf(id)] ?? 0;
      return receiver.received.filter((d) => idOf(d) === id).length <= refused ? 503 : 200;
    };
    const storage = { url: 'gs://bucket/results', credentials: { private_key: 'k' } };
    await Promise.all([1, 2, 3].map(() => py(mock.url, ALICE, '/configs/storage', { method: 'POST', body: storage })));
    await mock.api.settle();
    const events = (await py(mock.url, ALICE, '/events', { query: { type: 'task' } })).json.data as { id: string }[];
    expect(order.map((id) => events.find((event) => event.id === id))).toMatchObject([
      { state: 'failed', retries: 4, date_delivered: null },
      { state: 'delivered', retries: 2, date_delivered: expect.any(String) },
      { state: 'delivered', retries: 0, date_delivered: expect.any(String) },
    ]);
    // Each attempt sent its own event, numbered by that event's own retries.
    const sent = (id: string) =>
      receiver.received
        .map((d) => JSON.parse(d.body))
        .filter((e) => e.id === id)
        .map((e) => e.retries);
    expect(order.map(sent)).toEqual([[0, 1, 2, 3, 4], [0, 1, 2], [0]]);
  });
});
