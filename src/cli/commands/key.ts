/** `ricloud key`: the current key, the organisation's keys, their config overrides, and rotation. */
import type { Command } from 'commander';
import type { KeyUpdateParams } from '../../index';
import { action } from '../context';
import { UsageError } from '../errors';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { warnIfLost } from '../shown-once';

const COLUMNS = ['id', 'state', 'webhook_config', 'storage_config', 'date_created'];

/** A config id flag's value: `none` clears the reference (commander cannot hold a null from a parser). */
export function configRef(text: string | undefined): string | null | undefined {
  return text === 'none' ? null : text;
}

/** Adds `key` and its commands to `program`. */
export function addKeyCommands(program: Command): void {
  const group = program
    .command('key')
    .description("manage keys: the organisation's tokens, and the configs each key's events and results go to");

  group
    .command('current')
    .description('show the key this command calls with (its token masked)')
    .action(
      action(async (ctx) => {
        const client = await ctx.client();
        ctx.out.resource(await client.keys.current({ signal: ctx.signal }));
      }),
    );

  addListOptions(group.command('list').description("list the organisation's keys, newest first")).action(
    action(async (ctx, options: ListOptions) => {
      const client = await ctx.client();
      await printList(ctx, client.keys.list(listParams(options), { signal: ctx.signal }), options, COLUMNS, 'keys');
    }),
  );

  group
    .command('update')
    .description("point a key at its own webhook or storage config, overriding the organisation's default")
    .argument('<id>', 'the key id')
    .option('--webhook-config <id>', 'a webhook config id, or none for the organisation default')
    .option('--storage-config <id>', 'a storage config id, or none for the organisation default')
    .action(
      action(async (ctx, id: string, options: { webhookConfig?: string; storageConfig?: string }) => {
        const client = await ctx.client();
        const params = {
          webhook_config: configRef(options.webhookConfig),
          storage_config: configRef(options.storageConfig),
        } as KeyUpdateParams;
        // With neither flag, the SDK refuses the update by name (InvalidInputError: exit 2).
        ctx.out.resource(await client.keys.update(id, params, { signal: ctx.signal }));
      }),
    );

  group
    .command('rotate')
    .description('give a key a new token; the old one stops working at once')
    .argument('<id>', 'the key id')
    .addHelpText(
      'after',
      `
The new token is printed only as JSON (--json), once: text would mask it, and it could not be shown again.
Rotating the key this command uses makes the configured token stale: save the new one (ricloud config init).

Example:
  ricloud --json key rotate <id> | jq -r .token`,
    )
    .action(
      action(async (ctx, id: string) => {
        if (!ctx.out.json)
          throw new UsageError('key rotate prints the new token only as JSON: add --json (nothing was rotated)');
        const client = await ctx.client();
        const key = await client.keys.rotate(id, { signal: ctx.signal });
        ctx.out.resource(key, { revealSecret: true });
        await warnIfLost(
          ctx,
          `key ${key.id} was rotated, but its new token did not reach stdout: the old token no longer works`,
        );
      }),
    );
}
