/**
 * The mock's list endpoints, each a declaration over one implementation: filters, datetime ranges, newest-first
 * order, `limit`, `after_id`, `before_id`, and the 400 answers for a bad query parameter.
 */
import { DEFAULT_LIST_LIMIT, LIMIT_FORMAT, MAX_LIST_LIMIT } from './choices';
import { instantKey, readInstant } from './dates';
import type { Endpoint, HandlerContext } from './endpoint';
import { readChoice } from './fields';
import { invalidParameter, json } from './respond';
import type { MockStore } from './store';

/** What a list holds: items of an organisation, ordered and filtered by `date_created`. */
type Listable = { id: string; organisation?: unknown; date_created: string };
/** The items of the store's map named `K`. */
type ItemOf<K extends keyof MockStore> = MockStore[K] extends Map<string, infer T extends Listable> ? T : never;
/** The store's maps a list endpoint can list. */
type Listed = { [K in keyof MockStore]: ItemOf<K> extends never ? never : K }[keyof MockStore];

/** How a list filters its items, and the path it names as its `url`. */
interface ListSpec {
  /** The collection's path, the list object's `url`. */
  path: string;
  /** Filters compared for equality with the item's attribute of the same name; none when absent. */
  filters?: readonly string[];
  /**
   * The values of the `state` filter, the resource's documented states: any other is refused, as a typo
   * (`state=vaild`) would otherwise be an empty list that looks like an answer. No `state` filter when absent.
   */
  states?: readonly string[];
  /** The values the API documents for other `filters` (a storage config's `type`), refused as `states`. */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** States left out when no `state` filter is sent (deactivated configs, consumed and expired results). */
  hiddenStates?: readonly string[];
}

/** One list endpoint: the store's map it lists (the caller's organisation's items), its filters, how it shows one. */
export interface ListDeclaration<K extends Listed> extends ListSpec {
  /** The store's map of the items, e.g. `keys`. */
  from: K;
  /** The item as the list shows it; as stored when absent. */
  show?: (item: ItemOf<K>, context: HandlerContext) => unknown;
}

/** The `GET` endpoint of a collection, from its declaration. */
export const listEndpoint =
  <K extends Listed>(declaration: ListDeclaration<K>): Endpoint =>
  (call, context) =>
    json(200, listOf(declaration, context, call.organisation, call.url.searchParams));

/**
 * The list object of a declared list for `organisation`, as a `GET` with `query` answers it; with none, its first page
 * as a resource nests it (an organisation's configs).
 */
export function listOf<K extends Listed>(
  declaration: ListDeclaration<K>,
  context: HandlerContext,
  organisation: string,
  query = new URLSearchParams(),
): unknown {
  const { from, show = (item) => item } = declaration;
  // The store seen as its lists by name, so that `from` gives a map of `ItemOf<K>`.
  const maps: { [L in Listed]: Map<string, ItemOf<L>> } = context.store;
  const sorted = context.store.mine(maps[from], organisation);
  const removedPlace = (id: string) => context.store.order.removedPlace(maps[from], organisation, id, sorted);
  return listObject(sorted, query, declaration, (item) => show(item, context), removedPlace);
}

/** A list nested in a resource (a source's children, a poll's results): the first page of `sorted`, unfiltered. */
export const firstPage = <T extends { id: string; date_created: string }>(
  sorted: T[],
  path: string,
  show: (item: T) => unknown = (item) => item,
): unknown => listObject(sorted, new URLSearchParams(), { path }, show);

/** The API's list object. */
export const listBody = (data: unknown[], hasMore: boolean, total: number, url: string) => ({
  resource: 'list',
  data,
  has_more: hasMore,
  total_count: total,
  url,
});

/** The comparisons of a datetime filter, on `instantKey`s. */
const DATE_OPS: Record<string, (item: string, bound: string) => boolean> = {
  '': (a, b) => a === b,
  __gt: (a, b) => a > b,
  __gte: (a, b) => a >= b,
  __lt: (a, b) => a < b,
  __lte: (a, b) => a <= b,
};

/**
 * Applies the query to items already sorted newest first (the order ricloud-py's `limit=1` "latest" samples imply;
 * `after_id` continues after an item in it), and returns the API's list object.
 */
function listObject<T extends { id: string; date_created: string }>(
  sorted: T[],
  params: URLSearchParams,
  spec: ListSpec,
  show: (item: T) => unknown,
  removedPlace: (id: string) => number | undefined = () => undefined,
): unknown {
  // A repeated name's last value, as Django REST Framework's `query_params.get` reads it and the request log keeps it.
  const query = new Map(params);
  const { filters = [], states, choices, hiddenStates } = spec;
  const named = states ? ['state', ...filters] : filters;
  const allowed = new Set([
    ...named,
    'limit',
    'after_id',
    'before_id',
    ...Object.keys(DATE_OPS).map((op) => `date_created${op}`),
  ]);
  for (const key of query.keys()) if (!allowed.has(key)) throw invalidParameter(key, 'Unknown filter.');

  let items = sorted;
  for (const name of named) {
    const value = query.get(name);
    if (value === undefined) continue;
    const values = name === 'state' ? states : choices?.[name];
    if (values) readChoice(value, name, values);
    items = items.filter((item) => attribute(item, name) === value);
  }
  if (hiddenStates && !query.has('state'))
    items = items.filter((item) => !hiddenStates.includes(attribute(item, 'state')));
  for (const [op, test] of Object.entries(DATE_OPS)) {
    const raw = query.get(`date_created${op}`);
    if (raw === undefined) continue;
    const bound = readInstant(raw, `date_created${op}`);
    items = items.filter((item) => test(instantKey(item.date_created), bound));
  }
  const total = items.length;
  const limit = readLimit(query.get('limit'));
  items = afterCursors(sorted, items, query, removedPlace);
  return listBody(items.slice(0, limit).map(show), items.length > limit, total, spec.path);
}

/** An item's attribute as a query compares it: a string. */
const attribute = (item: object, name: string): string => String((item as Record<string, unknown>)[name]);

/** The page size: digits only, from 1 to the maximum; the default when absent; else 400. */
function readLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIST_LIMIT;
  const limit = LIMIT_FORMAT.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIST_LIMIT))
    throw invalidParameter('limit', `Ensure this value is a whole number between 1 and ${MAX_LIST_LIMIT}.`);
  return limit;
}

/**
 * The filtered `items` after `after_id` and before `before_id`. A cursor is found in the organisation's whole
 * newest-first list (`sorted`), so paging goes on when the cursor item stopped matching the filter (e.g. it was
 * deactivated meanwhile), or at the place it had when it was deleted (`removedPlace`: the items newer than it), so
 * that deleting each item while iterating goes on to the next page; an id the list never had is a 400.
 */
function afterCursors<T extends { id: string }>(
  sorted: T[],
  items: T[],
  query: ReadonlyMap<string, string>,
  removedPlace: (id: string) => number | undefined,
): T[] {
  const position = new Map(sorted.map((item, index) => [item.id, index]));
  for (const cursor of ['after_id', 'before_id'] as const) {
    const id = query.get(cursor);
    if (id === undefined) continue;
    // A removed item stands between the items around it: half a place before the first one older than it.
    const removed = removedPlace(id);
    const at = position.get(id) ?? (removed === undefined ? undefined : removed - 0.5);
    if (at === undefined) throw invalidParameter(cursor, 'No such object in this list.');
    items = items.filter((item) => {
      const place = position.get(item.id) ?? -1;
      return cursor === 'after_id' ? place > at : place < at;
    });
  }
  return items;
}
