/** `/organisation`: the caller's organisation, with its configs and state; update its defaults and name. */
import { bodyOf, type Call, configRef, type HandlerContext, type Route } from '../endpoint';
import { listOf } from '../lists';
import { invalidParameter, json } from '../respond';
import { isUsable } from '../routing';
import type { StoredOrganisation } from '../shapes';
import { KEY_ROUTES } from './keys';
import { STORAGE_CONFIG_LIST } from './storage-configs';
import { WEBHOOK_CONFIG_LIST } from './webhook-configs';

/**
 * The organisation as the API shows it: its configs as nested lists (each the first page a `GET` of it without a query
 * gives: deactivated configs left out), and its state: `active` when it has a `valid` webhook config and a `valid`
 * storage config (the docs' rules), else `unconfigured`.
 */
function show(context: HandlerContext, organisation: StoredOrganisation): unknown {
  return {
    ...organisation,
    state: isUsable(context.store, organisation.id) ? 'active' : 'unconfigured',
    webhook_configs: listOf(WEBHOOK_CONFIG_LIST, context, organisation.id),
    storage_configs: listOf(STORAGE_CONFIG_LIST, context, organisation.id),
  };
}

const mine = (call: Call, context: HandlerContext): StoredOrganisation =>
  context.store.organisations.get(call.organisation) as StoredOrganisation;

function retrieve(call: Call, context: HandlerContext): Response {
  return json(200, show(context, mine(call, context)));
}

/** Sets `webhook_config_default`, `storage_config_default` (a config id of the organisation, or null) and `name`. */
function update(call: Call, context: HandlerContext): Response {
  const { store } = context;
  const body = bodyOf(call, ['webhook_config_default', 'storage_config_default', 'name']);
  const webhook = configRef(body.webhook_config_default, 'webhook_config_default', store.configs, call.organisation);
  const storage = configRef(
    body.storage_config_default,
    'storage_config_default',
    store.storageConfigs,
    call.organisation,
  );
  if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === ''))
    throw invalidParameter('name', 'Enter a name.');
  const organisation = mine(call, context);
  if (webhook !== undefined) organisation.webhook_config_default = webhook;
  if (storage !== undefined) organisation.storage_config_default = storage;
  if (typeof body.name === 'string') organisation.name = body.name;
  return json(200, show(context, organisation));
}

/** The organisation and key endpoints. */
export const ORGANISATION_ROUTES: Route[] = [
  { path: '/organisation', methods: { GET: retrieve, POST: update } },
  ...KEY_ROUTES,
];
