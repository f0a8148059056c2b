/** `ricloud poll`: ask a session's source for data, follow the poll to its end, and list polls. */
import { Option, type Command } from 'commander';
import type { Poll, PollCreateParams } from '../../index';
import { action, type Context } from '../context';
import { Unsuccessful } from '../errors';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { list } from '../parse';
import { showAfterWait, timeoutOption, waitForResource, waitForResourceId } from '../progress';
import { POLL_STATES } from '../sdk';

const COLUMNS = ['id', 'state', 'session', 'requestor', 'date_created'];

/** The flags of `poll list`, as commander parses them. */
type PollListFlags = ListOptions & {
  session?: string;
  subscription?: string;
  requestor?: string;
  state?: Poll['state'];
};

/** The flags of what to fetch, shared with `subscription create`. */
export interface PayloadOptions {
  infoTypes?: string[];
  dataTypes?: string[];
  files?: string[];
}

/** Adds `--info-types`, `--data-types` and `--files` to `command`. */
export function addPayloadOptions(command: Command): Command {
  return command
    .option('--info-types <names>', 'info types to fetch, comma-separated (* for all)', list)
    .option('--data-types <names>', 'data types to fetch, comma-separated, e.g. ios_messages.messages', list)
    .option('--files <ids>', 'files to fetch, comma-separated', list);
}

/** The API's payload for the flags given; the SDK refuses one that names nothing. */
export function payloadOf(options: PayloadOptions) {
  return { info_types: options.infoTypes, data_types: options.dataTypes, files: options.files };
}

/** A poll as text: its results as a count and the command that lists them, rather than a JSON object. */
function show(ctx: Context, poll: Poll): void {
  if (ctx.out.json) {
    ctx.out.resource(poll);
    return;
  }
  const { results } = poll;
  const count = Array.isArray(results) ? results.length : (results?.total_count ?? results?.data.length ?? 0);
  ctx.out.fields(Object.entries({ ...poll, results: `${count} (ricloud result list --poll ${poll.id})` }));
}

/** The ids of a poll's tasks that ended without succeeding: `failed` or `suspended`. */
const unsucceeded = (poll: Poll) => [...(poll.tasks_failed ?? []), ...(poll.tasks_suspended ?? [])];

/** True when a poll ended with every task succeeded. */
const allSucceeded = (poll: Poll) => poll.state === 'completed' && unsucceeded(poll).length === 0;

/** Fails the run when a waited poll has failed or suspended tasks, or failed itself. @throws Unsuccessful (exit 3). */
function throwIfTasksFailed(poll: Poll): void {
  if (poll.state !== 'completed') throw new Unsuccessful(`poll ${poll.id} is ${poll.state}`);
  const ids = unsucceeded(poll);
  const counts = [
    [poll.tasks_failed?.length ?? 0, 'failed'],
    [poll.tasks_suspended?.length ?? 0, 'suspended'],
  ].flatMap(([count, state]) => (count ? [`${count} ${state}`] : []));
  if (ids.length > 0)
    throw new Unsuccessful(`poll ${poll.id} completed with ${counts.join(' and ')} task(s): ${ids.join(', ')}`);
}

/** Adds `poll` and its commands to `program`. */
export function addPollCommands(program: Command): void {
  const group = program
    .command('poll')
    .description("fetch data: a poll asks a session's source for info types, data types and files");

  addPayloadOptions(
    group
      .command('create')
      .description('poll a session for data; each name runs a task that publishes a result')
      .option('--session <id>', "the session to poll with (active); without it, the subscription's")
      .option('--source <id>', "a child of the session's source to poll (a Relay device)")
      .option('--subscription <id>', 'the subscription the poll belongs to (--session or --subscription is required)'),
  )
    .option(
      '--wait',
      'wait until the poll has completed: exit 0 when every task succeeded, 3 when one failed or was suspended',
    )
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
Example:
  ricloud poll create --session <id> --info-types '*' --data-types ios_messages.messages,ios_photos.photos --wait
  ricloud result list --poll <poll id>`,
    )
    .action(
      action(
        async (
          ctx,
          options: PayloadOptions & {
            session?: string;
            source?: string;
            subscription?: string;
            wait?: boolean;
            timeout: number;
          },
        ) => {
          const client = await ctx.client();
          // Neither --session nor --subscription is the SDK's to refuse (naming session: invalid --session).
          const params = {
            session: options.session,
            source: options.source,
            subscription: options.subscription,
            payload: payloadOf(options),
          } as PollCreateParams;
          const poll = await client.polls.create(params, { signal: ctx.signal });
          if (!options.wait) return show(ctx, poll);
          // The poll, refreshed in place, is printed however the wait ends: its id is not lost.
          await showAfterWait(
            () => waitForResource(ctx, 'poll', poll, options.timeout, allSucceeded),
            () => show(ctx, poll),
          );
          throwIfTasksFailed(poll);
        },
      ),
    );

  group
    .command('retrieve')
    .description('show one poll')
    .argument('<id>', 'the poll id')
    .option(
      '--wait',
      'first wait until it has completed: exit 0 when every task succeeded, 3 when one failed or was suspended',
    )
    .addOption(timeoutOption())
    .action(
      action(async (ctx, id: string, options: { wait?: boolean; timeout: number }) => {
        const client = await ctx.client();
        if (!options.wait) return show(ctx, await client.polls.retrieve(id, { signal: ctx.signal }));
        const poll = await waitForResourceId(
          ctx,
          'poll',
          id,
          options.timeout,
          (request) => client.polls.retrieve(id, request),
          allSucceeded,
          (waited) => show(ctx, waited),
        );
        throwIfTasksFailed(poll);
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list polls, newest first')
      .option('--session <id>', 'only the polls of this session')
      .option('--subscription <id>', 'only the polls of this subscription')
      .option('--requestor <who>', "only the polls made by this: 'subscription' (automatic) or 'key' (by a client)")
      .addOption(new Option('--state <state>', 'only polls in this state').choices(POLL_STATES)),
  ).action(
    action(async (ctx, options: PollListFlags) => {
      const client = await ctx.client();
      const { session, subscription, requestor, state } = options;
      const polls = client.polls.list(
        { ...listParams(options), session, subscription, requestor, state },
        { signal: ctx.signal },
      );
      await printList(ctx, polls, options, COLUMNS, 'polls');
    }),
  );
}
