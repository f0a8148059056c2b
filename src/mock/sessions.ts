/**
 * The session state machine: `pending`, then `active` or `failed` (with the error its credentials call for, from
 * `SESSION_OUTCOMES`), and `expired` after `sessionLifetime` or on delete. Each change is a `session.*` event.
 */
import { SESSION_OUTCOMES, SOURCE_LOCKED } from './choices';
import { sleep } from '../core/signal';
import type { HandlerContext } from './endpoint';
import type { StoredSession, StoredSource } from './data-shapes';
import type { StoredKey } from './shapes';
import { showSource } from './sources';
import { newId } from './store';
import { endSubscription } from './subscriptions';

/** What a session is opened with. The password only decides the outcome, and is never stored. */
export interface Credentials {
  password?: string;
  code?: string;
}

/** The session as the API shows it: its source nested, as `GET /sources/{id}` shows it (`children` included). */
export function showSession(context: HandlerContext, session: StoredSession): unknown {
  const source = context.store.sources.get(session.source);
  return { ...session, source: source ? showSource(context, source) : session.source };
}

/** Opens a `pending` session on `source` for `key`, decided after a step of `taskDelay`. */
export function startSession(
  context: HandlerContext,
  key: StoredKey,
  source: StoredSource,
  credentials: Credentials,
): StoredSession {
  const { store, runner, flow } = context;
  const error = SESSION_OUTCOMES.find(
    (row) => row.type === source.type && row.when(source.identifier, credentials),
  )?.error;
  const session = store.add('session', store.sessions, {
    id: newId(),
    resource: 'session',
    organisation: key.organisation,
    key: key.id,
    user: source.user,
    source: source.id,
    state: 'pending',
    error: null,
    date_created: store.now(),
    date_expired: null,
  } satisfies StoredSession);
  runner.track(async (signal) => {
    await sleep(flow.taskDelay, signal);
    if (session.state !== 'pending') return;
    session.state = error ? 'failed' : 'active';
    session.error = error ?? null;
    // The docs' `locked` state: the service locked the account, and only its user can unlock it there.
    if (error === SOURCE_LOCKED) source.state = 'locked';
    if (!error) {
      store.validated.add(source.id);
      if (source.state === 'unvalidated') source.state = 'active';
      runner.later(flow.sessionLifetime, async () => expireSession(context, session), session.id);
    }
    runner.notify(session.id);
    runner.announce(store.keys.get(session.key), 'session', session.state, showSession(context, session), signal);
  });
  return session;
}

/**
 * Ends a session that is `pending` or `active`: `expired` now, with a `session.expired` event. Its subscriptions can
 * make no more polls: they are `deleted`, the API's one state of a subscription that has ended.
 */
export function expireSession(context: HandlerContext, session: StoredSession): void {
  if (session.state !== 'active' && session.state !== 'pending') return;
  session.state = 'expired';
  session.date_expired = context.store.now();
  context.runner.cancel(session.id);
  for (const subscription of context.store.subscriptions.values())
    if (subscription.session === session.id) endSubscription(context, subscription);
  context.runner.notify(session.id);
  context.runner.announce(context.store.keys.get(session.key), 'session', 'expired', showSession(context, session));
}

/** Expires the `pending` and `active` sessions of a user or a source the organisation deactivated. */
export function endSessions(context: HandlerContext, field: 'user' | 'source', id: string): void {
  for (const session of context.store.sessions.values()) if (session[field] === id) expireSession(context, session);
}
