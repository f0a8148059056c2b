/** List endpoints of the mock: filters, datetime ranges, newest-first order, `limit`, `after_id`, `before_id`. */
import { DEFAULT_LIST_LIMIT, LIMIT_FORMAT, MAX_LIST_LIMIT } from './choices';
import { instantKey, readInstant } from './dates';
import { readChoice } from './fields';
import { invalidParameter } from './respond';

/** How one list endpoint filters: plain string filters, and the datetime filter on `date_created`. */
export interface ListSpec<T> {
  /** Filters compared for equality with the item's attribute of the same name. */
  filters: readonly string[];
  /**
   * The values the API documents for some of `filters` (a resource's states): any other is refused, as a typo
   * (`state=vaild`) would otherwise be an empty list that looks like an answer.
   */
  choices?: Readonly<Record<string, readonly string[]>>;
  /** Items to leave out when no `state` filter is sent (deactivated configs). */
  hiddenUnlessAsked?: (item: T) => boolean;
}

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
export function listObject<T extends { id: string; date_created: string }>(
  sorted: T[],
  query: URLSearchParams,
  spec: ListSpec<T>,
  path: string,
  show: (item: T) => unknown,
): unknown {
  const allowed = new Set([
    ...spec.filters,
    'limit',
    'after_id',
    'before_id',
    ...Object.keys(DATE_OPS).map((op) => `date_created${op}`),
  ]);
  for (const key of query.keys()) if (!allowed.has(key)) throw invalidParameter(key, 'Unknown filter.');

  let items = sorted;
  for (const name of spec.filters) {
    const value = query.get(name);
    if (value === null) continue;
    const choices = spec.choices?.[name];
    if (choices) readChoice(value, name, choices);
    items = items.filter((item) => String((item as Record<string, unknown>)[name]) === value);
  }
  if (spec.hiddenUnlessAsked && !query.has('state')) items = items.filter((item) => !spec.hiddenUnlessAsked?.(item));
  for (const [op, test] of Object.entries(DATE_OPS)) {
    const raw = query.get(`date_created${op}`);
    if (raw === null) continue;
    const bound = readInstant(raw, `date_created${op}`);
    items = items.filter((item) => test(instantKey(item.date_created), bound));
  }
  const total = items.length;
  const limit = readLimit(query.get('limit'));
  items = afterCursors(sorted, items, query);
  const data = items.slice(0, limit);
  return { resource: 'list', data: data.map(show), has_more: items.length > limit, total_count: total, url: path };
}

/** The page size: digits only, from 1 to the maximum; the default when absent; else 400. */
function readLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_LIST_LIMIT;
  const limit = LIMIT_FORMAT.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIST_LIMIT))
    throw invalidParameter('limit', `Ensure this value is a whole number between 1 and ${MAX_LIST_LIMIT}.`);
  return limit;
}

/**
 * The filtered `items` after `after_id` and before `before_id`. A cursor is found in the organisation's whole
 * newest-first list (`sorted`), so paging goes on when the cursor item stopped matching the filter (e.g. it was
 * deactivated meanwhile); an id not in that list at all is a 400.
 */
function afterCursors<T extends { id: string }>(sorted: T[], items: T[], query: URLSearchParams): T[] {
  const position = new Map(sorted.map((item, index) => [item.id, index]));
  for (const cursor of ['after_id', 'before_id'] as const) {
    const id = query.get(cursor);
    if (id === null) continue;
    const at = position.get(id);
    if (at === undefined) throw invalidParameter(cursor, 'No such object in this list.');
    items = items.filter((item) => {
      const place = position.get(item.id) ?? -1;
      return cursor === 'after_id' ? place > at : place < at;
    });
  }
  return items;
}
