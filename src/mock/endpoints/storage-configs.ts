/**
 * `/configs/storage`: create (and test), retrieve, list, update, test and delete a storage config. Credentials are
 * kept to test with and are never shown: every answer gives their field names only.
 */
import { STORAGE_TYPES, WEBHOOK_CONFIG_STATES } from '../../core/wire';
import { CREATED } from '../choices';
import { awaitSeconds, bodyOf, type Call, type HandlerContext, owned, type Route, startTest } from '../endpoint';
import { type ListDeclaration, listEndpoint } from '../lists';
import { invalidParameter, json, readNothing } from '../respond';
import { type ConfigState, type StoredStorageConfig, showStorageConfig } from '../shapes';
import { newId } from '../store';

const CONFIGS = '/configs/storage';
const FIELDS = ['url', 'credentials', 'signed_urls_enabled', 'signed_urls_expiry', 'state'] as const;
/** Create takes no `state`: every config starts `new`, and a `state` sent is ignored, as any field it does not take. */
const CREATE_FIELDS = FIELDS.filter((field) => field !== 'state');

const find = (context: HandlerContext, call: Call): StoredStorageConfig =>
  owned(context.store.storageConfigs, call.id, call.organisation, 'Storage config');

/** A bucket url, `gs://bucket/path` or `s3://bucket/path`, and the type it gives. */
function readBucketUrl(value: unknown): { url: string; type: 'gs' | 's3' } {
  const match =
    typeof value === 'string' ? /^(gs|s3):\/\/[a-z0-9][a-z0-9._-]{1,221}[a-z0-9](?:\/\S*)?$/.exec(value) : null;
  if (!match) throw invalidParameter('url', 'Enter a bucket url: gs://<bucket>/<path> or s3://<bucket>/<path>.');
  return { url: value as string, type: match[1] as 'gs' | 's3' };
}

/** The fields of a create or update body, checked; `required` for create. */
function readFields(body: Record<string, unknown>, required: boolean): Partial<StoredStorageConfig> {
  const fields: Partial<StoredStorageConfig> = {};
  if (body.url !== undefined || required) Object.assign(fields, readBucketUrl(body.url));
  const { credentials, signed_urls_enabled: enabled, signed_urls_expiry: expiry, state } = body;
  if (credentials !== undefined || required) {
    if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials))
      throw invalidParameter('credentials', 'Send the credentials as a JSON object.');
    fields.credentials = credentials as Record<string, unknown>;
  }
  if (enabled !== undefined) {
    if (typeof enabled !== 'boolean') throw invalidParameter('signed_urls_enabled', 'Must be true or false.');
    fields.signed_urls_enabled = enabled;
  }
  if (expiry !== undefined) {
    if (expiry !== null && !(typeof expiry === 'number' && expiry > 0))
      throw invalidParameter('signed_urls_expiry', 'Enter a number of seconds.');
    fields.signed_urls_expiry = expiry;
  }
  if (state !== undefined) {
    if (state !== 'new' && state !== 'deactivated')
      throw invalidParameter('state', 'Can only be set to new or deactivated.');
    fields.state = state as ConfigState;
  }
  return fields;
}

async function create(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const fields = readFields(bodyOf(call, CREATE_FIELDS), true);
  const config = context.store.add('storage_config', context.store.storageConfigs, {
    id: newId(),
    resource: 'storage_config',
    organisation: call.organisation,
    signed_urls_enabled: false,
    signed_urls_expiry: null,
    ...fields,
    state: 'new',
    date_created: context.store.now(),
  } as StoredStorageConfig);
  await startTest(context, config, call.key, awaitFor);
  return json(CREATED, showStorageConfig(config));
}

function retrieve(call: Call, context: HandlerContext): Response {
  return json(200, showStorageConfig(find(context, call)));
}

/** The storage config list: deactivated configs hidden unless a `state` is asked for, as webhook configs. */
export const STORAGE_CONFIG_LIST: ListDeclaration<'storageConfigs'> = {
  path: CONFIGS,
  from: 'storageConfigs',
  filters: ['type'],
  states: WEBHOOK_CONFIG_STATES,
  choices: { type: STORAGE_TYPES },
  hiddenStates: ['deactivated'],
  show: showStorageConfig,
};

/**
 * Updates the fields sent; state `new`, or a new url or credentials of a config that is not deactivated, is tested
 * again (as a webhook config).
 */
async function update(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const fields = readFields(bodyOf(call, FIELDS), false);
  if (Object.keys(fields).length === 0) throw invalidParameter('url', `Send one of ${FIELDS.join(', ')}.`);
  const config = Object.assign(find(context, call), fields);
  if (fields.state === 'new' || (config.state !== 'deactivated' && (fields.url || fields.credentials))) {
    config.state = 'new';
    await startTest(context, config, call.key, awaitFor);
  }
  return json(200, showStorageConfig(config));
}

async function test(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  readNothing(call.body, call.request.headers.get('content-type'), call.ignored);
  const taskId = await startTest(context, find(context, call), call.key, awaitFor);
  return json(CREATED, context.store.tasks.get(taskId));
}

/** Removes the config and answers 200 with it, as a webhook config's delete; references to it are cleared. */
function remove(call: Call, context: HandlerContext): Response {
  const { store } = context;
  const config = find(context, call);
  store.remove(store.storageConfigs, config.id);
  for (const key of store.keys.values()) if (key.storage_config === config.id) key.storage_config = null;
  const organisation = store.organisations.get(call.organisation);
  if (organisation?.storage_config_default === config.id) organisation.storage_config_default = null;
  return json(200, showStorageConfig(config));
}

/** The storage config endpoints. */
export const STORAGE_CONFIG_ROUTES: Route[] = [
  { path: CONFIGS, methods: { GET: listEndpoint(STORAGE_CONFIG_LIST), POST: create } },
  { path: `${CONFIGS}/:id`, methods: { GET: retrieve, POST: update, DELETE: remove } },
  { path: `${CONFIGS}/:id/test`, methods: { POST: test } },
];
