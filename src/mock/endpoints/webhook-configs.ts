/** `/configs/webhook`: create (and test), retrieve, list, update, test and delete a webhook config. */
import { WEBHOOK_CONFIG_STATES, WEBHOOK_CONFIG_UPDATE_STATES } from '../../core/wire';
import { CREATED } from '../choices';
import { awaitSeconds, bodyOf, type Call, type HandlerContext, owned, type Route, startTest } from '../endpoint';
import { type ListDeclaration, listEndpoint } from '../lists';
import { invalidParameter, json, readNothing, readUrl } from '../respond';
import { newId, newSecret, type StoredConfig, withoutSecret } from '../store';

const CONFIGS = '/configs/webhook';

const find = (context: HandlerContext, call: Call): StoredConfig =>
  owned(context.store.configs, call.id, call.organisation, 'Webhook config');

async function create(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const body = bodyOf(call, ['url']);
  if (body.url === undefined) throw invalidParameter('url', 'This field is required.');
  const config = context.store.add('webhook_config', context.store.configs, {
    id: newId(),
    resource: 'webhook_config',
    organisation: call.organisation,
    url: readUrl(body.url),
    secret: newSecret(),
    state: 'new',
    date_created: context.store.now(),
  } as StoredConfig);
  await startTest(context, config, call.key, awaitFor);
  return json(CREATED, config);
}

function retrieve(call: Call, context: HandlerContext): Response {
  return json(200, find(context, call));
}

/** The webhook config list: deactivated configs hidden unless a `state` is asked for (the seed page). */
export const WEBHOOK_CONFIG_LIST: ListDeclaration<'configs'> = {
  path: CONFIGS,
  from: 'configs',
  states: WEBHOOK_CONFIG_STATES,
  hiddenStates: ['deactivated'],
  show: withoutSecret,
};

async function update(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  const body = bodyOf(call, ['url', 'state']);
  if (body.url === undefined && body.state === undefined) throw invalidParameter('url', 'Send url or state.');
  const url = body.url === undefined ? undefined : readUrl(body.url);
  if (body.state !== undefined && !(WEBHOOK_CONFIG_UPDATE_STATES as readonly unknown[]).includes(body.state)) {
    throw invalidParameter('state', `Can only be set to ${WEBHOOK_CONFIG_UPDATE_STATES.join(' or ')}.`);
  }
  const config = find(context, call);
  if (url !== undefined) config.url = url;
  // Only `state` switches a config back on: a new url alone keeps a deactivated config deactivated, and untested.
  if ((body.state ?? config.state) === 'deactivated') {
    config.state = 'deactivated';
  } else {
    // A new url, or state `new`, is "recently updated but not yet tested": test it again.
    config.state = 'new';
    await startTest(context, config, call.key, awaitFor);
  }
  return json(200, config);
}

async function test(call: Call, context: HandlerContext): Promise<Response> {
  const awaitFor = awaitSeconds(call.request);
  readNothing(call.body, call.request.headers.get('content-type'), call.ignored);
  const config = find(context, call);
  const taskId = await startTest(context, config, call.key, awaitFor);
  return json(CREATED, context.store.tasks.get(taskId));
}

/**
 * Removes the config (a later retrieve is 404) and answers 200 with it, without its secret, as JSON: ricloud-py
 * decodes every answer. Keys and the organisation default that named it fall back to the organisation's route.
 */
function remove(call: Call, context: HandlerContext): Response {
  const { store } = context;
  const config = find(context, call);
  store.remove(store.configs, config.id);
  for (const key of store.keys.values()) if (key.webhook_config === config.id) key.webhook_config = null;
  const organisation = store.organisations.get(call.organisation);
  if (organisation?.webhook_config_default === config.id) organisation.webhook_config_default = null;
  return json(200, withoutSecret(config));
}

/** The webhook config endpoints. */
export const WEBHOOK_CONFIG_ROUTES: Route[] = [
  { path: CONFIGS, methods: { GET: listEndpoint(WEBHOOK_CONFIG_LIST), POST: create } },
  { path: `${CONFIGS}/:id`, methods: { GET: retrieve, POST: update, DELETE: remove } },
  { path: `${CONFIGS}/:id/test`, methods: { POST: test } },
];
