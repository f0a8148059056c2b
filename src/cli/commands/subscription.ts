/**
 * `ricloud subscription`: polls of a session made every interval, between two dates: create, retrieve, list and delete
 * them.
 */
import { Option, type Command } from 'commander';
import type { Subscription } from '../../index';
import { action, type Context } from '../context';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { integer, isoTime } from '../parse';
import { showAfterWait, throwUnlessActive, timeoutOption, waitForResource, waitForResourceId } from '../progress';
import { SUBSCRIPTION_STATES } from '../sdk';
import { addPayloadOptions, type PayloadOptions, payloadOf } from './poll';

const COLUMNS = ['id', 'state', 'session', 'interval', 'date_start', 'date_end', 'date_created'];

interface CreateOptions extends PayloadOptions {
  session: string;
  source?: string;
  interval?: number;
  start?: string;
  end?: string;
  wait?: boolean;
  timeout: number;
}

const isActive = (subscription: Subscription) => subscription.state === 'active';
const show = (ctx: Context, subscription: Subscription) => ctx.out.resource(subscription);

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
    .option(
      '--interval <seconds>',
      "seconds between polls, at least 3600 for Relay (default: the API's, a day)",
      integer,
    )
    .option('--start <time>', 'when the first poll is due, ISO 8601 (default: now)', isoTime)
    .option('--end <time>', 'when polling stops, ISO 8601 (default: never)', isoTime)
    .option('--wait', 'wait until its first poll makes it active: exit 0 when active, 3 otherwise')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
Example:
  ricloud subscription create --session <id> --data-types ios_messages.messages --interval 86400 --wait
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
        const subscription = await client.subscriptions.create(params, { signal: ctx.signal });
        if (!options.wait) return show(ctx, subscription);
        // The subscription, refreshed in place, is printed however the wait ends: its id is not lost.
        await showAfterWait(
          () => waitForResource(ctx, 'subscription', subscription, options.timeout, isActive),
          () => show(ctx, subscription),
        );
        throwUnlessActive('subscription', subscription);
      }),
    );

  group
    .command('retrieve')
    .description('show one subscription')
    .argument('<id>', 'the subscription id')
    .option('--wait', 'first wait until it leaves pending: exit 0 when active, 3 otherwise')
    .addOption(timeoutOption())
    .action(
      action(async (ctx, id: string, options: { wait?: boolean; timeout: number }) => {
        const client = await ctx.client();
        if (!options.wait) return show(ctx, await client.subscriptions.retrieve(id, { signal: ctx.signal }));
        const subscription = await waitForResourceId(
          ctx,
          'subscription',
          id,
          options.timeout,
          (request) => client.subscriptions.retrieve(id, request),
          isActive,
          (waited) => show(ctx, waited),
        );
        throwUnlessActive('subscription', subscription);
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
