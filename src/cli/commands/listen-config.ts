/**
 * The webhook config of `ricloud event listen --webhook-url`, as ricloud-py's: made for the run and the current key
 * pointed at it, then on exit the key pointed back and the config deleted, and only that one.
 */
import type { Client, Key, WebhookConfig } from '../../index';
import type { Context } from '../context';
import { RunTimedOut } from '../errors';
import { RicloudError } from '../sdk';

/** Milliseconds each cleanup call may take once the global `--timeout` has passed, retries included. */
const CLEANUP_DEADLINE_MS = 5_000;

/** What `--webhook-url` has set up so far: what `cleanUp` undoes. */
export interface Setup {
  config?: WebhookConfig;
  /** The key, once it may have been pointed at `config`, and the config it pointed at before. */
  pointed?: { key: Key; previous: Key['webhook_config'] };
}

/**
 * Creates a config for `url` and points the current key at it, recording each step in `setup` before its answer
 * comes. A stop does not abort the create or the repoint: the server may act on a request the client gave up on, and
 * the cleanup must know what it made. After a stop, nothing more is started.
 */
export async function setUp(
  ctx: Context,
  client: Client,
  url: string,
  setup: Setup,
  created: (secret: string) => void,
): Promise<void> {
  const key = await client.keys.current({ signal: ctx.signal });
  const waiting = () =>
    ctx.out.note('Stopping once the webhook config is set up, to undo it (Ctrl-C again quits without undoing it).');
  ctx.signal.addEventListener('abort', waiting, { once: true });
  try {
    const config = await client.webhookConfigs.create({ url });
    setup.config = config;
    if (!config.secret) throw new RicloudError(`webhook_config ${config.id}: the API sent no secret`);
    created(config.secret);
    if (ctx.signal.aborted) return;
    const previous = key.webhook_config;
    if (previous !== config.id) {
      // Before it is sent: the cleanup points the key back only when it finds it pointing at this config.
      setup.pointed = { key, previous };
      await key.update({ webhook_config: config });
    }
    if (!ctx.signal.aborted)
      ctx.out.note(
        `Created webhook config ${config.id} for ${config.url}; key ${key.id} sends its events there until you stop.`,
      );
  } finally {
    ctx.signal.removeEventListener('abort', waiting);
  }
}

/**
 * Undoes what `--webhook-url` set up: the key goes back to its previous config (unless something else has repointed
 * it since), then the config this run created, and only that one, is deleted. Both are tried, whatever fails first,
 * and a step that failed says on stderr what it may have left. After the global `--timeout`, each call gets
 * `CLEANUP_DEADLINE_MS` instead of the SDK's 90 s: no one is there to press Ctrl-C again.
 */
export async function cleanUp(ctx: Context, client: Client, { config, pointed }: Setup): Promise<void> {
  if (!config) return;
  const options = ctx.signal.reason instanceof RunTimedOut ? { deadline: CLEANUP_DEADLINE_MS } : {};
  let failure: unknown;
  if (pointed) {
    const { key, previous } = pointed;
    try {
      if ((await key.refresh(options)).webhook_config === config.id) {
        await key.update({ webhook_config: previous ?? null }, options);
        ctx.out.note(
          `Key ${key.id} points back at ${previous ? `webhook config ${previous}` : 'the organisation default'}.`,
        );
      }
    } catch (error) {
      failure = error;
      ctx.out.warn(
        `warning: key ${key.id} may still point at webhook config ${config.id}: ` +
          `ricloud key update ${key.id} --webhook-config ${previous ?? 'none'} points it back`,
      );
    }
  }
  try {
    await client.webhookConfigs.delete(config.id, options);
    ctx.out.note(`Deleted webhook config ${config.id}.`);
  } catch (error) {
    failure ??= error;
    ctx.out.warn(
      `warning: webhook config ${config.id} for ${config.url} may be left: ` +
        `ricloud webhook-config update ${config.id} --state deactivated switches it off`,
    );
  }
  if (failure) throw failure;
}
