/** `ricloud organisation`: view the caller's organisation and set its default configs or name. */
import type { Command } from 'commander';
import type { OrganisationUpdateParams } from '../../index';
import { action } from '../context';
import { configRef } from './key';

/** Adds `organisation` and its commands to `program`. */
export function addOrganisationCommands(program: Command): void {
  const group = program
    .command('organisation')
    .description("the organisation: its state, and the default configs its keys' events and results go to");

  const view = action(async (ctx) => {
    const client = await ctx.client();
    ctx.out.resource(await client.organisation.retrieve({ signal: ctx.signal }));
  });
  const description = 'show the organisation (state active once it has a valid webhook config)';
  group.command('view').description(description).action(view);
  // Unlisted: the name every other group, and the SDK's `Organisation.retrieve()`, give this command.
  group.command('retrieve', { hidden: true }).description(description).action(view);

  group
    .command('update')
    .description("set the organisation's default webhook or storage config, or its name")
    .option('--webhook-config-default <id>', 'a webhook config id, or none')
    .option('--storage-config-default <id>', 'a storage config id, or none')
    .option('--name <name>', "the organisation's name")
    .action(
      action(async (ctx, options: { webhookConfigDefault?: string; storageConfigDefault?: string; name?: string }) => {
        const client = await ctx.client();
        const params = {
          webhook_config_default: configRef(options.webhookConfigDefault),
          storage_config_default: configRef(options.storageConfigDefault),
          name: options.name,
        } as OrganisationUpdateParams;
        // With no flag, the SDK refuses the update by name (InvalidInputError: exit 2).
        ctx.out.resource(await client.organisation.update(params, { signal: ctx.signal }));
      }),
    );
}
