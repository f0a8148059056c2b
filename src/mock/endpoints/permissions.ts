/**
 * `/permissions`: create, retrieve, list and update the organisation's permissions, each a map of scopes to limits.
 * The mock keeps them as sent and enforces none of them.
 */
import { CREATED } from '../choices';
import { bodyOf, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { listEndpoint } from '../lists';
import { invalidParameter, json } from '../respond';
import type { StoredPermissions } from '../shapes';
import { newId } from '../store';

/** `scopes`: an object whose values are lists of limit objects (`{ level, type, value }`). */
function readScopes(value: unknown): Record<string, unknown[]> {
  const ok =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (limits) =>
        Array.isArray(limits) && limits.every((limit) => typeof limit === 'object' && limit && !Array.isArray(limit)),
    );
  if (!ok) throw invalidParameter('scopes', 'Send an object mapping each scope to a list of limit objects.');
  return value as Record<string, unknown[]>;
}

function create(call: Call, context: HandlerContext): Response {
  const scopes = readScopes(bodyOf(call, ['scopes']).scopes);
  const permissions = context.store.add('permissions', context.store.permissions, {
    id: newId(),
    resource: 'permissions',
    organisation: call.organisation,
    scopes,
    date_created: context.store.now(),
  } satisfies StoredPermissions);
  return json(CREATED, permissions);
}

function retrieve(call: Call, context: HandlerContext): Response {
  return json(200, owned(context.store.permissions, call.id, call.organisation, 'Permissions'));
}

const list = listEndpoint({ path: '/permissions', from: 'permissions' });

/** Replaces the scopes. */
function update(call: Call, context: HandlerContext): Response {
  const scopes = readScopes(bodyOf(call, ['scopes']).scopes);
  const permissions = owned(context.store.permissions, call.id, call.organisation, 'Permissions');
  permissions.scopes = scopes;
  return json(200, permissions);
}

/** The permissions endpoints. */
export const PERMISSIONS_ROUTES: Route[] = [
  { path: '/permissions', methods: { GET: list, POST: create } },
  { path: '/permissions/:id', methods: { GET: retrieve, POST: update } },
];
