/**
 * `/sessions`: create (long-polled with `Ricloud-Await` until it leaves `pending`), retrieve (the same), list and
 * delete. The password is read to decide the session's outcome and is kept nowhere.
 */
import { CLIENT_SOURCE_TYPES, CREATED } from '../choices';
import { awaitSeconds, bodyOf, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { readChoice, readFields, readOptionalText, readRef, readText } from '../fields';
import { listObject } from '../lists';
import { json } from '../respond';
import { checkUsable } from '../routing';
import { type Credentials, expireSession, showSession, startSession } from '../sessions';
import type { StoredSession, StoredSource } from '../shapes';
import { checkActive, namedSource, readSourceFields, sourceFor } from './users-sources';

const find = (call: Call, context: HandlerContext) =>
  owned(context.store.sessions, call.id, call.organisation, 'Session');

/** Holds the answer until the session leaves `pending`, for up to the `Ricloud-Await` seconds asked. */
const settled = (context: HandlerContext, session: StoredSession, seconds: number) =>
  context.runner.waitUntil(session.id, seconds * 1000, () => session.state !== 'pending');

/** The credentials a source type takes: a password (and a 2FA code) for iCloud, a pairing code for Relay. */
function readCredentials(type: string, payload: Record<string, unknown>): Credentials {
  if (type === 'icloud.account') {
    const code = readOptionalText(payload.code, 'payload.code');
    return { password: readText(payload.password, 'payload.password'), ...(code ? { code } : {}) };
  }
  return { code: readText(payload.code, 'payload.code') };
}

/**
 * Opens a session on `source`: a source id, or `{ user, type, identifier }` naming (and making, when new) the
 * user's source. Neither the source nor its user may be deactivated.
 */
async function create(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const body = bodyOf(call, ['source', 'payload']);
  let source: StoredSource | undefined;
  let named: ReturnType<typeof readSourceFields> | undefined;
  if (typeof body.source === 'string') {
    source = readRef(context.store.sources, body.source, 'source', call.organisation);
    readChoice(source.type, 'source', CLIENT_SOURCE_TYPES);
    checkActive(context.store.users.get(source.user), 'source');
  } else {
    const fields = readFields(body.source, 'source');
    // ricloud-py's Relay sample names no identifier: the pairing code names the instance.
    if (fields.type === 'rirelay.instance' && fields.identifier === undefined)
      fields.identifier = readText(readFields(body.payload, 'payload').code, 'payload.code');
    named = readSourceFields(fields, 'source.', call, context);
    source = namedSource(context, named.user, named.type, named.identifier);
  }
  checkActive(source, 'source');
  const credentials = readCredentials(source?.type ?? named?.type ?? '', readFields(body.payload, 'payload'));
  checkUsable(context.store, call.key);
  source ??= named && sourceFor(context, named.user, named.type, named.identifier);
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

function list(call: Call, context: HandlerContext): Response {
  const mine = context.store.mine(context.store.sessions, call.organisation);
  const spec = { filters: ['source', 'state', 'user', 'key'] };
  return json(
    200,
    listObject(mine, call.url.searchParams, spec, '/sessions', (s) => showSession(context, s)),
  );
}

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
