/** `ricloud user`: create and list users, the people of your service that sources belong to. */
import { Option, type Command } from 'commander';
import { action } from '../context';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { USER_STATES } from '../sdk';

const COLUMNS = ['id', 'identifier', 'state', 'date_created'];

/** Adds `user` and its commands to `program`. */
export function addUserCommands(program: Command): void {
  const group = program.command('user').description('manage users: your own ids for the people whose sources you poll');

  group
    .command('create')
    .description('create a user')
    .requiredOption(
      '--identifier <identifier>',
      'your own id for this user, e.g. an account number (one the organisation has returns its user)',
    )
    .option('--key <id>', 'the key the user belongs to (default: the key of the token)')
    .action(
      action(async (ctx, options: { identifier: string; key?: string }) => {
        const client = await ctx.client();
        const params = { identifier: options.identifier, key: options.key };
        ctx.out.resource(await client.users.create(params, { signal: ctx.signal }));
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list users, newest first')
      .option('--identifier <identifier>', 'only users with this identifier')
      .addOption(new Option('--state <state>', 'only users in this state').choices(USER_STATES)),
  ).action(
    action(async (ctx, options: ListOptions & { identifier?: string; state?: (typeof USER_STATES)[number] }) => {
      const client = await ctx.client();
      const list = client.users.list(
        { ...listParams(options), identifier: options.identifier, state: options.state },
        { signal: ctx.signal },
      );
      await printList(ctx, list, options, COLUMNS, 'users');
    }),
  );
}
