/**
 * Subscriptions: from `date_start`, a poll of the session every `interval` seconds (each second is `intervalScale`
 * ms of the mock) until `date_end` or delete. A subscription is `pending` until its first poll, then `active`, and
 * `deleted` once deleted, its session ended, or its next poll would be due past `date_end`; one whose source is
 * deactivated, or whose organisation's configs or `data_type:` scopes would refuse the poll, skips it.
 */
import type { HandlerContext } from './endpoint';
import { startPoll } from './polls';
import { missingConfig } from './routing';
import { refusedDataType } from './scopes';
import type { StoredSubscription } from './data-shapes';

/**
 * Ends a subscription (`deleted`: no more polls, its next one unscheduled): a DELETE, its session's end, `date_end`.
 */
export function endSubscription(context: HandlerContext, subscription: StoredSubscription): void {
  subscription.state = 'deleted';
  context.runner.cancel(subscription.id);
}

/**
 * Schedules the subscription's first poll: at `date_start`, or at once when it is past. Polls that fell due before the
 * subscription was made are not made (the API does not poll the past); the latest of them is made at once.
 */
export function scheduleSubscription(context: HandlerContext, subscription: StoredSubscription): void {
  const elapsed = (Date.now() - Date.parse(subscription.date_start)) / 1000;
  const n = Math.max(0, Math.floor(elapsed / subscription.interval));
  const late = Math.max(0, elapsed - n * subscription.interval);
  const wait = Math.max(0, -elapsed) * context.flow.intervalScale;
  context.runner.later(wait, async () => tick(context, subscription, n, late), subscription.id);
}

/**
 * Makes poll number `n` (due `late` seconds ago) and schedules the next; a poll due past `date_end` ends the
 * subscription instead.
 */
function tick(context: HandlerContext, subscription: StoredSubscription, n: number, late = 0): void {
  const { store, flow, runner } = context;
  const due = Date.parse(subscription.date_start) + n * subscription.interval * 1000;
  if (subscription.date_end !== null && due > Date.parse(subscription.date_end)) {
    endSubscription(context, subscription);
    return;
  }
  const session = store.sessions.get(subscription.session);
  const source = store.sources.get(subscription.source);
  const key = store.keys.get(subscription.key);
  // Never true, so its mutants are equivalent (the check is for the types): a subscription that polls has an active
  // session, a source and a key, as a session ends only by expiring, which deletes its subscriptions and unschedules
  // their polls, and reset() forgets them all with their timers.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: never true, as said above.
  if (!session || !source || !key) return;
  // An organisation that lost its configs or the scopes of a data type asked for, or a deactivated source, skips this
  // poll (a poll the API would refuse); the next one is made as due.
  const refused = refusedDataType(store, key.organisation, subscription.poll_payload.data_types);
  if (!missingConfig(store, key) && refused === undefined && source.state !== 'deactivated') {
    startPoll(
      context,
      key,
      session,
      source,
      structuredClone(subscription.poll_payload),
      subscription.id,
      'subscription',
    );
    subscription.state = 'active';
  }
  runner.later(
    (subscription.interval - late) * flow.intervalScale,
    async () => tick(context, subscription, n + 1),
    subscription.id,
  );
}
