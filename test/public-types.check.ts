/**
 * The public types as a strict user's compiler sees them: a type-check fixture, not a test file. `tsc --noEmit` (part
 * of `npm test`, with `exactOptionalPropertyTypes` on) checks it; a `@ts-expect-error` that finds no error, or a call
 * that stops compiling, fails `npm test`. Nothing here runs.
 */
import { createServer } from 'node:http';
import { expectTypeOf } from 'vitest';
import {
  Client,
  type CreatedWebhookConfig,
  Event,
  type EventAttributes,
  type ErrorCode,
  type EventAction,
  type EventState,
  type EventType,
  Key,
  KEY_TYPES,
  type KeyType,
  type KeyAttributes,
  type KeyWithToken,
  Organisation,
  type OrganisationAttributes,
  ORGANISATION_STATES,
  type OrganisationState,
  type OrganisationType,
  Permissions,
  type PermissionsAttributes,
  Poll,
  type PollAttributes,
  type PollListParams,
  type PollRequestor,
  type ResultAttributes,
  Session,
  type SessionAttributes,
  type SessionError,
  type SessionState,
  Source,
  type SourceAttributes,
  type SourceCreateParams,
  type SourceType,
  type SessionSourceParams,
  StorageConfig,
  type StorageConfigAttributes,
  type StorageType,
  Subscription,
  type SubscriptionAttributes,
  type TaskAttributes,
  type UserAttributes,
  type WebhookConfigAttributes,
  type Ref,
  RequestError,
  type RequestHookInfo,
  type RequestInfo,
  type Resource,
  type ResponseHookInfo,
  type ResponseMeta,
  Result,
  type ResultState,
  type RetryHookInfo,
  Task,
  type TaskState,
  User,
  WebhookConfig,
  type WebhookConfigState,
} from 'ricloud';
import { createMockApi } from 'ricloud/mock';
import {
  createWebhookHandler,
  isEvent,
  type PollAttributes as HookedPoll,
  type SessionAttributes as HookedSession,
  type TaskAttributes as HookedTask,
  toNodeHandler,
  verifySignature,
  type WebhookConfigAttributes as HookedWebhookConfig,
} from 'ricloud/webhooks';

/** Type-checked, never called. */
const never = (_check: () => unknown) => undefined;

// Attributes have their API types, and a misspelt attribute is an error.
never(async () => {
  const cfg = await WebhookConfig.retrieve('wc_1');
  expectTypeOf(cfg.state).toEqualTypeOf<WebhookConfigState>();
  expectTypeOf(cfg.date_created).toEqualTypeOf<string>();
  expectTypeOf(cfg.secret).toEqualTypeOf<string | null | undefined>();
  // create answers with the secret, so it is a string there, and a receiver takes it as it is.
  const created = await WebhookConfig.create({ url: 'https://hooks.example.com/in' });
  expectTypeOf(created.secret).toEqualTypeOf<string>();
  expectTypeOf((await created.refresh()).secret).toEqualTypeOf<string>();
  createWebhookHandler({ secret: (await new Client().webhookConfigs.create({ url: 'https://a.example' })).secret });
  // A variable declared with the created config's name keeps its secret a string, through refresh too.
  let kept: CreatedWebhookConfig = await WebhookConfig.create({ url: 'https://hooks.example.com/in' });
  expectTypeOf(kept.secret).toEqualTypeOf<string>();
  kept = await new Client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
  kept = await kept.refresh();
  createWebhookHandler({ secret: kept.secret });
  // @ts-expect-error: a retrieved config may have no secret
  kept = await WebhookConfig.retrieve('wc_1');
  expectTypeOf(kept).toExtend<WebhookConfig>();
  // A key's token likewise: a string where create and rotate answer with it, maybe absent where lists leave it out.
  expectTypeOf((await Key.create()).token).toEqualTypeOf<string>();
  expectTypeOf((await new Client().keys.rotate('key_1')).token).toEqualTypeOf<string>();
  expectTypeOf((await Key.retrieve('key_1')).token).toEqualTypeOf<string | null | undefined>();
  let key: KeyWithToken = await Key.create();
  key = await new Client().keys.rotate(key.id);
  expectTypeOf(key.token).toEqualTypeOf<string>();
  // A listed key has no token until rotated in place, which answers with the new one.
  const listed = (await Key.list()).data[0] as Key;
  expectTypeOf(listed.token).toEqualTypeOf<string | null | undefined>();
  expectTypeOf((await listed.rotate()).token).toEqualTypeOf<string>();
  key = await listed.rotate();
  // @ts-expect-error: no such attribute; unknown extra fields are kept at run time only
  void cfg.date_creatd;
  const task: Task = await cfg.test();
  expectTypeOf(task.state).toEqualTypeOf<TaskState>();
  expectTypeOf((await Event.list({ state: 'delivered' })).data[0]?.state).toEqualTypeOf<EventState | undefined>();
  // Filters offer the documented types, actions and source types, and take one the API adds later.
  await Event.list({ type: 'storage_config', action: 'test' });
  await new Client().tasks.list({ source_type: 'icloud.device' });
  // Filters are typed per resource: a misspelt one, or another resource's, is an error before the call refuses it.
  // @ts-expect-error: no such filter
  await WebhookConfig.list({ stat: 'valid' });
  // @ts-expect-error: tasks are filtered by poll, events are not
  await new Client().events.list({ poll: 'pol_1' });
});

// A spread copies a resource's attributes, and so does its type: no instance method, getter (`done`) or
// `lastResponse`, which live on the prototype or are not enumerable. A top-level secret (`secret`, `token`,
// `credentials`) is not enumerable either, so not copied, yet stays in the type: it is an attribute.
never(async () => {
  const cfg = await WebhookConfig.retrieve('wc_1');
  expectTypeOf({ ...cfg }).toEqualTypeOf<WebhookConfigAttributes>();
  expectTypeOf({ ...(await cfg.test()) }).toEqualTypeOf<TaskAttributes>();
  expectTypeOf({ ...(await Event.retrieve('evt_1')) }).toEqualTypeOf<EventAttributes>();
  expectTypeOf({ ...(await Key.retrieve('key_1')) }).toEqualTypeOf<KeyAttributes>();
  expectTypeOf({ ...(await Organisation.retrieve()) }).toEqualTypeOf<OrganisationAttributes>();
  expectTypeOf({ ...(await Permissions.retrieve('perm_1')) }).toEqualTypeOf<PermissionsAttributes>();
  const { results, ...poll } = await Poll.retrieve('pol_1');
  expectTypeOf(poll).toEqualTypeOf<Omit<PollAttributes, 'results'>>();
  expectTypeOf({ ...(await Result.retrieve('res_1')) }).toEqualTypeOf<ResultAttributes>();
  expectTypeOf({ ...(await Session.retrieve('ses_1')) }).toEqualTypeOf<SessionAttributes>();
  expectTypeOf({ ...(await Source.retrieve('src_1')) }).toEqualTypeOf<SourceAttributes>();
  expectTypeOf({ ...(await StorageConfig.retrieve('sc_1')) }).toEqualTypeOf<StorageConfigAttributes>();
  expectTypeOf({ ...(await Subscription.retrieve('sub_1')) }).toEqualTypeOf<SubscriptionAttributes>();
  expectTypeOf({ ...(await User.retrieve('usr_1')) }).toEqualTypeOf<UserAttributes>();
  const copy = { ...(await Task.retrieve('tsk_1')) };
  // @ts-expect-error: a copy has no methods: refresh() would have no client to send with
  await copy.refresh();
  // @ts-expect-error: nor the response facts
  void copy.lastResponse;
  return results;
});

// A page's items are read-only: the last is where the next page starts, so reordering them in place would skip items.
never(async () => {
  const page = await WebhookConfig.list();
  const newestLast: WebhookConfig[] = page.data.toReversed();
  // @ts-expect-error: sort a copy (toSorted, toReversed), not the page
  page.data.reverse();
  return newestLast;
});

// A spread copies a page's list fields, and so does its type: not `lastResponse`, which is not enumerable.
never(async () => {
  const page = await WebhookConfig.list();
  expectTypeOf(page.lastResponse).toEqualTypeOf<ResponseMeta>();
  const copy = { ...page };
  expectTypeOf<keyof typeof copy>().toEqualTypeOf<'data' | 'has_more' | 'total_count' | 'url'>();
  // @ts-expect-error: nor the response facts
  void copy.lastResponse;
});

// An empty update, and a state a caller cannot set, are errors.
never(async () => {
  const cfg = await WebhookConfig.retrieve('wc_1');
  await cfg.update({ url: 'https://hooks.example.com/v2' });
  await cfg.update({ state: 'deactivated' });
  // @ts-expect-error: an update needs url or state
  await cfg.update({});
  // @ts-expect-error: only new and deactivated can be set
  await WebhookConfig.updateWithId('wc_1', { state: 'valid' });
});

// Options may be undefined, as values read from the environment are (exactOptionalPropertyTypes).
never(async () => {
  const maybe = (): string | undefined => process.env.RICLOUD_TOKEN;
  const signal: AbortSignal | undefined = undefined;
  const client = new Client({ token: maybe(), baseUrl: maybe(), timeout: undefined }).withOptions({
    deadline: undefined,
  });
  const task = await client.tasks.retrieve('tsk_1', { signal });
  await task.wait({ timeout: undefined, signal });
  await verifySignature('{}', maybe(), 'whsec_x', { tolerance: undefined });
});

// The data flow: a session needs its source and payload; states and a poll's results have their API types.
never(async () => {
  const user = await User.create({ identifier: 'alice@example.com' });
  const password = (): string | undefined => process.env.ICLOUD_PASSWORD;
  const session = await Session.create({
    source: { user, type: 'icloud.account', identifier: 'john@icloud.com' },
    payload: { password: password() },
  });
  expectTypeOf((await session.wait()).state).toEqualTypeOf<SessionState>();
  // @ts-expect-error: a session needs its payload
  await Session.create({ source: 'src_1' });
  const poll = await (await Poll.create({ session, payload: { data_types: ['ios_messages.messages'] } })).wait();
  const results = poll.results && !Array.isArray(poll.results) ? poll.results.data : [];
  expectTypeOf(results[0]?.checksum).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(results[0]).toEqualTypeOf<Result | undefined>();
  expectTypeOf(poll.tasks_failed).toEqualTypeOf<(string | number)[] | null | undefined>();
  expectTypeOf(poll.error).toEqualTypeOf<string | null | undefined>();
  // ricloud-py's Relay sample: a session named by its pairing code, a manual poll of a subscription.
  await Session.create({ source: { user, type: 'rirelay.instance' }, payload: { code: 'ABCD-1234' } });
  await Poll.create({ subscription: 'sub_1', payload: { info_types: ['*'] } });
  // @ts-expect-error: a poll needs a session or a subscription
  await Poll.create({ payload: { info_types: ['*'] } });
  // A super organisation makes users of its organisations.
  await User.create({ identifier: 'bob@example.com', organisation: 'org_2' });
  expectTypeOf((await Organisation.retrieve()).permissions).toEqualTypeOf<Record<string, unknown> | null | undefined>();
});

// A create names any source type but `rirelay.source`, which the API makes: a source's `type` may still be one.
never(async () => {
  const client = new Client();
  const user = await User.create({ identifier: 'carol@example.com' });
  await Source.create({ user, type: 'mocks.mock', identifier: 'carol@example.com' });
  // @ts-expect-error: a Relay instance's devices are made by the API
  await Source.create({ user, type: 'rirelay.source', identifier: 'device-1' });
  // @ts-expect-error: a Relay instance's devices are made by the API
  await client.sources.create({ user, type: 'rirelay.source', identifier: 'device-1' });
  // @ts-expect-error: a Relay instance's devices are made by the API
  const params: SourceCreateParams = { user, type: 'rirelay.source', identifier: 'device-1' };
  // @ts-expect-error: nor may a session make one
  await Session.create({ source: { user, type: 'rirelay.source' }, payload: { code: 'ABCD-1234' } });
  // @ts-expect-error: nor may a session make one
  await client.sessions.create({ source: { user, type: 'rirelay.source' }, payload: { code: 'ABCD-1234' } });
  // @ts-expect-error: nor may a session make one
  const described: SessionSourceParams = { user, type: 'rirelay.source' };
  const found = await Source.retrieve('src_1');
  expectTypeOf(found.type).toEqualTypeOf<SourceType>();
  expectTypeOf<Extract<SourceType, 'rirelay.source'>>().toEqualTypeOf<'rirelay.source'>();
  // @ts-expect-error: a type read from an answer may be `rirelay.source`
  await Source.create({ user, type: found.type, identifier: 'carol@example.com' });
  // A source found (a device too) is named by itself, not by its type.
  await Session.create({ source: found, payload: {} });
  return [params, described];
});

// toNodeHandler mounts on node:http, though the webhooks entry names none of Node's types.
never(() => createServer(toNodeHandler(createWebhookHandler({ secret: 'whsec_x' }))));

// A receiver is handed over as it is where the platform passes a second argument of its own
// (Deno's info, Bun's server, Next.js's params), and takes one with a `waitUntil` (Workers' ctx, a Vercel context)
// where work may outlive the answer.
never(async () => {
  const receiver = createWebhookHandler({ secret: 'whsec_x' });
  const serve = (_: (request: Request, info: { remoteAddr: { hostname: string } }) => Promise<Response>) => {};
  serve(receiver);
  const route: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response> = receiver;
  abstract class WorkersContext {
    abstract waitUntil(promise: Promise<unknown>): void;
    abstract passThroughOnException(): void;
  }
  const worker = { fetch: (request: Request, _env: unknown, ctx: WorkersContext) => receiver(request, ctx) };
  await receiver(new Request('https://a.example'), { waitUntil: (promise: Promise<unknown>) => void promise });
  return [route, worker];
});

// A result's download is a web stream of bytes, typed as a response body's (which a Blob takes); its options are typed,
// and `json()` needs no type argument.
never(async () => {
  const result = await Result.retrieve('r_1');
  expectTypeOf(result.state).toEqualTypeOf<ResultState>();
  expectTypeOf(result.size).toEqualTypeOf<number | null | undefined>();
  expectTypeOf(await result.download({ onProgress: ({ bytes, total }) => void [bytes, total] })).toEqualTypeOf<
    ReadableStream<Uint8Array<ArrayBuffer>>
  >();
  // @ts-expect-error: not a download option
  await result.download({ awaitFor: 1 });
  expectTypeOf(await Result.acknowledge([result, 'r_2'])).toEqualTypeOf<Result[]>();
  expectTypeOf(await result.json()).toEqualTypeOf<unknown>();
});

// The hooks' arguments have names, so a hook can be written apart from the client it is given to.
never(() => {
  const onRequest = ({ method, url, attempt }: RequestHookInfo) => void [method, url, attempt];
  const onResponse = ({ status, durationMs, requestId }: ResponseHookInfo) => void [status, durationMs, requestId];
  const onRetry = ({ attempt, delayMs, error }: RetryHookInfo) => void [attempt, delayMs, error.mayHaveSucceeded];
  return new Client({ onRequest, onResponse, onRetry });
});

// createMockApi takes its options only: how the HTTP server plays its faults and closes it stays inside.
never(() => {
  createMockApi({ taskDelay: 5 });
  // @ts-expect-error: no second argument
  createMockApi({}, undefined);
});

// Code over any resource, or naming one as params do, writes its type with the exported names.
never(async () => {
  const cfg = await WebhookConfig.retrieve('wc_1');
  expectTypeOf(cfg).toExtend<Resource>();
  expectTypeOf(cfg).toExtend<Ref>();
  expectTypeOf<string>().toExtend<Ref>();
  // @ts-expect-error: a number is no id
  expectTypeOf<number>().toExtend<Ref>();
});

// Each resource class names its kind as the API's `resource` attribute does (refusals name a resource by it).
never(() => {
  expectTypeOf(WebhookConfig.resource).toEqualTypeOf<WebhookConfigAttributes['resource']>();
  expectTypeOf(Task.resource).toEqualTypeOf<TaskAttributes['resource']>();
  expectTypeOf(Event.resource).toEqualTypeOf<EventAttributes['resource']>();
  expectTypeOf(Key.resource).toEqualTypeOf<KeyAttributes['resource']>();
  expectTypeOf(Organisation.resource).toEqualTypeOf<OrganisationAttributes['resource']>();
  expectTypeOf(Permissions.resource).toEqualTypeOf<'permissions'>();
  expectTypeOf(Poll.resource).toEqualTypeOf<PollAttributes['resource']>();
  expectTypeOf(Result.resource).toEqualTypeOf<ResultAttributes['resource']>();
  expectTypeOf(Session.resource).toEqualTypeOf<SessionAttributes['resource']>();
  expectTypeOf(Source.resource).toEqualTypeOf<SourceAttributes['resource']>();
  expectTypeOf(StorageConfig.resource).toEqualTypeOf<StorageConfigAttributes['resource']>();
  expectTypeOf(Subscription.resource).toEqualTypeOf<SubscriptionAttributes['resource']>();
  expectTypeOf(User.resource).toEqualTypeOf<UserAttributes['resource']>();
});

// Each documented set of values has a name a user's own signature can take, as the attribute is typed with it:
// open sets, so a value the API adds later still compiles.
never(async () => {
  const organisation = await Organisation.retrieve();
  expectTypeOf(organisation.state).toEqualTypeOf<OrganisationState | null | undefined>();
  expectTypeOf<'unconfigured'>().toExtend<OrganisationState>();
  expectTypeOf<'suspended-later'>().toExtend<OrganisationState>();
  // The documented values stay in the type (a plain `string` would not offer them to an editor).
  expectTypeOf<Extract<OrganisationState, 'blocked'>>().toEqualTypeOf<'blocked'>();
  expectTypeOf(ORGANISATION_STATES).toEqualTypeOf<readonly ['unconfigured', 'active', 'deactivated', 'blocked']>();
  expectTypeOf(organisation.type).toEqualTypeOf<OrganisationType | null | undefined>();
  expectTypeOf<Extract<OrganisationType, 'super'>>().toEqualTypeOf<'super'>();
  expectTypeOf((await Key.retrieve('key_1')).type).toEqualTypeOf<KeyType | null | undefined>();
  expectTypeOf<Extract<KeyType, 'trial'>>().toEqualTypeOf<'trial'>();
  expectTypeOf(KEY_TYPES).toEqualTypeOf<readonly ['standard', 'trial']>();
  expectTypeOf((await StorageConfig.retrieve('sc_1')).type).toEqualTypeOf<StorageType | null | undefined>();
  expectTypeOf<Extract<StorageType, 'gs' | 's3'>>().toEqualTypeOf<'gs' | 's3'>();
  // A task's `source_type` copies its source's `type`, so it has the source types, as the `source_type` filter does.
  const task = await Task.retrieve('tsk_1');
  expectTypeOf(task.source_type).toEqualTypeOf<SourceType | null | undefined>();
  await Task.list({ source_type: task.source_type ?? undefined });
  // A poll's `requestor` is `key` or `subscription`, as its filter is.
  const poll = await Poll.retrieve('pol_1');
  expectTypeOf(poll.requestor).toEqualTypeOf<PollRequestor | null | undefined>();
  expectTypeOf<Extract<PollRequestor, 'key' | 'subscription'>>().toEqualTypeOf<'key' | 'subscription'>();
  await Poll.list({ requestor: poll.requestor ?? undefined });
  expectTypeOf<PollListParams['requestor']>().toEqualTypeOf<PollRequestor | undefined>();
});

// A refusal's `error` offers the documented codes to compare with, and takes one the API adds later.
never(async () => {
  try {
    await WebhookConfig.create({ url: 'https://hooks.example.com/in' });
  } catch (error) {
    if (error instanceof RequestError) {
      expectTypeOf(error.error).toEqualTypeOf<ErrorCode>();
      expectTypeOf<Extract<ErrorCode, 'invalid-parameter'>>().toEqualTypeOf<'invalid-parameter'>();
      expectTypeOf<Extract<ErrorCode, 'missing-scope' | 'session-expired'>>().toEqualTypeOf<
        'missing-scope' | 'session-expired'
      >();
      expectTypeOf<'a-code-added-later'>().toExtend<ErrorCode>();
      expectTypeOf(error.status).toEqualTypeOf<number>();
      expectTypeOf(error.request).toEqualTypeOf<RequestInfo>();
      expectTypeOf(error.body).toEqualTypeOf<string>();
    }
  }
});

// A cursor takes an item as it takes its id, as every other field naming a resource does (`ref` at run time).
never(async () => {
  const events = await Event.list({ limit: 5 });
  await Event.list({ after_id: events.data.at(-1), before_id: events.data[0] });
  const client = new Client();
  const configs = await client.webhookConfigs.list();
  await client.webhookConfigs.list({ after_id: configs.data.at(-1) });
  await Result.list({ after_id: await Result.retrieve('res_1') });
  // @ts-expect-error: an item of another shape is no cursor
  await Task.list({ after_id: { name: 'tsk_1' } });
});

// A listed event's `type` and `action` offer the documented values (as the filters do), and take any other; its `data`
// is narrowed by the slug with ricloud/webhooks' isEvent.
never(async () => {
  const event = await Event.retrieve('evt_1');
  expectTypeOf(event.type).toEqualTypeOf<EventType | (string & {})>();
  expectTypeOf(event.action).toEqualTypeOf<EventAction | (string & {})>();
  expectTypeOf<Extract<typeof event.type, 'webhook_config'>>().toEqualTypeOf<'webhook_config'>();
  expectTypeOf<Extract<typeof event.action, 'succeeded'>>().toEqualTypeOf<'succeeded'>();
  await Event.list({ type: event.type, action: event.action });
  if (isEvent(event, 'task.failed')) expectTypeOf(event.data).toEqualTypeOf<TaskAttributes>();
});

// A failed session's `error` offers the slugs ricloud-py's samples branch on, and takes any other.
never(async () => {
  const session = await (await Session.retrieve('ses_1')).wait();
  expectTypeOf(session.error).toEqualTypeOf<SessionError | null | undefined>();
  expectTypeOf<Extract<SessionError, 'code-required' | 'code-invalid'>>().toEqualTypeOf<
    'code-required' | 'code-invalid'
  >();
  expectTypeOf<'invalid-credentials'>().toExtend<SessionError>();
});

// A receiver names each documented slug's `data` from ricloud/webhooks alone, as its handlers get it.
never(() =>
  createWebhookHandler({
    secret: 'whsec_x',
    on: {
      'webhook_config.test': ({ data }) => expectTypeOf(data).toEqualTypeOf<HookedWebhookConfig>(),
      'task.succeeded': ({ data }) => expectTypeOf(data).toEqualTypeOf<HookedTask>(),
      'poll.completed': ({ data }) => expectTypeOf(data).toEqualTypeOf<HookedPoll>(),
      'session.expired': ({ data }) => expectTypeOf(data).toEqualTypeOf<HookedSession>(),
    },
  }),
);
