/**
 * Subscriptions: from `date_start`, a poll of the session every `interval` seconds (each second is `intervalScale`
 * ms of the mock) until `date_end` or delete. A subscription is `pending` until its first poll, then `active`; one
 * whose session is no longer `active` when a poll is due makes no more polls; one whose source is deactivated, or
 * whose organisation's configs or `data_type:` scopes would refuse the poll, skips it.
 */
import type { HandlerContext } from './endpoint';
import { startPoll } from './polls';
import { missingConfig } from './routing';
import { refusedDataType } from './scopes';
import type { StoredSubscription } from './shapes';

/** Schedules the subscription's first poll, at `date_start` (at once when it is past). */
export function scheduleSubscription(context: HandlerContext, subscription: StoredSubscription): void {
  const wait = Math.max(0, Date.parse(subscription.date_start) - Date.now()) / 1000;
  context.runner.later(wait * context.flow.intervalScale, async () => tick(context, subscription, 0), subscription.id);
}

/** Makes poll number `n`, when it is due before `date_end`, and schedules the next. */
function tick(context: HandlerContext, subscription: StoredSubscription, n: number): void {
  const { store, flow, runner } = context;
  if (subscription.state === 'deleted') return;
  const due = Date.parse(subscription.date_start) + n * subscription.interval * 1000;
  if (subscription.date_end !== null && due > Date.parse(subscription.date_end)) return;
  const session = store.sessions.get(subscription.session);
  const source = store.sources.get(subscription.source);
  const key = store.keys.get(subscription.key);
  if (session?.state !== 'active' || !source || !key) return;
  // An organisation that lost its configs or the scopes of a data type asked for, or a deactivated source, skips this
  // poll (a poll the API would refuse); the next one is made as due.
  const refused = refusedDataType(store, key.organisation, subscription.poll_payload.data_types);
  if (!missingConfig(store, key) && refused === undefined && source.state !== 'deactivated') {
    startPoll(context, key, session, source, structuredClone(subscription.poll_payload), subscription.id);
    subscription.state = 'active';
  }
  runner.later(
    subscription.interval * flow.intervalScale,
    async () => tick(context, subscription, n + 1),
    subscription.id,
  );
}
