/**
 * `/key` and `/keys`: the calling key, the organisation's keys, a new key, a key's config overrides, and rotation.
 * A key's token is shown as a config's secret is: by create, retrieve, update and rotate, never in lists.
 */
import { KEY_STATES } from '../../core/wire';
import { CREATED } from '../choices';
import { bodyOf, type Call, configRef, type HandlerContext, owned, type Route } from '../endpoint';
import { listEndpoint } from '../lists';
import { json, readNothing } from '../respond';
import { type StoredKey, withoutToken } from '../shapes';

const find = (context: HandlerContext, call: Call): StoredKey =>
  owned(context.store.keys, call.id, call.organisation, 'Key');

/** The `webhook_config` and `storage_config` overrides of a body: config ids of the organisation, or null. */
function readOverrides(
  call: Call,
  context: HandlerContext,
): Partial<Pick<StoredKey, 'webhook_config' | 'storage_config'>> {
  const body = bodyOf(call, ['webhook_config', 'storage_config']);
  const { configs, storageConfigs } = context.store;
  const webhook = configRef(body.webhook_config, 'webhook_config', configs, call.organisation);
  const storage = configRef(body.storage_config, 'storage_config', storageConfigs, call.organisation);
  return {
    ...(webhook === undefined ? {} : { webhook_config: webhook }),
    ...(storage === undefined ? {} : { storage_config: storage }),
  };
}

function current(call: Call): Response {
  return json(200, call.key);
}

function retrieve(call: Call, context: HandlerContext): Response {
  return json(200, find(context, call));
}

const list = listEndpoint({ path: '/keys', from: 'keys', states: KEY_STATES, show: withoutToken });

function create(call: Call, context: HandlerContext): Response {
  const overrides = readOverrides(call, context);
  const key = context.accounts.createKey(call.organisation, {
    webhook_config: overrides.webhook_config ?? null,
    storage_config: overrides.storage_config ?? null,
  });
  return json(CREATED, key);
}

/** Sets the key's overrides; null clears one, so the key's events follow the organisation's default again. */
function update(call: Call, context: HandlerContext): Response {
  const overrides = readOverrides(call, context);
  return json(200, Object.assign(find(context, call), overrides));
}

/** A new token for the key, shown once here; the old token is refused (401) from now on. */
function rotate(call: Call, context: HandlerContext): Response {
  readNothing(call.body, call.request.headers.get('content-type'), call.ignored);
  const key = find(context, call);
  context.accounts.rotate(key);
  return json(200, key);
}

/** The key endpoints. */
export const KEY_ROUTES: Route[] = [
  { path: '/key', methods: { GET: current } },
  { path: '/keys', methods: { GET: list, POST: create } },
  { path: '/keys/:id', methods: { GET: retrieve, POST: update } },
  { path: '/keys/:id/rotate', methods: { POST: rotate } },
];
