/**
 * `ricloud storage-config`: create, retrieve, list, update, test and delete storage configs. Credentials are read
 * from a file (`--credentials-path`, as ricloud-py's) and never printed: text names their fields only.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { action, type Context, namingFlag } from '../context';
import { UsageError } from '../errors';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { integer } from '../parse';
import { showAfterWait, throwUnlessSucceeded, timeoutOption, waitForTask } from '../progress';
import { STORAGE_TYPES, WEBHOOK_CONFIG_STATES, WEBHOOK_CONFIG_UPDATE_STATES } from '../sdk';
import type { StorageConfigUpdateParams, Task } from '../../index';

const COLUMNS = ['id', 'type', 'state', 'url', 'date_created'];

/** The credentials in `path`: a GCP JSON key or an AWS console CSV. Node-only, so loaded when used. */
async function credentialsFrom(ctx: Context, path: string) {
  if (!path.trim()) throw new UsageError('invalid --credentials-path: must be a non-empty file path');
  const { readCredentialsFile } = await import('../../node');
  return namingFlag('path', '--credentials-path', () => readCredentialsFile(path, { signal: ctx.signal }));
}

/** `on` or `off`. */
function onOff(text: string): boolean {
  if (text === 'on' || text === 'off') return text === 'on';
  throw new InvalidArgumentError('Not on or off.');
}

/** Prints `task`, or with `--wait` waits for it and prints it however the wait ends. */
async function showTask(ctx: Context, task: Task, options: { wait?: boolean; timeout: number }): Promise<void> {
  if (!options.wait) return ctx.out.resource(task);
  await showAfterWait(
    () => waitForTask(ctx, task, options.timeout),
    () => ctx.out.resource(task),
  );
  throwUnlessSucceeded(task);
}

/** The signed-URL settings of a config, for `create` and `update`. */
interface SignedUrlOptions {
  signedUrls?: boolean;
  signedUrlsExpiry?: number;
}

/** Adds `--signed-urls` and `--signed-urls-expiry` to `command`. */
const addSignedUrlOptions = (command: Command) =>
  command
    .option('--signed-urls <on|off>', 'whether results get signed URLs, which downloads need', onOff)
    .option('--signed-urls-expiry <seconds>', 'how long signed URLs stay valid', integer);

/** The API's fields for the signed-URL flags. */
const signedUrlParams = (options: SignedUrlOptions) => ({
  signed_urls_enabled: options.signedUrls,
  signed_urls_expiry: options.signedUrlsExpiry,
});

/** Adds `storage-config` and its commands to `program`. */
export function addStorageConfigCommands(program: Command): void {
  const group = program
    .command('storage-config')
    .description('manage storage configs: the buckets the API publishes results to')
    .addHelpText(
      'after',
      '\nCredentials come from a file: a GCP service-account JSON key, or an AWS console CSV (first row).\n' +
        'They are sent to the API and never printed.',
    );

  addSignedUrlOptions(
    group
      .command('create')
      .description('create a storage config; the API tests it by writing to the bucket')
      .requiredOption('--url <url>', 'the bucket: gs://<bucket>/<path> or s3://<bucket>/<path>')
      .requiredOption('--credentials-path <path>', 'a GCP JSON key or an AWS console CSV'),
  ).action(
    action(async (ctx, options: SignedUrlOptions & { url: string; credentialsPath: string }) => {
      const credentials = await credentialsFrom(ctx, options.credentialsPath);
      const client = await ctx.client();
      const params = { url: options.url, credentials, ...signedUrlParams(options) };
      ctx.out.resource(await client.storageConfigs.create(params, { signal: ctx.signal }));
    }),
  );

  group
    .command('retrieve')
    .description('show one storage config')
    .argument('<id>', 'the config id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.storageConfigs.retrieve(id, { signal: ctx.signal }));
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list storage configs, newest first (deactivated ones only with --state deactivated)')
      .addOption(new Option('--state <state>', 'only configs in this state').choices(WEBHOOK_CONFIG_STATES))
      .addOption(new Option('--type <type>', 'only configs of this kind').choices(STORAGE_TYPES)),
  ).action(
    action(async (ctx, options: ListOptions & { state?: string; type?: 'gs' | 's3' }) => {
      const client = await ctx.client();
      const list = client.storageConfigs.list(
        { ...listParams(options), state: options.state, type: options.type },
        { signal: ctx.signal },
      );
      await printList(ctx, list, options, COLUMNS, 'storage configs');
    }),
  );

  addSignedUrlOptions(
    group
      .command('update')
      .description('change a storage config; a new URL or credentials, or state new, is tested again')
      .argument('<id>', 'the config id')
      .option('--url <url>', 'the new bucket URL')
      .option('--credentials-path <path>', 'new credentials: a GCP JSON key or an AWS console CSV'),
  )
    .addOption(
      new Option('--state <state>', 'new (test it again) or deactivated').choices(WEBHOOK_CONFIG_UPDATE_STATES),
    )
    .action(
      action(
        async (
          ctx,
          id: string,
          options: SignedUrlOptions & { url?: string; credentialsPath?: string; state?: 'new' | 'deactivated' },
        ) => {
          const params = {
            url: options.url,
            credentials:
              options.credentialsPath === undefined ? undefined : await credentialsFrom(ctx, options.credentialsPath),
            ...signedUrlParams(options),
            state: options.state,
          } as StorageConfigUpdateParams;
          const client = await ctx.client();
          // With no flag, the SDK refuses the update by name (InvalidInputError: exit 2).
          ctx.out.resource(await client.storageConfigs.update(id, params, { signal: ctx.signal }));
        },
      ),
    );

  group
    .command('test')
    .description('test a storage config; prints its task')
    .argument('<id>', 'the config id')
    .option('--wait', 'wait for the task: exit 0 when it succeeded, 3 when it failed or was suspended')
    .addOption(timeoutOption())
    .action(
      action(async (ctx, id: string, options: { wait?: boolean; timeout: number }) => {
        const client = await ctx.client();
        await showTask(ctx, await client.storageConfigs.test(id, { signal: ctx.signal }), options);
      }),
    );

  group
    .command('delete')
    .description('delete a storage config; keys and the organisation default that named it fall back')
    .argument('<id>', 'the config id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.storageConfigs.delete(id, { signal: ctx.signal }));
      }),
    );
}
