/** `ricloud subscription`: polls of a session made every interval, between two dates: create, list and delete them. */
import { Option, type Command } from 'commander';
import type { Subscription } from '../../index';
import { action } from '../context';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { integer, isoTime } from '../parse';
import { SUBSCRIPTION_STATES } from '../sdk';
import { addPayloadOptions, type PayloadOptions, payloadOf } from './poll';

const COLUMNS = ['id', 'state', 'session', 'interval', 'date_start', 'date_end', 'date_created'];

interface CreateOptions extends PayloadOptions {
  session: string;
  source?: string;
  interval?: number;
  start?: string;
  end?: string;
}

/** Adds `subscription` and its commands to `program`. */
export function addSubscriptionCommands(program: Command): void {
  const group = program
    .command('subscription')
    .description('poll a session on a schedule: a subscription makes a poll every interval, between two dates');

  addPayloadOptions(
    group
      .command('create')
      .description('create a subscription; its polls fetch what --info-types, --data-types and --files name')
      .requiredOption('--session <id>', 'the session its polls use (active)')
      .option('--source <id>', "a child of the session's source to poll (a Relay device)"),
  )
    .option('--interval <seconds>', "seconds between polls, at least 3600 (default: the API's, a day)", integer)
    .option('--start <time>', 'when the first poll is due, ISO 8601 (default: now)', isoTime)
    .option('--end <time>', 'when polling stops, ISO 8601 (default: never)', isoTime)
    .addHelpText(
      'after',
      `
Example:
  ricloud subscription create --session <id> --data-types ios_messages.messages --interval 86400
  ricloud poll list --subscription <subscription id>`,
    )
    .action(
      action(async (ctx, options: CreateOptions) => {
        const client = await ctx.client();
        const params = {
          session: options.session,
          source: options.source,
          poll_payload: payloadOf(options),
          interval: options.interval,
          date_start: options.start,
          date_end: options.end,
        };
        ctx.out.resource(await client.subscriptions.create(params, { signal: ctx.signal }));
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list subscriptions, newest first')
      .option('--session <id>', 'only the subscriptions of this session')
      .addOption(new Option('--state <state>', 'only subscriptions in this state').choices(SUBSCRIPTION_STATES)),
  ).action(
    action(async (ctx, options: ListOptions & { session?: string; state?: Subscription['state'] }) => {
      const client = await ctx.client();
      const list = client.subscriptions.list(
        { ...listParams(options), session: options.session, state: options.state },
        { signal: ctx.signal },
      );
      await printList(ctx, list, options, COLUMNS, 'subscriptions');
    }),
  );

  group
    .command('delete')
    .description('delete a subscription: no poll is made after it (state deleted)')
    .argument('<id>', 'the subscription id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.subscriptions.delete(id, { signal: ctx.signal }));
      }),
    );
}
