/**
 * Results: published by a succeeded task, `available` until acknowledged (`consumed`), and `expired` after
 * `resultLifetime` (then without a `signed_url`, and its file gone). The file is served by the mock itself, at the
 * `signed_url` a result has when its storage config has `signed_urls_enabled`.
 */
import { FILES_PATH } from './choices';
import { type Content, dataContent, jsonContent, patternContent } from './content';
import type { HandlerContext } from './endpoint';
import { storageRouteOf } from './routing';
import type { StoredPoll, StoredResult } from './data-shapes';
import type { StoredKey } from './shapes';
import { newId, newSecret, type StoredTask } from './store';

/** The task as the API shows it: `results` lists what it published. */
export function showTask(context: HandlerContext, task: StoredTask): unknown {
  const published = [...context.store.results.values()].filter((result) => result.task === task.id);
  return {
    ...task,
    results: {
      resource: 'list',
      data: published,
      has_more: false,
      total_count: published.length,
      url: `/results?task=${task.id}`,
    },
  };
}

/** What a task's result holds: a JSON document for an info or data type, `size` patterned bytes for a file. */
function contentOf(task: StoredTask, size: number, signal: AbortSignal): Promise<Content> | Content {
  if (task.type === 'info') return jsonContent({ info_type: task.target, source_type: task.source_type ?? null });
  if (task.type === 'data') return dataContent(task.target);
  return patternContent(task.target, size, signal);
}

/**
 * Publishes the result of a succeeded task, stored at the key's storage route. It has a `signed_url` (and the mock
 * keeps its file to serve there) only when that storage config has `signed_urls_enabled`, as the API signs none else.
 */
export async function publishResult(
  context: HandlerContext,
  key: StoredKey,
  poll: StoredPoll,
  task: StoredTask,
  signal: AbortSignal,
): Promise<void> {
  const { store, runner, flow, baseUrl } = context;
  const content = await contentOf(task, flow.resultSize, signal);
  const id = newId();
  const token = newSecret();
  const storage = storageRouteOf(store, key);
  const signed = storage?.signed_urls_enabled === true;
  const created = store.now();
  // A signed URL lasts the config's `signed_urls_expiry` (seconds), and never past the result's own expiry.
  const expiry = Math.min((storage?.signed_urls_expiry ?? Number.POSITIVE_INFINITY) * 1000, flow.resultLifetime);
  const expires = Date.parse(created) + expiry;
  const result = store.record('result', store.results, {
    id,
    resource: 'result',
    organisation: key.organisation,
    poll: poll.id,
    task: task.id,
    identifier: task.target,
    url: `${storage?.url.replace(/\/+$/, '') ?? 'gs://unconfigured'}/${poll.id}/${id}`,
    type: task.type === 'file' ? 'binary' : 'json',
    checksum: content.checksum,
    size: content.size,
    signed_url: signed
      ? {
          url: `${baseUrl}${FILES_PATH}/${id}?token=${token}`,
          date_expires: new Date(expires).toISOString(),
        }
      : null,
    state: 'available',
    date_created: created,
    date_consumed: null,
    date_deleted: null,
  } satisfies StoredResult);
  // An unsigned result's file token is never shown, so a file kept for it could never be served.
  // Stryker disable next-line ConditionalExpression: equivalent, as just said.
  if (signed) store.files.set(id, { content, token, expires });
  runner.later(flow.resultLifetime, async () => expireResult(context, key, result), id);
}

/**
 * Expires a result: no `signed_url` any more, its file forgotten, and a `result.expired` event for `key`, the key
 * its poll was made with (its task may be forgotten by then, as the store keeps only the newest).
 */
function expireResult(context: HandlerContext, key: StoredKey, result: StoredResult): void {
  const { store } = context;
  result.state = 'expired';
  result.signed_url = null;
  result.date_deleted = store.now();
  store.files.delete(result.id);
  context.runner.announce(key, 'result', 'expired', result);
}

/** Acknowledges an `available` result: `consumed` from now on (acknowledging again changes nothing). */
export function consume(context: HandlerContext, result: StoredResult): void {
  if (result.state !== 'available') return;
  result.state = 'consumed';
  result.date_consumed = context.store.now();
}
