/** `/users` and `/sources`: create, retrieve, list and update; a source's `children` are the sources polls found. */
import { SOURCE_CREATE_TYPES, SOURCE_STATES, USER_STATES } from '../../core/wire';
import { CREATED } from '../choices';
import { bodyOf, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { readChoice, readOptionalText, readRef, readText } from '../fields';
import { listEndpoint } from '../lists';
import { invalidParameter, json } from '../respond';
import { endSessions } from '../sessions';
import { showSource } from '../sources';
import type { StoredSource, StoredUser } from '../data-shapes';
import { newId } from '../store';

const findUser = (call: Call, context: HandlerContext) =>
  owned(context.store.users, call.id, call.organisation, 'User');
const findSource = (call: Call, context: HandlerContext) =>
  owned(context.store.sources, call.id, call.organisation, 'Source');

/**
 * Makes a user of `key` (a key id of the organisation; the calling key when absent or null), or answers 200 with the
 * organisation's user of that identifier: ricloud-py's samples get their user so (`get_or_create_user` calls
 * `User.create`), and a create re-sent after a 5xx makes no second user. `organisation` (the docs: for super
 * organisations only) may name the caller's own; the mock's organisations are standard, so another is refused.
 */
function createUser(call: Call, context: HandlerContext): Response {
  const body = bodyOf(call, ['identifier', 'key', 'organisation']);
  const identifier = readText(body.identifier, 'identifier');
  if (body.organisation !== undefined && body.organisation !== null && body.organisation !== call.organisation)
    throw invalidParameter('organisation', 'Only a super organisation makes users of another organisation.');
  const key =
    body.key === undefined || body.key === null
      ? call.key
      : readRef(context.store.keys, body.key, 'key', call.organisation);
  const found = context.store.mine(context.store.users, call.organisation).find((u) => u.identifier === identifier);
  if (found) return json(200, found);
  const user = context.store.add('user', context.store.users, {
    id: newId(),
    resource: 'user',
    organisation: call.organisation,
    key: key.id,
    identifier,
    state: 'active',
    date_created: context.store.now(),
  } satisfies StoredUser);
  return json(CREATED, user);
}

const listUsers = listEndpoint({ path: '/users', from: 'users', filters: ['identifier', 'key'], states: USER_STATES });

/**
 * Takes `identifier` (one no other user of the organisation has: identifiers name users, as `POST /users` reads them)
 * and `state` (`active` or `deactivated`; deactivating a user expires its sessions).
 */
function updateUser(call: Call, context: HandlerContext): Response {
  const body = bodyOf(call, ['identifier', 'state']);
  const identifier = readOptionalText(body.identifier, 'identifier');
  const state = body.state === undefined ? undefined : readChoice(body.state, 'state', ['active', 'deactivated']);
  const user = findUser(call, context);
  const users = context.store.mine(context.store.users, call.organisation);
  if (identifier !== undefined && users.some((other) => other.id !== user.id && other.identifier === identifier))
    throw invalidParameter('identifier', 'Another user of this organisation has this identifier.');
  if (identifier !== undefined) user.identifier = identifier;
  if (state !== undefined) user.state = state;
  if (state === 'deactivated') endSessions(context, 'user', user.id);
  return json(200, user);
}

/** Refuses a user or source that is `deactivated`: it takes no new source, session or poll. */
export function checkActive(item: StoredUser | StoredSource | undefined, field: string): void {
  if (item?.state === 'deactivated') throw invalidParameter(field, `The ${item.resource} is deactivated.`);
}

/** The top-level source of `user` with this type and identifier, if there is one. */
export const namedSource = (context: HandlerContext, user: StoredUser, type: string, identifier: string) =>
  [...context.store.sources.values()].find(
    (s) => s.user === user.id && s.type === type && s.identifier === identifier && s.parent === null,
  );

/** The source of `user` with this type and identifier, made `unvalidated` when there is none yet. */
export function sourceFor(context: HandlerContext, user: StoredUser, type: string, identifier: string): StoredSource {
  const { store } = context;
  return (
    namedSource(context, user, type, identifier) ??
    store.add('source', store.sources, {
      id: newId(),
      resource: 'source',
      organisation: user.organisation,
      user: user.id,
      type: type as StoredSource['type'],
      identifier,
      parent: null,
      state: 'unvalidated',
      date_created: store.now(),
    } satisfies StoredSource)
  );
}

/**
 * Reads the `user` and `type` of a source named as in `POST /sources` and a session's `source` (its `identifier` is
 * the caller's to read); the user must not be deactivated.
 */
export function readSourceOwner(fields: Record<string, unknown>, prefix: string, call: Call, context: HandlerContext) {
  const user = readRef(context.store.users, fields.user, `${prefix}user`, call.organisation);
  checkActive(user, `${prefix}user`);
  return { user, type: readChoice(fields.type, `${prefix}type`, SOURCE_CREATE_TYPES) };
}

/** Makes a source; one of the same user, type and identifier already made is a 400 on `identifier`. */
function createSource(call: Call, context: HandlerContext): Response {
  const body = bodyOf(call, ['user', 'type', 'identifier']);
  const { user, type } = readSourceOwner(body, '', call, context);
  const identifier = readText(body.identifier, 'identifier');
  const before = context.store.sources.size;
  const source = sourceFor(context, user, type, identifier);
  if (context.store.sources.size === before) throw invalidParameter('identifier', 'This user has this source already.');
  return json(CREATED, showSource(context, source));
}

const listSources = listEndpoint({
  path: '/sources',
  from: 'sources',
  filters: ['user', 'identifier', 'type', 'parent'],
  states: SOURCE_STATES,
  show: (source, context) => showSource(context, source),
});

/**
 * Takes `state`: `deactivated` (its sessions expire), or `active` again; a source no session has validated (an
 * `unvalidated` one, or one deactivated before it was validated) is made active by a session only.
 */
function updateSource(call: Call, context: HandlerContext): Response {
  const state = readChoice(bodyOf(call, ['state']).state, 'state', ['active', 'deactivated']);
  const source = findSource(call, context);
  if (state === 'active' && !context.store.validated.has(source.id))
    throw invalidParameter('state', 'An unvalidated source becomes active once a session on it is.');
  source.state = state;
  if (state === 'deactivated') endSessions(context, 'source', source.id);
  return json(200, showSource(context, source));
}

/** The user and source endpoints. */
export const USER_AND_SOURCE_ROUTES: Route[] = [
  { path: '/users', methods: { GET: listUsers, POST: createUser } },
  { path: '/users/:id', methods: { GET: (call, context) => json(200, findUser(call, context)), POST: updateUser } },
  { path: '/sources', methods: { GET: listSources, POST: createSource } },
  {
    path: '/sources/:id',
    methods: { GET: (call, context) => json(200, showSource(context, findSource(call, context))), POST: updateSource },
  },
];
