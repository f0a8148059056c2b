/** `ricloud event`: retrieve and list events; `event listen` lives in listen.ts. */
import { Option, type Command } from 'commander';
import { action } from '../context';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { EVENT_STATES } from '../sdk';
import { addListenCommand } from './listen';

const COLUMNS = ['id', 'type', 'action', 'state', 'date_created'];

/** Adds `event` and its commands to `program`. */
export function addEventCommands(program: Command): void {
  const group = program.command('event').description('read events, and receive them as webhooks');

  group
    .command('retrieve')
    .description('show one event')
    .argument('<id>', 'the event id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.events.retrieve(id, { signal: ctx.signal }));
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list events, newest first')
      .option('--type <type>', 'only events about this resource type, e.g. webhook_config')
      .option('--action <action>', 'only events of this action, e.g. test')
      .addOption(new Option('--state <state>', 'only events in this delivery state').choices(EVENT_STATES)),
  ).action(
    action(async (ctx, options: ListOptions & { type?: string; action?: string; state?: string }) => {
      const { type, action: what, state } = options;
      const client = await ctx.client();
      const list = client.events.list({ ...listParams(options), type, action: what, state }, { signal: ctx.signal });
      await printList(ctx, list, options, COLUMNS, 'events');
    }),
  );

  addListenCommand(group);
}
