/** List endpoints of the mock: filters, datetime ranges, newest-first order, `limit`, `after_id`, `before_id`. */
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT } from './choices';
import { invalidParameter } from './respond';

/** How one list endpoint filters: plain string filters, and the datetime filter on `date_created`. */
export interface ListSpec<T> {
  /** Filters compared for equality with the item's attribute of the same name. */
  filters: readonly string[];
  /** Items to leave out when no `state` filter is sent (deactivated configs). */
  hiddenUnlessAsked?: (item: T) => boolean;
}

const DATE_OPS: Record<string, (item: number, bound: number) => boolean> = {
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
  const allowed = new Set([...spec.filters, 'limit', 'after_id', 'before_id', ...Object.keys(DATE_OPS).map((op) => `date_created${op}`)]);
  for (const key of query.keys()) if (!allowed.has(key)) throw invalidParameter(key, 'Unknown filter.');

  let items = sorted;
  for (const name of spec.filters) {
    const value = query.get(name);
    if (value !== null) items = items.filter((item) => String((item as Record<string, unknown>)[name]) === value);
  }
  if (spec.hiddenUnlessAsked && !query.has('state')) items = items.filter((item) => !spec.hiddenUnlessAsked?.(item));
  for (const [op, test] of Object.entries(DATE_OPS)) {
    const raw = query.get(`date_created${op}`);
    if (raw === null) continue;
    const bound = Date.parse(raw);
    if (Number.isNaN(bound)) throw invalidParameter(`date_created${op}`, 'Enter a valid date/time.');
    items = items.filter((item) => test(Date.parse(item.date_created), bound));
  }
  const total = items.length;

  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_LIST_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) throw invalidParameter('limit', `Ensure this value is between 1 and ${MAX_LIST_LIMIT}.`);
  for (const cursor of ['after_id', 'before_id'] as const) {
    const id = query.get(cursor);
    if (id === null) continue;
    const at = items.findIndex((item) => item.id === id);
    if (at < 0) throw invalidParameter(cursor, 'No such object in this list.');
    items = cursor === 'after_id' ? items.slice(at + 1) : items.slice(0, at);
  }
  const data = items.slice(0, limit);
  return { resource: 'list', data: data.map(show), has_more: items.length > limit, total_count: total, url: path };
}
