/** `ricloud source`: list the sources of your users (iCloud accounts, Relay instances and their devices). */
import { Option, type Command } from 'commander';
import type { SourceListParams } from '../../index';
import { action } from '../context';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { SOURCE_STATES, SOURCE_TYPES } from '../sdk';

const COLUMNS = ['id', 'type', 'identifier', 'state', 'user', 'date_created'];

/** The flags of `source list`, as commander parses them. */
type SourceListFlags = ListOptions & Pick<SourceListParams, 'type' | 'state'> & { user?: string; identifier?: string };

/** Adds `source` and its commands to `program`. */
export function addSourceCommands(program: Command): void {
  const group = program.command('source').description('find sources: the accounts and devices sessions open');

  addListOptions(
    group
      .command('list')
      .description('list sources, newest first')
      .option('--user <id>', 'only the sources of this user')
      .option('--identifier <identifier>', 'only the source with this name in its service, e.g. an Apple ID')
      .addOption(new Option('--type <type>', 'only sources of this type').choices(SOURCE_TYPES))
      .addOption(new Option('--state <state>', 'only sources in this state').choices(SOURCE_STATES)),
  ).action(
    action(async (ctx, options: SourceListFlags) => {
      const client = await ctx.client();
      const { user, identifier, type, state } = options;
      const list = client.sources.list(
        { ...listParams(options), user, identifier, type, state },
        { signal: ctx.signal },
      );
      await printList(ctx, list, options, COLUMNS, 'sources');
    }),
  );
}
