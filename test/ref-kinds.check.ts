/**
 * A field naming another resource takes a resource of that kind, its id, or an object of the app's own with an `id`:
 * a resource of another kind, or an object that says it is one (`resource: 'key'`), is a type error, as it is refused
 * before sending at run time (test/resources/ref-kinds.test.ts). A type-check fixture, not a test file, checked by
 * `tsc --noEmit` as test/public-types.check.ts is. A `@ts-expect-error` that finds no error fails the type check.
 * Nothing here runs.
 */
import { expectTypeOf } from 'vitest';
import {
  Client,
  type Event,
  type EventListParams,
  Key,
  type KeyCreateParams,
  type KeyListParams,
  Organisation,
  type Permissions,
  type PermissionsListParams,
  Poll,
  type PollCreateParams,
  type PollListParams,
  type Ref,
  Result,
  type ResultListParams,
  Session,
  type SessionCreateParams,
  type SessionListParams,
  type SessionSourceParams,
  Source,
  type SourceCreateParams,
  type SourceListParams,
  StorageConfig,
  type StorageConfigListParams,
  type Subscription,
  type SubscriptionCreateParams,
  type SubscriptionListParams,
  Task,
  type TaskCreateParams,
  type TaskListParams,
  User,
  type UserCreateParams,
  type UserListParams,
  WebhookConfig,
  type WebhookConfigListParams,
} from 'ricloud';

/** Type-checked, never called. */
const never = (_check: () => unknown) => undefined;

// The calls the run time refuses, refused by the compiler: a key where a user is asked for, a source where a session
// is, a webhook config where a storage config is, and an object that says it is a key.
never(async () => {
  const client = new Client();
  const [user, key, source, session] = await Promise.all([
    User.retrieve('usr_1'),
    Key.current(),
    Source.retrieve('src_1'),
    Session.retrieve('ses_1'),
  ]);
  const webhook = await WebhookConfig.retrieve('wc_1');
  const storage = await StorageConfig.retrieve('sc_1');
  const payload = { info_types: ['*'] };
  // @ts-expect-error: a key where a user is asked for
  await Source.create({ user: key, type: 'icloud.account', identifier: 'j@icloud.com' });
  // @ts-expect-error: an object of the app's that says it is a key, where a user is asked for
  await client.sources.create({ user: { id: 'key_1', resource: 'key' }, type: 'icloud.account', identifier: 'j' });
  const keyRow = { id: 'key_1', resource: 'key' } as const;
  // @ts-expect-error: the same, held in a variable (no excess-property check to catch it)
  await client.sessions.list({ user: keyRow });
  // @ts-expect-error: a key where a source is asked for
  await client.sessions.list({ source: key });
  // @ts-expect-error: a source where a session is asked for
  await client.polls.create({ session: source, payload });
  // @ts-expect-error: a session where a subscription is asked for
  await Poll.create({ subscription: session, payload });
  // @ts-expect-error: a webhook config where a storage config is asked for
  await client.keys.update(key.id, { storage_config: webhook });
  // @ts-expect-error: a storage config where a webhook config is asked for
  await Organisation.update({ webhook_config_default: storage });
  // @ts-expect-error: a user where a key is asked for
  await User.create({ identifier: 'j@example.com', key: user });
  // @ts-expect-error: a session where a result is asked for
  await Result.acknowledge([session]);
  // @ts-expect-error: a user where a source is asked for, as a session's source
  await Session.create({ source: user, payload: { password: 'p' } });
  // @ts-expect-error: a task where a user is asked for, as a tasks filter (sent unchecked at run time)
  await Task.list({ user: await Task.retrieve('tsk_1') });
  // @ts-expect-error: a cursor of another list
  await client.webhookConfigs.list({ after_id: storage });

  // The right kind, a plain id, `{ id }`, an object of the app's own with an id, or one that says it is the right kind.
  const row = { id: 'usr_1', email: 'j@example.com' };
  for (const ref of [user, 'usr_1', { id: 'usr_1' }, row, { id: 'usr_1', resource: 'user' as const }])
    await client.sources.create({ user: ref, type: 'icloud.account', identifier: 'j@icloud.com' });
  await Source.create({ user: { id: 'usr_1', resource: 'user' }, type: 'icloud.account', identifier: 'j@icloud.com' });
  await client.polls.create({ session, source, payload });
  await client.keys.update(key.id, { webhook_config: webhook, storage_config: storage });
  await client.keys.create({ webhook_config: null, storage_config: 42 });
  await Organisation.update({ webhook_config_default: { id: 7 }, storage_config_default: storage });
  await Result.acknowledge([await Result.retrieve('res_1'), 'res_2', { id: 'res_3' }]);
  await Session.create({ source, payload: {} });
  await Session.create({ source: { user, type: 'icloud.account', identifier: 'j@icloud.com' }, payload: {} });
  await Task.list({ user, source, session, key, poll: { id: 'pol_1' } });
  await client.webhookConfigs.list({ after_id: webhook, before_id: 'wc_0' });
});

// Every field naming a resource, with the class it takes and one it refuses.
never(() => {
  expectTypeOf<Key>().toExtend<UserCreateParams['key']>();
  expectTypeOf<User>().not.toExtend<UserCreateParams['key']>();
  expectTypeOf<Organisation>().toExtend<UserCreateParams['organisation']>();
  expectTypeOf<Key>().not.toExtend<UserCreateParams['organisation']>();
  expectTypeOf<Key>().toExtend<UserListParams['key']>();
  expectTypeOf<Source>().not.toExtend<UserListParams['key']>();
  expectTypeOf<WebhookConfig>().toExtend<KeyCreateParams['webhook_config']>();
  expectTypeOf<StorageConfig>().not.toExtend<KeyCreateParams['webhook_config']>();
  expectTypeOf<StorageConfig>().toExtend<KeyCreateParams['storage_config']>();
  expectTypeOf<WebhookConfig>().not.toExtend<KeyCreateParams['storage_config']>();
  expectTypeOf<User>().toExtend<SourceCreateParams['user']>();
  expectTypeOf<Key>().not.toExtend<SourceCreateParams['user']>();
  expectTypeOf<User>().toExtend<SourceListParams['user']>();
  expectTypeOf<Source>().not.toExtend<SourceListParams['user']>();
  expectTypeOf<Source>().toExtend<SourceListParams['parent']>();
  expectTypeOf<User>().not.toExtend<SourceListParams['parent']>();
  expectTypeOf<User>().toExtend<SessionSourceParams['user']>();
  expectTypeOf<Key>().not.toExtend<SessionSourceParams['user']>();
  expectTypeOf<Source>().toExtend<SessionCreateParams['source']>();
  expectTypeOf<Session>().not.toExtend<SessionCreateParams['source']>();
  expectTypeOf<Source>().toExtend<SessionListParams['source']>();
  expectTypeOf<Session>().not.toExtend<SessionListParams['source']>();
  expectTypeOf<User>().toExtend<SessionListParams['user']>();
  expectTypeOf<Key>().not.toExtend<SessionListParams['user']>();
  expectTypeOf<Key>().toExtend<SessionListParams['key']>();
  expectTypeOf<User>().not.toExtend<SessionListParams['key']>();
  expectTypeOf<Session>().toExtend<PollCreateParams['session']>();
  expectTypeOf<Source>().not.toExtend<PollCreateParams['session']>();
  expectTypeOf<Source>().toExtend<PollCreateParams['source']>();
  expectTypeOf<Session>().not.toExtend<PollCreateParams['source']>();
  expectTypeOf<Subscription>().toExtend<PollCreateParams['subscription']>();
  expectTypeOf<Session>().not.toExtend<PollCreateParams['subscription']>();
  expectTypeOf<Session>().toExtend<PollListParams['session']>();
  expectTypeOf<Poll>().not.toExtend<PollListParams['session']>();
  expectTypeOf<Subscription>().toExtend<PollListParams['subscription']>();
  expectTypeOf<Poll>().not.toExtend<PollListParams['subscription']>();
  expectTypeOf<Source>().toExtend<PollListParams['source']>();
  expectTypeOf<User>().not.toExtend<PollListParams['source']>();
  expectTypeOf<User>().toExtend<PollListParams['user']>();
  expectTypeOf<Source>().not.toExtend<PollListParams['user']>();
  expectTypeOf<Session>().toExtend<SubscriptionCreateParams['session']>();
  expectTypeOf<User>().not.toExtend<SubscriptionCreateParams['session']>();
  expectTypeOf<Source>().toExtend<SubscriptionCreateParams['source']>();
  expectTypeOf<Session>().not.toExtend<SubscriptionCreateParams['source']>();
  expectTypeOf<Session>().toExtend<SubscriptionListParams['session']>();
  expectTypeOf<Source>().not.toExtend<SubscriptionListParams['session']>();
  expectTypeOf<Source>().toExtend<SubscriptionListParams['source']>();
  expectTypeOf<Session>().not.toExtend<SubscriptionListParams['source']>();
  expectTypeOf<Poll>().toExtend<TaskListParams['poll']>();
  expectTypeOf<Task>().not.toExtend<TaskListParams['poll']>();
  expectTypeOf<Session>().toExtend<TaskListParams['session']>();
  expectTypeOf<Source>().not.toExtend<TaskListParams['session']>();
  expectTypeOf<User>().toExtend<TaskListParams['user']>();
  expectTypeOf<Key>().not.toExtend<TaskListParams['user']>();
  expectTypeOf<Source>().toExtend<TaskListParams['source']>();
  expectTypeOf<User>().not.toExtend<TaskListParams['source']>();
  expectTypeOf<Key>().toExtend<TaskListParams['key']>();
  expectTypeOf<User>().not.toExtend<TaskListParams['key']>();
  expectTypeOf<User>().toExtend<TaskCreateParams['user']>();
  expectTypeOf<Source>().not.toExtend<TaskCreateParams['user']>();
  expectTypeOf<Source>().toExtend<TaskCreateParams['source']>();
  expectTypeOf<Session>().not.toExtend<TaskCreateParams['source']>();
  expectTypeOf<Session>().toExtend<TaskCreateParams['session']>();
  expectTypeOf<Poll>().not.toExtend<TaskCreateParams['session']>();
  expectTypeOf<Poll>().toExtend<TaskCreateParams['poll']>();
  expectTypeOf<Session>().not.toExtend<TaskCreateParams['poll']>();
  expectTypeOf<Poll>().toExtend<ResultListParams['poll']>();
  expectTypeOf<Task>().not.toExtend<ResultListParams['poll']>();
  expectTypeOf<Task>().toExtend<ResultListParams['task']>();
  expectTypeOf<Poll>().not.toExtend<ResultListParams['task']>();
});

// A list's cursors take an item of that list, whose kind the compiler knows (a permissions object's it does not).
never(() => {
  expectTypeOf<Event>().toExtend<EventListParams['after_id']>();
  expectTypeOf<Task>().not.toExtend<EventListParams['after_id']>();
  expectTypeOf<WebhookConfig>().toExtend<WebhookConfigListParams['before_id']>();
  expectTypeOf<StorageConfig>().not.toExtend<WebhookConfigListParams['before_id']>();
  expectTypeOf<StorageConfig>().toExtend<StorageConfigListParams['after_id']>();
  expectTypeOf<WebhookConfig>().not.toExtend<StorageConfigListParams['after_id']>();
  expectTypeOf<Key>().toExtend<KeyListParams['after_id']>();
  expectTypeOf<User>().not.toExtend<KeyListParams['after_id']>();
  expectTypeOf<User>().toExtend<UserListParams['after_id']>();
  expectTypeOf<Key>().not.toExtend<UserListParams['after_id']>();
  expectTypeOf<Source>().toExtend<SourceListParams['after_id']>();
  expectTypeOf<Session>().not.toExtend<SourceListParams['after_id']>();
  expectTypeOf<Session>().toExtend<SessionListParams['after_id']>();
  expectTypeOf<Source>().not.toExtend<SessionListParams['after_id']>();
  expectTypeOf<Poll>().toExtend<PollListParams['after_id']>();
  expectTypeOf<Task>().not.toExtend<PollListParams['after_id']>();
  expectTypeOf<Subscription>().toExtend<SubscriptionListParams['after_id']>();
  expectTypeOf<Poll>().not.toExtend<SubscriptionListParams['after_id']>();
  expectTypeOf<Task>().toExtend<TaskListParams['after_id']>();
  expectTypeOf<Result>().not.toExtend<TaskListParams['after_id']>();
  expectTypeOf<Result>().toExtend<ResultListParams['before_id']>();
  expectTypeOf<Task>().not.toExtend<ResultListParams['before_id']>();
  expectTypeOf<Permissions>().toExtend<PermissionsListParams['after_id']>();
});

// The exported `Ref` names a reference of one kind (`Ref<'user'>`), or, bare, of any kind.
never(() => {
  expectTypeOf<User>().toExtend<Ref<'user'>>();
  expectTypeOf<Key>().not.toExtend<Ref<'user'>>();
  expectTypeOf<{ id: string }>().toExtend<Ref<'user'>>();
  expectTypeOf<string>().toExtend<Ref<'user'>>();
  expectTypeOf<Key>().toExtend<Ref>();
  expectTypeOf<Ref<'user'>>().toExtend<Ref>();
});
