/** Pages of list endpoints, and lazy iteration over every item with the `after_id` cursor. */
import { InvalidInputError, ResponseValidationError } from './errors';
import { heldBy, hold } from './held';
import { MAX_ID_LENGTH, MAX_PAGE_SIZE } from './params';
import type { RequestInfo } from './ricloud-error';
import type { Answer, ResponseMeta } from './spec';

/** A list body as the API sends it. */
export interface ListBody<T> {
  data: T[];
  has_more: boolean;
  total_count?: number | undefined;
  url?: string | undefined;
}

/** Sends one list request with these query parameters. */
export type PageLoader<T> = (
  query: Record<string, string>,
) => Promise<{ body: ListBody<T>; response: ResponseMeta; request: RequestInfo }>;

/** Most pages one walk may read: the bound of the cursors it remembers. */
const MAX_PAGES = 100_000;

/** Refuses a copy of a page or a list (./held), named as errors name it: it would walk with its original's state. */
const copiedPage = (_owner: object, why: string) => new InvalidInputError('page', why);
const copiedList = (_owner: object, why: string) => new InvalidInputError('list', why);

/** One walk through a list: the cursors it continued after, page `i`'s the `i`th (a Set keeps their order). */
type Walk = Set<string>;

/** Loads the page that `query` names: a first page, or page `index` of `walk`. */
async function loadPage<T extends { id: string }>(
  load: PageLoader<T>,
  query: Record<string, string>,
  walk: Walk = new Set(),
  index = 0,
): Promise<Page<T>> {
  const { body, response, request } = await load(query);
  return new Page(body, { response, request, load, query, walk, index });
}

/**
 * What a page keeps besides its attributes: its response and the request it answered (not its text, which a walk's
 * error would need: every page would hold its body twice), and how to load the page after it, page `index` of `walk`.
 * Held (./held), not in `#private` fields, so a page in Vue's `reactive()` state still works.
 */
interface PageState<T> {
  readonly response: ResponseMeta;
  readonly request: RequestInfo;
  readonly load: PageLoader<T>;
  readonly query: Record<string, string>;
  readonly walk: Walk;
  readonly index: number;
}

/** One page of a list: the API's `data`, `has_more`, `total_count` and `url`, plus a way to the next page. */
export class Page<T extends { id: string }> {
  /** The items on this page, newest first. */
  declare readonly data: readonly T[];
  /** True when more items follow this page. */
  declare readonly has_more: boolean;
  /** How many items match the filters in all. */
  declare readonly total_count: number | undefined;
  /** The collection path the list came from (relative; never followed). */
  declare readonly url: string | undefined;

  /** Built by the SDK (not by apps) from a list response; the state's `load` and `query` fetch the next page. */
  constructor(body: ListBody<T>, state: PageState<T>) {
    // Frozen: the next page's cursor is the last item's id, so reordering `data` would move it.
    this.data = Object.freeze(body.data);
    this.has_more = body.has_more;
    this.total_count = body.total_count;
    this.url = body.url;
    hold(this, state);
  }

  /**
   * The HTTP status, headers and request id of this page's response (not copied by spread).
   * @throws InvalidInputError for a copy of this page (`Object.create`, a clone with the prototype).
   */
  get lastResponse(): ResponseMeta {
    return heldBy<PageState<T>>(this, copiedPage).response;
  }

  /** True when `nextPage()` has something to fetch. */
  hasNextPage(): boolean {
    return this.has_more && this.data.length > 0;
  }

  /**
   * Fetches the page after this one, on the client's own base URL (a server-sent `url` is never followed).
   * @throws ResponseValidationError when the server said `has_more` but sent no item to continue from (none with an
   * id of at most `MAX_ID_LENGTH` characters), led back to a cursor this walk already continued after (a cycle), or
   * past `MAX_PAGES` pages, or its next page holds the item it continued after again; it carries the status and
   * request of the page at fault (this one, or that next page), and no body.
   */
  async nextPage(): Promise<Page<T>> {
    if (!this.has_more) throw new InvalidInputError('page', 'this is the last page (has_more is false)');
    const { load, query, walk: held, index } = heldBy<PageState<T>>(this, copiedPage);
    // A page asked again (a retry after a failure, or a list awaited once and walked twice) starts a walk of its own
    // from here, with the cursors of the pages before it: the list may have changed since (a deleted item moves later
    // ones to earlier pages, which the cursors of the pages read after it would take for a cycle).
    // Stryker disable next-line EqualityOperator,ConditionalExpression: a copy on every page walks the same, slower.
    const walk = held.size > index ? new Set([...held].slice(0, index)) : held;
    const after = cursorOf(this);
    // The walk keeps every cursor: an id longer than any is no cursor, or a server could grow that memory for good.
    if (after === undefined || after === query.after_id || after.length > MAX_ID_LENGTH)
      throw stuck(this, 'sent no new item to continue after');
    if (walk.has(after)) throw stuck(this, `led back to a page already read (after_id ${after})`);
    if (index + 1 >= MAX_PAGES) throw stuck(this, `went on past ${MAX_PAGES} pages`);
    walk.add(after);
    const next = await loadPage(load, { ...query, after_id: after }, walk, index + 1);
    // A server reading the cursor as inclusive would hand that item out twice.
    if (next.data.some((item) => String(item.id) === after)) throw stuck(next, `sent the item after_id ${after} again`);
    return next;
  }
}

/** The `after_id` of the page after `page`: its last item's id, when it has one. */
function cursorOf(page: Page<{ id: string }>): string | undefined {
  const id = page.data.at(-1)?.id;
  return id === undefined || id === null ? undefined : String(id);
}

/** The error for a server whose `has_more` leads nowhere new, at `page`: its status and request, not its text. */
function stuck(page: Page<{ id: string }>, why: string): ResponseValidationError {
  const { response, request } = heldBy<PageState<{ id: string }>>(page, copiedPage);
  return new ResponseValidationError(`list: the server said has_more but ${why}`, {
    status: response.status,
    request,
    field: 'data',
    body: '',
  });
}

/** What a list keeps, held as a page's state is: how to load its pages, and its first page once asked for. */
interface ListState<T extends { id: string }> {
  readonly load: PageLoader<T>;
  readonly query: Record<string, string>;
  first?: Promise<Page<T>> | undefined;
}

/** The first page of `list`: shared while it loads and once it has; a failed load is tried again on the next use. */
async function firstPage<T extends { id: string }>(list: PagePromise<T>): Promise<Page<T>> {
  const state = heldBy<ListState<T>>(list, copiedList);
  state.first ??= loadPage(state.load, state.query).catch((error: unknown) => {
    state.first = undefined;
    throw error;
  });
  return state.first;
}

/**
 * What `list()` returns: await it for the first page, or iterate it with `for await` for every item, page by page.
 * Nothing is sent until one of those happens.
 */
export class PagePromise<T extends { id: string }> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  /** @param query the encoded filters; iteration adds `limit=1000` when the caller set no `limit`. */
  constructor(load: PageLoader<T>, query: Record<string, string>) {
    hold(this, { load, query });
  }

  /**
   * Loads the first page (once: later calls share it; a failed load is tried again) and settles with it, as
   * `Promise.then` does.
   */
  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is awaited for its first page, so it is a thenable.
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return firstPage(this).then(onFulfilled, onRejected);
  }

  /** Loads the first page (once) and handles its failure, as `Promise.catch` does. */
  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<T> | B> {
    return firstPage(this).catch(onRejected);
  }

  /** Loads the first page (once) and runs `onFinally` when it settles, as `Promise.finally` does. */
  finally(onFinally?: (() => void) | null): Promise<Page<T>> {
    return firstPage(this).finally(onFinally);
  }

  /** Every page in turn, starting with the first. Pages hold up to the caller's `limit`, else 1000 items. */
  async *pages(): AsyncGenerator<Page<T>> {
    // Walking everything: the largest pages cost the fewest requests.
    const { load, query } = heldBy<ListState<T>>(this, copiedList);
    let page = await ('limit' in query ? firstPage(this) : loadPage(load, { ...query, limit: String(MAX_PAGE_SIZE) }));
    yield page;
    while (page.has_more) {
      page = await page.nextPage();
      yield page;
    }
  }

  /** Every item of every page, fetched lazily. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.data;
  }

  /**
   * Collects items into an array, stopping after `limit` of them.
   * @throws InvalidInputError when `limit` is not a positive whole number.
   */
  async toArray(options: { limit: number }): Promise<T[]> {
    const limit = options?.limit;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new InvalidInputError('limit', 'toArray needs a positive whole number, e.g. toArray({ limit: 100 })');
    }
    const items: T[] = [];
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}

/**
 * What every `list()` method returns: builds the query with `makeQuery` (which checks the caller's filters), then
 * loads pages with `request` and turns each raw item into a resource with `wrap`. Bad input rejects on first use.
 */
export function listPages<T extends { id: string }, A>(
  makeQuery: () => Record<string, string>,
  request: (query: Record<string, string>) => Promise<Answer<ListBody<A>>>,
  wrap: (item: A, response: ResponseMeta) => T,
): PagePromise<T> {
  return lazyPages(() => {
    const query = makeQuery();
    return new PagePromise(async (q) => {
      const { data, ...facts } = await request(q);
      return { body: { ...data, data: data.data.map((item) => wrap(item, facts.response)) }, ...facts };
    }, query);
  });
}

/** Runs `make`; when it throws (bad input), returns pages that reject with that error on first use instead. */
export function lazyPages<T extends { id: string }>(make: () => PagePromise<T>): PagePromise<T> {
  try {
    return make();
  } catch (error) {
    return new PagePromise<T>(() => Promise.reject(error), {});
  }
}
