/**
 * `ricloud event listen`: a local receiver built on `ricloud/webhooks`. It verifies every delivery and prints each
 * event. With `--webhook-url` it does what ricloud-py's does: creates a config for itself and points the current key
 * at it, so the key's events come here; on exit it points the key back and deletes that config, and only that one.
 */
import { Option, type Command } from 'commander';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookHandler,
  MemoryReplayStore,
  ReplayError,
  toNodeHandler,
  type WebhookEvent,
} from '../../webhooks/index';
import { pythonInt } from '../../config/python-int';
import { settingName } from '../../config/settings';
import { action, type Context } from '../context';
import { refuseEmpty, UsageError } from '../errors';
import { checkUrl, hideNestedSecrets } from '../sdk';
import { cleanUp, type Setup, setUp } from './listen-config';
import { port, slugs, tolerance } from '../parse';
import { host, listenFailure } from '../address';
import { fromStdin } from '../secret-input';
import { stopped } from '../stop';

interface ListenOptions {
  host?: string;
  port?: number;
  tolerance?: number;
  secret?: string;
  secretStdin?: boolean;
  webhookUrl?: string;
  only?: string[];
  exclude?: string[];
}

/** Prints one event: a line of text, or one JSON object per line. */
function show(ctx: Context, event: WebhookEvent): void {
  if (ctx.out.json) {
    // What `event retrieve --json` leaves out, by the SDK's own rule: secrets and signed URLs in the event's data.
    hideNestedSecrets('event', event);
    ctx.out.jsonLine(event);
    return;
  }
  const data = event.data as { resource?: unknown; id?: unknown } | null;
  const about =
    data && typeof data === 'object' && data.resource && data.id ? `  ${String(data.resource)} ${String(data.id)}` : '';
  ctx.out.line(`${event.date_created}  ${event.type}.${event.action}  ${event.id}${about}`);
}

/** The signature tolerance in seconds: `--tolerance`, else `RICLOUD_DELTA` or `[webhooks] delta`, else the SDK's. */
async function toleranceOf(ctx: Context, given: number | undefined): Promise<number | undefined> {
  const setting = given === undefined ? await ctx.settings.tolerance() : undefined;
  if (!setting) return given;
  // ricloud-py reads `delta` with Python's `int()` (`+600`, `6_00`); a fraction of a second is taken here too.
  const whole = pythonInt(setting.value);
  if (whole !== undefined && whole >= 0) return whole;
  try {
    return tolerance(setting.value);
  } catch (error) {
    throw new UsageError(`invalid ${settingName(setting, 'webhooks', 'delta')}: ${(error as Error).message}`);
  }
}

/** The one of an argument (ricloud-py's `HOST PORT`) and its flag that is given. @throws UsageError when both are. */
function either<T>(argument: T | undefined, flag: T | undefined, name: string): T | undefined {
  if (argument !== undefined && flag !== undefined)
    throw new UsageError(`pass the ${name} as ${name.toUpperCase()} or --${name}, not both`);
  return argument ?? flag;
}

/** True when `--only` and `--exclude` let an event with this slug be printed. */
function wanted(slug: string, options: ListenOptions): boolean {
  return (!options.only || options.only.includes(slug)) && !options.exclude?.includes(slug);
}

/** The failure of a delivery that came while stdout was backed up: answered 500, so the API delivers it again later. */
class OutputBackedUp extends Error {
  override name = 'OutputBackedUp';
}

/**
 * A check before each event is printed: while stdout is backed up (its reader slower than the deliveries, or stopped),
 * it throws `OutputBackedUp`, and says so on stderr once until the reader catches up. Events are refused rather than
 * queued, so memory holds stdout's buffer and one event, however long the reader stalls.
 */
function refuseWhileBackedUp(ctx: Context): () => void {
  let waiting = false;
  return () => {
    if (!ctx.out.backedUp) return;
    if (!waiting) {
      waiting = true;
      ctx.out.warn(
        'stdout is not taking events: deliveries are refused (500) until its reader catches up; ' +
          'the API delivers them again later',
      );
      ctx.out.readyForMore(ctx.signal).then(
        () => (waiting = false),
        () => undefined,
      );
    }
    throw new OutputBackedUp('stdout is backed up');
  };
}

/** Adds `listen` to the `event` group. */
export function addListenCommand(group: Command): void {
  group
    .command('listen')
    .description('receive webhook deliveries here: verify each signature and print each event')
    .argument('[host]', "address to listen on, as --host (ricloud-py's form: event listen HOST PORT)", host)
    .argument('[port]', 'port to listen on, as --port', port)
    .option('--host <host>', 'address to listen on (default: 127.0.0.1)', host)
    .option(
      '--port <port>',
      'port to listen on (0: any free port, named on the first line of stderr; default: 8080)',
      port,
    )
    .addOption(
      new Option(
        '--secret <secret>',
        'the secret deliveries are signed with (else RICLOUD_SECRET or RICLOUD_SECRET_FILE, else [webhooks] secret); ' +
          'visible to other users of this machine (ps): prefer --secret-stdin',
      ).conflicts(['webhookUrl', 'secretStdin']),
    )
    .addOption(
      new Option('--secret-stdin', 'read the secret from stdin, trimmed').conflicts(['webhookUrl', 'tokenStdin']),
    )
    .option(
      '--webhook-url <url>',
      'create a webhook config for this URL (it must reach this listener), point the current key at it and verify ' +
        'with its secret; on exit, point the key back and delete the config',
    )
    .option(
      '--tolerance <seconds>',
      'how old a signature may be (else RICLOUD_DELTA, else [webhooks] delta, else 600); 0 turns the check off',
      tolerance,
    )
    .option('--only <slugs>', 'print only these events, comma-separated, e.g. webhook_config.test', slugs)
    .option('--exclude <slugs>', 'do not print these events, comma-separated', slugs)
    .addHelpText(
      'after',
      `
Every POST, on any path, is checked: a delivery with a bad signature is refused (400) and reported on stderr.
A copy of a delivery already received is acknowledged (200), reported on stderr, and not printed again.
Events left out by --only or --exclude are still accepted (200), just not printed.
While stdout's reader is not keeping up, deliveries are refused (500), not queued: the API delivers them again later.

Examples:
  ricloud event listen 0.0.0.0 8080 --tolerance 300   # ricloud-py's form, every interface
  ricloud event listen --webhook-url http://127.0.0.1:8080/webhooks
  pass show ricloud/webhook-secret | ricloud event listen --port 9000 --secret-stdin --only webhook_config.test --json`,
    )
    .action(
      action(
        async (ctx, hostArgument: string | undefined, portArgument: number | undefined, options: ListenOptions) => {
          const listenHost = either(hostArgument, options.host, 'host') ?? '127.0.0.1';
          const listenPort = either(portArgument, options.port, 'port') ?? 8080;
          // Checked before anything starts, and by this flag's name: the SDK's create would call it `url`.
          // Given empty (an unset variable), it is refused too: taken as absent, the run would listen without it.
          if (options.webhookUrl !== undefined) checkUrl(options.webhookUrl, '--webhook-url');
          refuseEmpty('--secret', options.secret);
          // With --webhook-url, the new config's secret is the one deliveries are signed with, whatever is configured.
          const given = options.webhookUrl
            ? undefined
            : options.secretStdin
              ? (await fromStdin('--secret-stdin', 'Webhook secret', process.stdin, ctx.signal)).value
              : (options.secret?.trim() ?? (await ctx.settings.secret())?.value);
          if (!options.webhookUrl && !given)
            throw new UsageError(
              'event listen needs --secret-stdin, --secret, RICLOUD_SECRET, RICLOUD_SECRET_FILE, ' +
                '[webhooks] secret in the config file, or --webhook-url',
            );
          const maxAge = await toleranceOf(ctx, options.tolerance);
          // Built before listening, so a missing token fails before anything starts.
          const client = options.webhookUrl ? await ctx.client() : undefined;
          // With --webhook-url the secret is known once the config exists; a delivery that comes first waits for it.
          let created: (secret: string) => void = () => undefined;
          const configSecret = new Promise<string>((resolve) => (created = resolve));
          const printable = refuseWhileBackedUp(ctx);
          const handler = createWebhookHandler({
            secret: given ?? (() => configSecret),
            tolerance: maxAge,
            // A copy of a delivery already received (a replay, or the API's retry) is acknowledged, not printed twice.
            replay: new MemoryReplayStore(),
            onAny: (event) => {
              if (!wanted(`${event.type}.${event.action}`, options)) return;
              printable();
              show(ctx, event);
            },
            onError: (error) => {
              // Said once for the whole stall, not once a delivery: stderr may be the same stalled pipe.
              if (error instanceof OutputBackedUp) return;
              ctx.out.report(
                error instanceof ReplayError
                  ? // Not its message, which says "refused": a copy of an event already handled is acknowledged (200).
                    `ignored a copy of a delivery: event ${error.eventId} was already received`
                  : `refused a delivery: ${error instanceof Error ? error.message : String(error)}`,
              );
            },
          });
          const server = createServer(toNodeHandler(handler));
          await new Promise<void>((resolve, reject) => {
            server.once('error', (error) => reject(listenFailure(error, listenHost, listenPort)));
            server.listen(listenPort, listenHost, resolve);
          });
          const { address, port: bound, family } = server.address() as AddressInfo;
          // Not a banner: with --port 0 it is the one place a script finds the receiver, so --quiet keeps it, as it
          // keeps the URL `ricloud mock` prints. stdout stays the events alone.
          ctx.out.warn(
            `Listening on http://${family === 'IPv6' ? `[${address}]` : address}:${bound} (POST to any path).`,
          );
          ctx.out.note('Press Ctrl-C to stop.');

          const setup: Setup = {};
          try {
            if (client && options.webhookUrl) await setUp(ctx, client, options.webhookUrl, setup, created);
            await stopped(ctx.signal);
          } finally {
            server.closeAllConnections();
            server.close();
            // The stop signal has fired, so these calls go without it.
            if (client) await cleanUp(ctx, client, setup);
          }
        },
      ),
    );
}
