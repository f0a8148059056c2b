import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { InvalidInputError, Page, PagePromise, ResponseValidationError, WebhookConfig } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi, CONFIG_ANSWER } from '../support/core-harness';
import { reactive } from '../support/reactive';

const { api, server, client } = useMockApi();

/** Creates `n` configs, oldest first, and returns their ids newest first (the order lists use). */
async function configs(n: number, c = client()): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await c.webhookConfigs.create({ url: `https://hooks.example.com/${i}` })).id);
  await api.settle();
  return ids.reverse();
}

const listCalls = () => api.requests.filter((r) => r.method === 'GET' && r.path === '/configs/webhook');

describe('a page', () => {
  it('carries data, has_more, total_count, the relative url and the response facts', async () => {
    const ids = await configs(3);
    const page = await client().webhookConfigs.list({ limit: 2 });
    expect(page).toBeInstanceOf(Page);
    expect(page.data.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect(page).toMatchObject({ has_more: true, total_count: 3, url: '/configs/webhook' });
    expect(page.hasNextPage()).toBe(true);
    expect(page.lastResponse).toMatchObject({ status: 200, requestId: expect.stringMatching(/^req_/) });
  });

  it('fetches the next page with after_id = the last id, keeping the filters, until has_more is false', async () => {
    const ids = await configs(5);
    const first = await client().webhookConfigs.list({ limit: 2, state: 'valid' });
    const second = await first.nextPage();
    const third = await second.nextPage();
    expect([first, second, third].map((p) => p.data.map((c) => c.id))).toEqual([
      ids.slice(0, 2),
      ids.slice(2, 4),
      ids.slice(4),
    ]);
    expect(listCalls().map((r) => r.query)).toEqual([
      { limit: '2', state: 'valid' },
      { limit: '2', state: 'valid', after_id: ids[1] },
      { limit: '2', state: 'valid', after_id: ids[3] },
    ]);
    expect(third.has_more).toBe(false);
    expect(third.hasNextPage()).toBe(false);
    const error = await rejectionOf(third.nextPage());
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(listCalls()).toHaveLength(3);
  });

  it('takes an item as its after_id or before_id cursor, sending its id', async () => {
    const ids = await configs(4);
    const [newest, , , oldest] = (await client().webhookConfigs.list()).data;
    const page = await client().webhookConfigs.list({ after_id: newest, before_id: oldest });
    expect(page.data.map((c) => c.id)).toEqual(ids.slice(1, 3));
    expect(listCalls().at(-1)?.query).toEqual({ after_id: ids[0], before_id: ids[3] });
  });

  it('keeps data read-only in JavaScript too, so reordering it cannot move the next page', async () => {
    const ids = await configs(3);
    const first = await client().webhookConfigs.list({ limit: 2 });
    const data = first.data as unknown[];
    expect(() => data.reverse()).toThrow(TypeError);
    expect(() => data.push(first.data[0])).toThrow(TypeError);
    expect(first.data.toReversed().map((c) => c.id)).toEqual(ids.slice(0, 2).reverse());
    const second = await first.nextPage();
    expect(listCalls().at(-1)?.query).toEqual({ limit: '2', after_id: ids[1] });
    expect(second.data.map((c) => c.id)).toEqual(ids.slice(2));
  });

  it('sends before_id when asked', async () => {
    const ids = await configs(3);
    const page = await client().webhookConfigs.list({ before_id: ids[2] });
    expect(listCalls().at(-1)?.query).toEqual({ before_id: ids[2] });
    expect(page.data.map((c) => c.id)).toEqual(ids.slice(0, 2));
  });
});

describe('list() as a PagePromise', () => {
  it('sends nothing until awaited or iterated, and awaiting twice sends once', async () => {
    await configs(1);
    const list = client().webhookConfigs.list();
    expect(list).toBeInstanceOf(PagePromise);
    expect(listCalls()).toHaveLength(0);
    const a = await list;
    const b = await list;
    expect(a).toBe(b);
    expect(listCalls()).toHaveLength(1);
  });

  it('walks 25 items across 3 pages of 10 with for await, newest first, without duplicates', async () => {
    const ids = await configs(25);
    const seen: string[] = [];
    for await (const cfg of client().webhookConfigs.list({ limit: 10 })) {
      expect(cfg).toBeInstanceOf(WebhookConfig);
      seen.push(cfg.id);
    }
    expect(seen).toEqual(ids);
    expect(listCalls().map((r) => r.query.after_id ?? null)).toEqual([null, ids[9], ids[19]]);
  });

  it('loads a first page that failed again on the next use, with or without a limit', async () => {
    await configs(2);
    for (const params of [{ limit: 5 }, {}]) {
      api.faults.add({ method: 'GET', path: '/configs/webhook', status: 500 });
      const list = client({ maxRetries: 0 }).webhookConfigs.list(params);
      expect(await rejectionOf(list)).toMatchObject({ name: 'ServerError', status: 500 });
      expect((await list).data).toHaveLength(2);
      expect(await list.toArray({ limit: 10 })).toHaveLength(2);
    }
  });

  it('catch() and finally() load the first page once, like a Promise', async () => {
    const ids = await configs(2);
    const list = client().webhookConfigs.list();
    let settled = 0;
    const page = await list.finally(() => void settled++);
    expect(settled).toBe(1);
    expect(page.data.map((c) => c.id)).toEqual(ids);
    expect(await list.catch(() => 'failed')).toBe(page);
    expect(listCalls()).toHaveLength(1);
  });

  it('catch() and finally() see a first page that failed, and a later use loads it again', async () => {
    api.faults.add({ method: 'GET', path: '/configs/webhook', status: 500, times: 2 });
    const list = client({ maxRetries: 0 }).webhookConfigs.list();
    expect(await list.catch((error: unknown) => (error as Error).name)).toBe('ServerError');
    let settled = 0;
    const error = await rejectionOf(list.finally(() => void settled++));
    expect(error).toMatchObject({ name: 'ServerError', status: 500 });
    expect(settled).toBe(1);
    expect((await list).data).toEqual([]);
    expect(listCalls()).toHaveLength(3);
  });

  it('toArray({ limit: 1 }) gives one item from one page', async () => {
    const ids = await configs(3);
    const got = await client().webhookConfigs.list({ limit: 2 }).toArray({ limit: 1 });
    expect(got.map((c) => c.id)).toEqual([ids[0]]);
    expect(listCalls()).toHaveLength(1);
  });

  it.each([
    ['no options', undefined],
    ['no limit', {}],
    ['a fractional limit', { limit: 1.5 }],
    ['a negative limit', { limit: -1 }],
  ])('toArray with %s is refused before anything is sent', async (_name, options) => {
    const list = client().webhookConfigs.list();
    const error = await rejectionOf(list.toArray(options as { limit: number }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'limit' });
    expect(error.message).toBe('limit: toArray needs a positive whole number, e.g. toArray({ limit: 100 })');
    expect(listCalls()).toHaveLength(0);
  });

  it('nextPage() of the last page is refused, naming the page, and sends nothing', async () => {
    await configs(1);
    const page = await client().webhookConfigs.list();
    expect(page.hasNextPage()).toBe(false);
    const error = await rejectionOf(page.nextPage());
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'page' });
    expect(error.message).toBe('page: this is the last page (has_more is false)');
    expect(listCalls()).toHaveLength(1);
  });

  it('an empty page with has_more has no next page, and nextPage() says why', async () => {
    server.use(http.get(`${api.baseUrl}/configs/webhook`, () => HttpResponse.json({ data: [], has_more: true })));
    const page = await client().webhookConfigs.list();
    expect(page.has_more).toBe(true);
    expect(page.hasNextPage()).toBe(false);
    const error = await rejectionOf(page.nextPage());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ field: 'data', status: 200, body: '' });
    expect(error.message).toBe('list: the server said has_more but sent no new item to continue after');
  });

  it('a next page that is empty, with has_more, ends the walk: no new item to continue after', async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after_id');
        asked.push(after);
        const data = after === null ? [{ ...CONFIG_ANSWER, id: 'wc_first' }] : [];
        return HttpResponse.json({ data, has_more: true });
      }),
    );
    const first = await client().webhookConfigs.list();
    const second = await first.nextPage();
    const error = await rejectionOf(second.nextPage());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toBe('list: the server said has_more but sent no new item to continue after');
    expect(asked).toEqual([null, 'wc_first']);
  });

  it.each([
    ['a first page', { after_id: 'wc_first' }, 'sent no new item to continue after'],
    ['a next page', {}, 'sent the item after_id wc_first again'],
  ])(
    '%s that holds only the item after_id names is refused, as the walk could go no further',
    async (_name, filters, why) => {
      server.use(
        http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
          const after = new URL(request.url).searchParams.get('after_id');
          return HttpResponse.json({ data: [{ ...CONFIG_ANSWER, id: after ?? 'wc_first' }], has_more: true });
        }),
      );
      const error = await rejectionOf(client().webhookConfigs.list(filters).toArray({ limit: 100 }));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.message).toBe(`list: the server said has_more but ${why}`);
    },
  );

  it('with validate: false, a last item without an id ends the walk rather than asking after_id=null', async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('after_id'));
        return HttpResponse.json({ data: [{ ...CONFIG_ANSWER, id: null }], has_more: true });
      }),
    );
    const page = await client({ validate: false }).webhookConfigs.list();
    const error = await rejectionOf(page.nextPage());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toBe('list: the server said has_more but sent no new item to continue after');
    expect(asked).toEqual([null]);
  });

  it("a page's lastResponse is not enumerable: not in keys, spread or JSON; yet read through a Proxy", async () => {
    await configs(1);
    const page = await client().webhookConfigs.list();
    expect(page.lastResponse.status).toBe(200);
    expect(Object.keys(page)).not.toContain('lastResponse');
    expect({ ...page }).not.toHaveProperty('lastResponse');
    // A spread copies enumerable symbol keys too: the page's response is under one, and stays behind.
    expect(Reflect.ownKeys({ ...page })).toEqual(['data', 'has_more', 'total_count', 'url']);
    expect(JSON.parse(JSON.stringify(page))).not.toHaveProperty('lastResponse');
    // As Vue's `reactive` wraps it: a getter over a `#private` field would throw there.
    expect(new Proxy(page, {}).lastResponse).toBe(page.lastResponse);
  });

  it('asks for pages of 1000 when iterating without a limit', async () => {
    const ids = await configs(12);
    const seen: string[] = [];
    for await (const cfg of client().webhookConfigs.list()) seen.push(cfg.id);
    expect(seen).toEqual(ids);
    expect(listCalls().map((r) => r.query)).toEqual([{ limit: '1000' }]);
  });

  it('yields each Page from pages()', async () => {
    const ids = await configs(5);
    const sizes: number[] = [];
    for await (const page of client().webhookConfigs.list({ limit: 2 }).pages()) {
      expect(page).toBeInstanceOf(Page);
      sizes.push(page.data.length);
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(listCalls().map((r) => r.query.after_id ?? null)).toEqual([null, ids[1], ids[3]]);
  });

  it('toArray({limit}) stops fetching once it has enough items', async () => {
    const ids = await configs(12);
    const got = await client().webhookConfigs.list({ limit: 5 }).toArray({ limit: 7 });
    expect(got.map((c) => c.id)).toEqual(ids.slice(0, 7));
    expect(listCalls()).toHaveLength(2);
  });

  it('toArray({limit}) returns everything when there are fewer items than the limit', async () => {
    const ids = await configs(3);
    const got = await client().webhookConfigs.list({ limit: 2 }).toArray({ limit: 100 });
    expect(got.map((c) => c.id)).toEqual(ids);
  });

  it('stops fetching when the loop breaks early', async () => {
    await configs(6);
    for await (const cfg of client().webhookConfigs.list({ limit: 2 })) {
      expect(cfg.id).toBeTruthy();
      break;
    }
    expect(listCalls()).toHaveLength(1);
  });
});

// Vue's reactive() hands back a Proxy, which runs getters and methods with itself as `this`: a private field (`#query`)
// cannot be read there (TypeError). A bare `new Proxy(target, {})` does the same without wrapping what it reads.
const PROXIES = [
  ['a bare Proxy', <T extends object>(target: T): T => new Proxy(target, {})],
  ["Vue's reactive()", <T extends object>(target: T): T => reactive(target)],
] as const;

describe.each(PROXIES)('a list behind %s', (_, wrap) => {
  it('a page fetches its next pages ("load more"), with lastResponse and hasNextPage', async () => {
    const ids = await configs(5);
    let page = wrap(await client().webhookConfigs.list({ limit: 2 }));
    expect(page.hasNextPage()).toBe(true);
    expect(page.lastResponse).toMatchObject({ status: 200 });
    page = wrap(await page.nextPage());
    expect(page.data.map((c) => c.id)).toEqual(ids.slice(2, 4));
    page = wrap(await page.nextPage());
    expect(page.data.map((c) => c.id)).toEqual(ids.slice(4));
    expect(page.hasNextPage()).toBe(false);
    expect(await rejectionOf(page.nextPage())).toBeInstanceOf(InvalidInputError);
    expect(listCalls().map((r) => r.query.after_id ?? null)).toEqual([null, ids[1], ids[3]]);
  });

  it('a list is awaited once, and walked with for await, pages() and toArray()', async () => {
    const ids = await configs(5);
    const list = wrap(client().webhookConfigs.list({ limit: 2 }));
    const first = await list;
    expect(first.data.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect((await list.catch(() => null))?.data).toEqual(first.data);
    expect((await list.finally(() => undefined)).data).toEqual(first.data);
    expect(listCalls()).toHaveLength(1);
    const seen: string[] = [];
    for await (const cfg of list) seen.push(cfg.id);
    expect(seen).toEqual(ids);
    const sizes: number[] = [];
    for await (const page of list.pages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
    expect((await list.toArray({ limit: 3 })).map((c) => c.id)).toEqual(ids.slice(0, 3));
  });
});

// A page or list keeps its walk (the cursors it continued after, its first page) as hidden state of its own: a copy
// made with `Object.create` would walk with its original's, and a clone with the prototype has none.
describe('a copy of a page or a list that keeps its prototype', () => {
  const COPIES = [
    ['Object.create', <T extends object>(target: T): T => Object.create(target)],
    [
      'a clone with its prototype',
      <T extends object>(target: T): T => Object.assign(Object.create(Object.getPrototypeOf(target)), target),
    ],
  ] as const;

  /** Checks that `error` refuses a copy of a page or list named `name` before sending. */
  function expectCopyRefused(error: Error, name: string) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: name });
    expect(error.message).toMatch(/is a copy.*\(nothing was sent\)/);
  }

  it.each(COPIES)(
    'a page copied with %s is refused its next page before sending; the original walks on',
    async (_, copyOf) => {
      const ids = await configs(3);
      const page = await client().webhookConfigs.list({ limit: 1 });
      const copy = copyOf(page);
      expect(copy.data).toBe(page.data);
      expectCopyRefused(await rejectionOf(copy.nextPage()), 'page');
      expect(listCalls()).toHaveLength(1);
      const second = await page.nextPage();
      expect(second.data.map((c) => c.id)).toEqual([ids[1]]);
      expect((await second.nextPage()).data.map((c) => c.id)).toEqual([ids[2]]);
    },
  );

  it.each(COPIES)(
    'a page copied with %s has no lastResponse of its own: refused, not a TypeError',
    async (_, copyOf) => {
      await configs(1);
      const page = await client().webhookConfigs.list();
      expect(() => copyOf(page).lastResponse).toThrow(InvalidInputError);
      expect(page.lastResponse).toMatchObject({ status: 200 });
    },
  );

  it.each(COPIES)(
    'a list copied with %s is refused when awaited or walked, before sending; the original loads its own',
    async (_, copyOf) => {
      const ids = await configs(2);
      const list = client().webhookConfigs.list();
      const copy = copyOf(list);
      expectCopyRefused(await rejectionOf(copy), 'list');
      expectCopyRefused(await rejectionOf(copy.then((page) => page)), 'list');
      expectCopyRefused(await rejectionOf(copy.toArray({ limit: 5 })), 'list');
      expectCopyRefused(await rejectionOf(copy.pages().next()), 'list');
      expect(listCalls()).toHaveLength(0);
      expect((await list).data.map((c) => c.id)).toEqual(ids);
      expect(listCalls()).toHaveLength(1);
    },
  );

  it("a page's or list's method run on a spread of it is refused naming which, before sending", async () => {
    await configs(3);
    const page = await client().webhookConfigs.list({ limit: 1 });
    const list = client().webhookConfigs.list();
    const { nextPage } = Object.getPrototypeOf(page) as typeof page;
    const { pages } = Object.getPrototypeOf(list) as typeof list;
    expectCopyRefused(await rejectionOf(nextPage.call({ ...page })), 'page');
    expectCopyRefused(await rejectionOf(pages.call({ ...list }).next()), 'list');
    expect(listCalls()).toHaveLength(1);
  });
});

describe('a server whose cursor goes round in circles', () => {
  const CONFIG = CONFIG_ANSWER;

  it('ends the walk with a ResponseValidationError once a cursor leads back to a page already read', async () => {
    // after_id a → b, after_id b → a again: every page says has_more.
    const next: Record<string, string> = { '': 'wc_a', wc_a: 'wc_b', wc_b: 'wc_a' };
    const asked: string[] = [];
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after_id') ?? '';
        asked.push(after);
        return HttpResponse.json({ data: [{ ...CONFIG, id: next[after] }], has_more: true });
      }),
    );
    const error = await rejectionOf(client().webhookConfigs.list().toArray({ limit: 1_000 }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ field: 'data', status: 200 });
    expect(error.message).toContain('led back to a page already read');
    expect(asked).toEqual(['', 'wc_a', 'wc_b']);
  });

  /** Serves a list whose cursors go round `cycle` for ever: each after_id leads to the next, the last to the first. */
  function cyclingList(cycle: string[]): string[] {
    const asked: string[] = [];
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after_id') ?? '';
        asked.push(after);
        const at = after === '' ? 0 : (cycle.indexOf(after) + 1) % cycle.length;
        return HttpResponse.json({ data: [{ ...CONFIG, id: cycle[at] }], has_more: true });
      }),
    );
    return asked;
  }

  it.each([
    ['2', ['wc_a', 'wc_b']],
    ['3', ['wc_a', 'wc_b', 'wc_c']],
  ])('a %s-page cursor cycle ends a hand-written nextPage loop with a ResponseValidationError', async (_n, cycle) => {
    const asked = cyclingList(cycle);
    let page = await client().webhookConfigs.list();
    const walk = async () => {
      while (page.hasNextPage()) page = await page.nextPage();
    };
    const error = await rejectionOf(walk());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('led back to a page already read');
    expect(asked).toEqual(['', ...cycle]);
  });

  it.each([
    ['2', ['wc_a', 'wc_b']],
    ['3', ['wc_a', 'wc_b', 'wc_c']],
  ])('a %s-page cursor cycle ends a for await walk with a ResponseValidationError', async (_n, cycle) => {
    const asked = cyclingList(cycle);
    const seen: string[] = [];
    const walk = async () => {
      for await (const config of client().webhookConfigs.list()) seen.push(config.id);
    };
    const error = await rejectionOf(walk());
    expect(error).toBeInstanceOf(ResponseValidationError);
    // The first page comes round again before its cursor shows the cycle.
    expect(seen).toEqual([...cycle, cycle[0]]);
    expect(asked).toHaveLength(cycle.length + 1);
  });

  it('ends the walk with a ResponseValidationError when a page repeats the item it continued after', async () => {
    // A server whose after_id is inclusive: each page starts again with the last item of the one before.
    const ids = ['wc_1', 'wc_2', 'wc_3', 'wc_4', 'wc_5'];
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after_id');
        const at = after === null ? 0 : ids.indexOf(after);
        const data = ids.slice(at, at + 2).map((id) => ({ ...CONFIG, id }));
        return HttpResponse.json({ data, has_more: at + 2 < ids.length });
      }),
    );
    const seen: string[] = [];
    const walk = async () => {
      for await (const config of client().webhookConfigs.list()) seen.push(config.id);
    };
    const error = await rejectionOf(walk());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toBe('list: the server said has_more but sent the item after_id wc_2 again');
    expect(seen).toEqual(['wc_1', 'wc_2']);
  });

  it('asking the same page for its next page twice is no cycle', async () => {
    cyclingList(['wc_a', 'wc_b', 'wc_c']);
    const first = await client().webhookConfigs.list();
    const second = await first.nextPage();
    expect((await first.nextPage()).data[0]?.id).toBe(second.data[0]?.id);
    expect((await second.nextPage()).data[0]?.id).toBe('wc_c');
    // A later page, whose walk keeps its cursors, asked again too (a retry after a failure).
    expect((await second.nextPage()).data[0]?.id).toBe('wc_c');
  });

  it('a next page that failed, asked again, walks on; so does one asked twice at once', async () => {
    const ids = await configs(6);
    const first = await client().webhookConfigs.list({ limit: 2 });
    api.faults.add({ method: 'GET', path: '/configs/webhook', status: 400 });
    expect(await rejectionOf(first.nextPage())).not.toBeInstanceOf(ResponseValidationError);
    for (const page of await Promise.all([first.nextPage(), first.nextPage()])) {
      expect(page.data.map((config) => config.id)).toEqual(ids.slice(2, 4));
      expect((await page.nextPage()).data.map((config) => config.id)).toEqual(ids.slice(4));
    }
  });

  it('a page asked twice keeps the cursors before it: a cycle back to the first page still ends the walk', async () => {
    cyclingList(['wc_a', 'wc_b', 'wc_c']);
    const second = await (await client().webhookConfigs.list()).nextPage();
    await second.nextPage();
    const third = await second.nextPage();
    const back = await third.nextPage();
    expect(back.data[0]?.id).toBe('wc_a');
    const error = await rejectionOf(back.nextPage());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toContain('led back to a page already read (after_id wc_a)');
  });

  it('a list walked again after items were deleted is walked whole: its cursors moved, not cycled', async () => {
    const ids = await configs(8);
    const list = client().webhookConfigs.list({ limit: 2 });
    const walk = async () => {
      const seen: string[] = [];
      for await (const config of list) seen.push(config.id);
      return seen;
    };
    expect(await walk()).toEqual(ids);
    // The second page's items deleted: the last item of the third page, a cursor of the first walk, ends the second.
    for (const id of ids.slice(2, 4)) await client().webhookConfigs.delete(id);
    expect(await walk()).toEqual([...ids.slice(0, 2), ...ids.slice(4)]);
  });

  it('a later page asked again after items were deleted walks on: later cursors moved, not cycled', async () => {
    const ids = await configs(10);
    const second = await (await client().webhookConfigs.list({ limit: 2 })).nextPage();
    let page = second;
    while (page.has_more) page = await page.nextPage();
    // The third page's items deleted: the fourth page's last item, a cursor of the first walk, ends the third again.
    for (const id of ids.slice(4, 6)) await client().webhookConfigs.delete(id);
    const third = await second.nextPage();
    expect(third.data.map((config) => config.id)).toEqual(ids.slice(6, 8));
    expect((await third.nextPage()).data.map((config) => config.id)).toEqual(ids.slice(8));
  });

  it('with validate: false, a numeric id the server repeats still ends the walk', async () => {
    let asked = 0;
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, () => {
        asked++;
        return HttpResponse.json({ data: [{ ...CONFIG, id: 7 }], has_more: true });
      }),
    );
    const error = await rejectionOf(client({ validate: false }).webhookConfigs.list().toArray({ limit: 1_000 }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(asked).toBe(2);
  });
});

describe("a walk's error names the request of the page that led there", () => {
  /** Serves `pages` by their after_id ('' for none), each answer with the request id `req_<after_id or first>`. */
  function pagesByCursor(pages: Record<string, string[]>): void {
    server.use(
      http.get(`${api.baseUrl}/configs/webhook`, ({ request }) => {
        const after = new URL(request.url).searchParams.get('after_id') ?? '';
        const data = (pages[after] ?? []).map((id) => ({ ...CONFIG_ANSWER, id }));
        return HttpResponse.json({ data, has_more: true }, { headers: { 'x-request-id': `req_${after || 'first'}` } });
      }),
    );
  }

  it('has_more with no item: the request of that page, and no body (pages do not keep their text)', async () => {
    pagesByCursor({ '': [] });
    const page = await client().webhookConfigs.list();
    const error = await rejectionOf(page.nextPage());
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({
      status: 200,
      field: 'data',
      body: '',
      request: { method: 'GET', path: '/configs/webhook', url: `${api.baseUrl}/configs/webhook`, attempts: 1 },
    });
    expect(error).toMatchObject({ request: { requestId: 'req_first' } });
  });

  it('a cycle: the request of the page whose cursor leads back', async () => {
    pagesByCursor({ '': ['wc_a'], wc_a: ['wc_b'], wc_b: ['wc_a'] });
    const error = await rejectionOf(client().webhookConfigs.list().toArray({ limit: 1_000 }));
    expect(error.message).toContain('led back to a page already read');
    expect(error).toMatchObject({ request: { method: 'GET', attempts: 1, requestId: 'req_wc_b' } });
    expect((error as ResponseValidationError).request?.url).toContain('after_id=wc_b');
  });

  it('an item sent again: the request of the page that repeats it', async () => {
    pagesByCursor({ '': ['wc_1', 'wc_2'], wc_2: ['wc_2', 'wc_3'] });
    const first = await client().webhookConfigs.list();
    const error = await rejectionOf(first.nextPage());
    expect(error.message).toBe('list: the server said has_more but sent the item after_id wc_2 again');
    expect(error).toMatchObject({ status: 200, body: '', request: { attempts: 1, requestId: 'req_wc_2' } });
    expect((error as ResponseValidationError).request?.url).toBe(`${api.baseUrl}/configs/webhook?after_id=wc_2`);
  });
});

describe('filters', () => {
  it('sends a date_created range as date_created__gt/__gte/__lt/__lte in UTC and gets the matching items', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const c = client();
    const created: { id: string; date_created: string }[] = [];
    try {
      for (const day of ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']) {
        vi.setSystemTime(new Date(`${day}T08:00:00Z`));
        created.push(await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }));
      }
    } finally {
      vi.useRealTimers();
    }
    const ids = created.map((cfg) => cfg.id);
    const page = await c.webhookConfigs.list({
      date_created: { gte: '2024-02-01T09:00:00+01:00', lt: new Date('2024-04-01T08:00:00Z') },
    });
    expect(listCalls().at(-1)?.query).toEqual({
      date_created__gte: '2024-02-01T08:00:00.000Z',
      date_created__lt: '2024-04-01T08:00:00.000Z',
    });
    expect(page.data.map((x) => x.id)).toEqual([ids[2], ids[1]]);
    // The API (and the mock) write microseconds: a config's own date_created as a bound keeps them, so `gt` leaves
    // that config out and `lte` takes it in.
    const february = created[1]?.date_created ?? '';
    expect(february).toMatch(/^2024-02-01T08:00:00\.000\d{3}Z$/);
    const after = await c.webhookConfigs.list({ date_created: { gt: february } });
    expect(listCalls().at(-1)?.query).toEqual({ date_created__gt: february });
    expect(after.data.map((x) => x.id)).toEqual([ids[3], ids[2]]);
    const upTo = await c.webhookConfigs.list({ date_created: { lte: february } });
    expect(upTo.data.map((x) => x.id)).toEqual([ids[1], ids[0]]);
  });

  it('keeps a date range on every page while iterating', async () => {
    const ids = await configs(5);
    const since = new Date(Date.now() - 60_000);
    const seen: string[] = [];
    for await (const cfg of client().webhookConfigs.list({ date_created: { gte: since }, limit: 2 })) seen.push(cfg.id);
    expect(seen).toEqual(ids);
    expect(listCalls().every((r) => r.query.date_created__gte === since.toISOString())).toBe(true);
    expect(listCalls()).toHaveLength(3);
  });
});

describe('the server-sent url', () => {
  it('is never followed: pages come from the client base URL even when `url` names another origin', async () => {
    const ids = await configs(4);
    const elsewhere: string[] = [];
    server.use(
      http.all('https://evil.example/*', ({ request }) => {
        elsewhere.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({});
      }),
    );
    // Rewrite every real mock answer so that its `url` points at another origin.
    const c = client({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const body = (await response.json()) as Record<string, unknown>;
        return HttpResponse.json(
          { ...body, url: 'https://evil.example/configs/webhook?limit=2' },
          { status: response.status },
        );
      },
    });
    const seen = await c.webhookConfigs.list({ limit: 2 }).toArray({ limit: 100 });
    expect(seen.map((x) => x.id)).toEqual(ids);
    expect(elsewhere).toEqual([]);
    expect(listCalls()).toHaveLength(2);
    expect(listCalls().every((r) => r.headers.authorization === `Token ${TOKEN_A}`)).toBe(true);
  });
});
