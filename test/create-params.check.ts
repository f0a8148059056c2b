/**
 * A create or an acknowledgement whose input is refused at run time is a type error too, where the type can tell:
 * a poll payload with no list, an acknowledgement of `[]`, a session on an iCloud account without its password or on
 * a Relay instance without its code (the runtime refusals are in test/resources/). What only the run time knows (how
 * many names a list holds, a source given by its id) still compiles. A type-check fixture, not a test file, checked by
 * `tsc --noEmit` as test/update-params.check.ts is. A `@ts-expect-error` that finds no error fails the type check.
 * Nothing here runs.
 */
import { Client, Poll, type PollPayloadParams, Result, Session, Source, Subscription } from 'ricloud';

/** Type-checked, never called. */
const never = (_check: () => unknown) => undefined;
const names = (): string[] => process.env.RICLOUD_NAMES?.split(',') ?? [];
const maybeNames = (): string[] | undefined => process.env.RICLOUD_NAMES?.split(',');

never(async () => {
  const client = new Client();
  await Poll.create({ session: 'ses_1', payload: { data_types: ['ios_messages.messages'] } });
  await client.polls.create({ subscription: 'sub_1', payload: { info_types: ['*'], files: names() } });
  await Subscription.create({ session: 'ses_1', poll_payload: { info_types: ['*'] } });
  // A list may be empty when another names something; how many names a list holds only the run time counts.
  await client.polls.create({ session: 'ses_1', payload: { data_types: [], files: ['file-1'] } });
  const payload: PollPayloadParams = { data_types: names() };
  await client.subscriptions.create({ session: 'ses_1', poll_payload: payload });
  // @ts-expect-error: a poll payload needs info_types, data_types or files
  await Poll.create({ session: 'ses_1', payload: {} });
  // @ts-expect-error: a poll payload needs info_types, data_types or files
  await client.polls.create({ subscription: 'sub_1', payload: {} });
  // @ts-expect-error: a poll payload needs info_types, data_types or files
  await Subscription.create({ session: 'ses_1', poll_payload: {} });
  // @ts-expect-error: a poll payload needs info_types, data_types or files
  await client.subscriptions.create({ session: 'ses_1', poll_payload: {} });
  // @ts-expect-error: a list set to undefined names nothing
  await client.polls.create({ session: 'ses_1', payload: { data_types: maybeNames() } });
});

never(async () => {
  const client = new Client();
  const result = await Result.retrieve('res_1');
  await Result.acknowledge([result]);
  await client.results.acknowledge(['res_1', result]);
  await client.results.acknowledge((await client.results.list()).data);
  // A list built at run time compiles whatever its length: the run time refuses an empty one.
  const ids: string[] = names();
  await Result.acknowledge(ids, { client });
  const kept: readonly string[] = ids;
  await client.results.acknowledge(kept);
  // @ts-expect-error: an acknowledgement needs at least one id
  await Result.acknowledge([]);
  // @ts-expect-error: an acknowledgement needs at least one id
  await Result.acknowledge([], { client });
  // @ts-expect-error: an acknowledgement needs at least one id
  await client.results.acknowledge([]);
  // @ts-expect-error: ids are strings or resources
  await client.results.acknowledge([42]);
});

never(async () => {
  const client = new Client();
  const user = 'usr_1';
  const account = { user, type: 'icloud.account', identifier: 'john@icloud.com' } as const;
  await Session.create({ source: account, payload: { password: 'right' } });
  await client.sessions.create({ source: account, payload: { password: 'right', code: '123456' } });
  // A password from the environment compiles; the run time refuses it unset.
  await client.sessions.create({ source: account, payload: { password: process.env.ICLOUD_PASSWORD } });
  await Session.create({ source: { user, type: 'rirelay.instance' }, payload: { code: 'PAIR' } }, { client });
  // A source given by its id, or as a resource, has a type the compiler does not know: the run time checks it.
  await client.sessions.create({ source: 'src_1', payload: {} });
  await client.sessions.create({ source: { id: 'src_1' }, payload: { code: 'PAIR' } });
  await Session.create({ source: await Source.retrieve('src_1'), payload: {} });
  // A type the SDK does not know is sent for the API to judge.
  const type: string = 'gmail.account';
  await client.sessions.create({ source: { user, type, identifier: 'gina@example.com' }, payload: {} });
  // @ts-expect-error: an iCloud account needs its password
  await Session.create({ source: account, payload: {} });
  // @ts-expect-error: an iCloud account needs its password
  await client.sessions.create({ source: account, payload: { code: '123456' } });
  // @ts-expect-error: a Relay instance needs its pairing code
  await Session.create({ source: { user, type: 'rirelay.instance' }, payload: {} });
  // @ts-expect-error: a Relay instance needs its pairing code
  await client.sessions.create({ source: { user, type: 'rirelay.instance' }, payload: { password: 'p' } });
  // @ts-expect-error: a misspelt source field is still caught
  await client.sessions.create({ source: { user, type: 'rirelay.instance', identifer: 'r' }, payload: { code: 'c' } });
});
