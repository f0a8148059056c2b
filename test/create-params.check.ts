/**
 * Creates and acknowledgements as apps write them, which must keep compiling: inputs built at run time from optional
 * values, generic wrappers, and variables typed with the exported params. Their emptiness or missing credential is the
 * run time's to refuse (test/resources/), since a type that refused `payload: {}` or `acknowledge([])` also refused
 * these. A type-check fixture, not a test file, checked by `tsc --noEmit` as test/update-params.check.ts is. Nothing
 * here runs.
 */
import {
  Client,
  Poll,
  type PollPayloadParams,
  type Ref,
  Result,
  Session,
  type SessionCreateParams,
  type SessionPayload,
  type SourceCreateType,
  Subscription,
} from 'ricloud';

/** Type-checked, never called. */
const never = (_check: () => unknown) => undefined;
const maybeNames = (): string[] | undefined => process.env.RICLOUD_NAMES?.split(',');

never(async () => {
  const client = new Client();
  // A payload from optional flags, as the CLI builds it: the run time refuses it when no list names anything.
  const flags = { info: maybeNames(), data: maybeNames(), files: maybeNames() };
  await Poll.create({
    session: 'ses_1',
    payload: { info_types: flags.info, data_types: flags.data, files: flags.files },
  });
  // A payload built step by step, and a type of the app's own extending the SDK's.
  const payload: PollPayloadParams = {};
  payload.info_types = ['*'];
  await client.polls.create({ subscription: 'sub_1', payload });
  interface NamedPayload extends PollPayloadParams {
    label: string;
  }
  const named: NamedPayload = { label: 'daily', data_types: ['ios_messages.messages'] };
  const { label: _label, ...poll_payload } = named;
  await Subscription.create({ session: 'ses_1', poll_payload });
});

never(async () => {
  const client = new Client();
  // Generic wrappers over a batch acknowledgement, and the lists a page hands over. They name the kind
  // (`Ref<'result'>`): a bare `Ref` takes any resource, so would pass a session on where results are asked for.
  const ackAll = <T extends Ref<'result'>>(ids: T[]) => client.results.acknowledge(ids);
  const ackList = <L extends readonly Ref<'result'>[]>(ids: L) => Result.acknowledge(ids, { client });
  await ackAll(['res_1']);
  await ackList([await Result.retrieve('res_1')] as const);
  await client.results.acknowledge((await client.results.list()).data);
});

never(async () => {
  const client = new Client();
  // A payload variable typed with the exported `SessionPayload`, for a source written out.
  const payload: SessionPayload = { password: process.env.ICLOUD_PASSWORD };
  await client.sessions.create({
    source: { user: 'usr_1', type: 'icloud.account', identifier: 'j@icloud.com' },
    payload,
  });
  // A wrapper taking the exported params, and a source type held in a variable.
  const open = (params: SessionCreateParams) => Session.create(params, { client });
  const type: SourceCreateType = 'rirelay.instance';
  await open({ source: { user: 'usr_1', type }, payload: { code: 'PAIR' } });
});
