/** `ricloud webhook-config`: create, retrieve, list, update and test webhook configs. */
import { Option, type Command } from 'commander';
import { action } from '../context';
import { Unsuccessful } from '../errors';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { showAfterWait, timeoutOption, throwUnlessSucceeded, waitForConfig, waitForTask } from '../progress';
import { WEBHOOK_CONFIG_STATES, WEBHOOK_CONFIG_UPDATE_STATES } from '../sdk';
import { warnIfLost } from '../shown-once';
import type { WebhookConfigUpdateParams } from '../../index';

const COLUMNS = ['id', 'state', 'url', 'date_created'];

/** The note after a config created in text: its secret, masked, is lost, and how to have one next time. */
const secretNotShown = (id: string) =>
  `Webhook config ${id} was created, but its secret is masked in text and cannot be shown again: ` +
  'only webhook-config create --json prints it. To have one, deactivate this config ' +
  `(ricloud webhook-config update ${id} --state deactivated) and create another with --json.`;

/** Adds `webhook-config` and its commands to `program`. */
export function addWebhookConfigCommands(program: Command): void {
  const group = program
    .command('webhook-config')
    .description('manage webhook configs: the URLs the API sends signed events to')
    .addHelpText(
      'after',
      '\nA new config is tested at once: the API sends a signed webhook_config.test event to its URL.\n' +
        'It becomes valid when the receiver answers 2xx, invalid otherwise.',
    );

  group
    .command('create')
    .description('create a webhook config; the API tests it by sending a signed event to its URL')
    .requiredOption('--url <url>', "the receiver's URL (absolute http or https)")
    .option(
      '--wait',
      'wait for the test: exit 0 when the config is valid, 3 when not (invalid, or deactivated meanwhile)',
    )
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
The secret that signs deliveries is masked in text. Only create --json shows it, and only once:
with --wait, the config is printed even when the wait times out or is interrupted. In text, a note on
stderr says the secret cannot be shown again (--quiet hides it).

Example:
  ricloud webhook-config create --url http://127.0.0.1:8080/webhooks --wait`,
    )
    .action(
      action(async (ctx, options: { url: string; wait?: boolean; timeout: number }) => {
        const client = await ctx.client();
        const config = await client.webhookConfigs.create({ url: options.url }, { signal: ctx.signal });
        const show = () => {
          ctx.out.resource(config, { revealSecret: true });
          // Text masks the secret and the API never shows it again: said now, not when the user first needs it.
          if (!ctx.out.json) ctx.out.note(secretNotShown(config.id));
        };
        // Its secret is shown only here: the config, refreshed in place, is printed even when the wait ends badly.
        if (options.wait) await showAfterWait(() => waitForConfig(ctx, config, options.timeout), show);
        else show();
        await warnIfLost(
          ctx,
          `webhook config ${config.id} was created, but its secret did not reach stdout: it cannot be shown again`,
        );
        if (config.state === 'invalid')
          throw new Unsuccessful(`webhook_config ${config.id} is invalid: its test delivery failed`);
        // Deactivated meanwhile, or a state this client does not know: not a config that events reach.
        if (options.wait && config.state !== 'valid')
          throw new Unsuccessful(`webhook_config ${config.id} is ${config.state}, not valid`);
      }),
    );

  group
    .command('retrieve')
    .description('show one webhook config')
    .argument('<id>', 'the config id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.webhookConfigs.retrieve(id, { signal: ctx.signal }));
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list webhook configs, newest first (deactivated ones only with --state deactivated)')
      .addOption(new Option('--state <state>', 'only configs in this state').choices(WEBHOOK_CONFIG_STATES)),
  ).action(
    action(async (ctx, options: ListOptions & { state?: string }) => {
      const client = await ctx.client();
      const list = client.webhookConfigs.list({ ...listParams(options), state: options.state }, { signal: ctx.signal });
      await printList(ctx, list, options, COLUMNS, 'webhook configs');
    }),
  );

  group
    .command('update')
    .description('change the URL or the state of a webhook config; a new URL, or state new, is tested again')
    .argument('<id>', 'the config id')
    .option('--url <url>', "the receiver's new URL")
    .addOption(
      new Option('--state <state>', 'new (test it again) or deactivated (stop sending to it)').choices(
        WEBHOOK_CONFIG_UPDATE_STATES,
      ),
    )
    .action(
      action(async (ctx, id: string, options: { url?: string; state?: 'new' | 'deactivated' }) => {
        const { url, state } = options;
        const client = await ctx.client();
        // With neither flag, the SDK refuses the update by name (InvalidInputError: exit 2).
        ctx.out.resource(
          await client.webhookConfigs.update(id, { url, state } as WebhookConfigUpdateParams, { signal: ctx.signal }),
        );
      }),
    );

  group
    .command('test')
    .description('send a signed test event to a webhook config; prints its task')
    .argument('<id>', 'the config id')
    .option('--wait', 'wait for the task: exit 0 when it succeeded, 3 when it failed or was suspended')
    .addOption(timeoutOption())
    .action(
      action(async (ctx, id: string, options: { wait?: boolean; timeout: number }) => {
        const client = await ctx.client();
        const task = await client.webhookConfigs.test(id, { signal: ctx.signal });
        if (!options.wait) return ctx.out.resource(task);
        // The task, refreshed in place, is printed even when the wait does not end well: its id is not lost.
        await showAfterWait(
          () => waitForTask(ctx, task, options.timeout),
          () => ctx.out.resource(task),
        );
        throwUnlessSucceeded(task);
      }),
    );
}
