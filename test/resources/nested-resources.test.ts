/**
 * What a resource nests, as docs/porting-from-ricloud-py.md tells a ricloud-py user: ricloud-py makes a class instance
 * of every nested object with a `resource`; here only a poll's results are `Result`s, and a page is not a sequence.
 */
import { describe, expect, it } from 'vitest';
import { Event, Organisation, Poll, Result, Source, Task, WebhookConfig } from '../../src/index';
import { useMockApi } from '../support/core-harness';
import { activeSession, configure } from './flow-support';

const { api, client } = useMockApi();

/** True for the API's plain JSON object, with no resource methods. */
const plain = (value: unknown) => Object.getPrototypeOf(value) === Object.prototype;

describe('nested resources', () => {
  it("are Results in a poll's results; a session's source, a task's results, an event's data are plain", async () => {
    const c = client();
    await configure(c, api);
    const session = await activeSession(c);
    const poll = await (
      await Poll.create({ session, payload: { data_types: ['ios_photos.photos'] } }, { client: c })
    ).wait();
    const nested = poll.results && !Array.isArray(poll.results) ? poll.results.data : [];
    expect(nested).toHaveLength(1);
    expect(nested[0]).toBeInstanceOf(Result);

    expect(typeof session.source).toBe('object');
    expect(plain(session.source)).toBe(true);
    expect(session.source).not.toHaveProperty('refresh');
    // As the porting guide writes it: the bare id may be a number, as the API's own examples show ids.
    const sourceId = typeof session.source === 'object' ? session.source.id : String(session.source);
    expect(await Source.retrieve(sourceId, { client: c })).toBeInstanceOf(Source);

    const task = await Task.retrieve(String(poll.tasks_succeeded?.[0]), { client: c });
    const taskResults = task.results && !Array.isArray(task.results) ? task.results.data : [];
    expect(taskResults).toHaveLength(1);
    expect(plain(taskResults[0])).toBe(true);
    for await (const result of Result.list({ task: task.id }, { client: c })) await result.acknowledge();
    expect((await Result.retrieve(nested[0]?.id ?? '', { client: c })).state).toBe('consumed');

    const event = (await Event.list({}, { client: c })).data[0];
    expect(plain(event?.data)).toBe(true);
  });

  it("are plain in an organisation's webhook configs, retrieved by id for their methods", async () => {
    const c = client();
    const config = await WebhookConfig.create({ url: 'https://hooks.example.com/in' }, { client: c });
    const org = await Organisation.retrieve({ client: c });
    const configs = org.webhook_configs && !Array.isArray(org.webhook_configs) ? org.webhook_configs.data : [];
    expect(configs.map((item) => (item as { id: string }).id)).toEqual([config.id]);
    expect(plain(configs[0])).toBe(true);
    expect(configs[0]).not.toHaveProperty('test');
  });
});

describe('a page', () => {
  it('holds its items in data, not by index, with has_more and total_count beside them', async () => {
    const c = client();
    await WebhookConfig.create({ url: 'https://hooks.example.com/in' }, { client: c });
    const page = await WebhookConfig.list({}, { client: c });
    expect(page.data[0]).toBeInstanceOf(WebhookConfig);
    expect((page as unknown as unknown[])[0]).toBeUndefined();
    expect(page).toMatchObject({ has_more: false, total_count: 1 });
  });
});
