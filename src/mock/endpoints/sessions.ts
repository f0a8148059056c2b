/**
 * `/sessions`: create (long-polled with `Ricloud-Await` until it leaves `pending`), retrieve (the same), list and
 * delete. The password is read to decide the session's outcome and is kept nowhere.
 */
import { SESSION_STATES, SOURCE_CREATE_TYPES } from '../../core/wire';
import { CREATED } from '../choices';
import { awaitSeconds, bodyOf, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { readChoice, readFields, readOptionalText, readRef, readText } from '../fields';
import { listEndpoint } from '../lists';
import { json } from '../respond';
import { checkUsable } from '../routing';
import { type Credentials, expireSession, showSession, startSession } from '../sessions';
import type { StoredSession, StoredSource } from '../data-shapes';
import { checkActive, namedSource, readSourceOwner, sourceFor } from './users-sources';

const find = (call: Call, context: HandlerContext) =>
  owned(context.store.sessions, call.id, call.organisation, 'Session');

/** Holds the answer until the session leaves `pending`, for up to the `Ricloud-Await` seconds asked. */
const settled = (context: HandlerContext, session: StoredSession, seconds: number) =>
  context.runner.waitUntil(session.id, seconds * 1000, () => session.state !== 'pending');

/**
 * The credentials a source type takes: a password (and a 2FA code) for iCloud, a pairing code for Relay, none for
 * the test source `mocks.mock`.
 */
function readCredentials(type: string, payload: Record<string, unknown>): Credentials {
  if (type === 'icloud.account') {
    const code = readOptionalText(payload.code, 'payload.code');
    return { password: readText(payload.password, 'payload.password'), ...(code ? { code } : {}) };
  }
  if (type === 'rirelay.instance') return { code: readText(payload.code, 'payload.code') };
  return {};
}

/** A source given by id: the organisation's, of a type a client names, and of a user that is not deactivated. */
function readSourceId(value: string, call: Call, context: HandlerContext): StoredSource {
  const source = readRef(context.store.sources, value, 'source', call.organisation);
  readChoice(source.type, 'source', SOURCE_CREATE_TYPES);
  checkActive(context.store.users.get(source.user), 'source');
  return source;
}

/** `{ user, type, identifier }`: a Relay instance may name no identifier (ricloud-py's `rirelay session create`). */
function readNamedSource(value: unknown, call: Call, context: HandlerContext) {
  const fields = readFields(value, 'source');
  const owner = readSourceOwner(fields, 'source.', call, context);
  const byCode = owner.type === 'rirelay.instance' && (fields.identifier === undefined || fields.identifier === null);
  return { ...owner, identifier: byCode ? undefined : readText(fields.identifier, 'source.identifier') };
}

/** The identifiers of the organisation's Relay instances. */
const relayNames = (call: Call, context: HandlerContext): Set<string> =>
  new Set(
    [...context.store.sources.values()]
      .filter((s) => s.organisation === call.organisation && s.type === 'rirelay.instance')
      .map((s) => s.identifier),
  );

/**
 * Opens a session on `source`: a source id, or `{ user, type, identifier }` naming (and making, when new) the
 * user's source; a Relay instance named by no identifier is the one its pairing code paired (a new one for a new
 * code). Neither the source nor its user may be deactivated.
 */
async function create(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const { store } = context;
  const body = bodyOf(call, ['source', 'payload']);
  const given = typeof body.source === 'string' ? readSourceId(body.source, call, context) : undefined;
  const owner = given ? undefined : readNamedSource(body.source, call, context);
  const credentials = readCredentials(given?.type ?? owner?.type ?? '', readFields(body.payload, 'payload'));
  const pairing = owner?.identifier === undefined ? credentials.code : undefined;
  const named = owner && {
    ...owner,
    identifier:
      owner.identifier ?? store.pairings.identifier(call.organisation, pairing as string, relayNames(call, context)),
  };
  let source = given ?? (named && namedSource(context, named.user, named.type, named.identifier));
  checkActive(source, 'source');
  checkUsable(store, call.key);
  store.forgetEnded(store.sessions, (s) => s.state === 'expired' || s.state === 'failed');
  store.checkRoom(store.sessions);
  if (named) source ??= sourceFor(context, named.user, named.type, named.identifier);
  if (named && pairing) store.pairings.pair(call.organisation, pairing, named.identifier);
  const session = startSession(context, call.key, source as StoredSource, credentials);
  await settled(context, session, awaitFor);
  return json(CREATED, showSession(context, session));
}

async function retrieve(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const session = find(call, context);
  await settled(context, session, awaitFor);
  return json(200, showSession(context, session));
}

const list = listEndpoint({
  path: '/sessions',
  from: 'sessions',
  filters: ['source', 'user', 'key'],
  states: SESSION_STATES,
  show: (session, context) => showSession(context, session),
});

/** Ends the session (`expired`, with a `session.expired` event) and answers it as JSON, as ricloud-py decodes it. */
function remove(call: Call, context: HandlerContext): Response {
  const session = find(call, context);
  expireSession(context, session);
  return json(200, showSession(context, session));
}

/** The session endpoints. */
export const SESSION_ROUTES: Route[] = [
  { path: '/sessions', methods: { GET: list, POST: create } },
  { path: '/sessions/:id', methods: { GET: retrieve, DELETE: remove } },
];
