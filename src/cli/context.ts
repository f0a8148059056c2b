/** What a command's work receives: where to print, the settings, the stop signal and an API client. */
import type { Command } from 'commander';
import { format } from 'node:util';
import type { Client, Logger } from '../index';
import { InvalidInputError } from './sdk';
import { UsageError } from './errors';
import { readGlobalOptions } from './globals';
import { Output } from './output';
import { fromStdin } from './secret-input';
import { resolveSettings, type Settings } from './settings';
import { stopSignal } from './stop';

/** One run's context. */
export interface Context {
  readonly out: Output;
  readonly settings: Settings;
  /** Aborts on Ctrl-C or SIGTERM; pass it to every API call. */
  readonly signal: AbortSignal;
  /**
   * An API client built from the settings. The SDK is loaded here, so `--help` and `mock` never load it.
   * @throws UsageError when no token is set; InvalidInputError when the API URL is not an http(s) URL.
   */
  client(): Promise<Client>;
}

// How the SDK's `InvalidInputError.field` names read on the command line.
const FLAG_OF_FIELD: Record<string, string> = {
  id: 'ID',
  url: '--url',
  credentials: '--credentials-path',
  // readCredentialsFile's name for the file; downloadToFile's `path` (--output) is never empty here.
  path: '--credentials-path',
  webhook_config: '--webhook-config',
  storage_config: '--storage-config',
  webhook_config_default: '--webhook-config-default',
  storage_config_default: '--storage-config-default',
  name: '--name',
  signed_urls_enabled: '--signed-urls',
  signed_urls_expiry: '--signed-urls-expiry',
  state: '--state',
  type: '--type',
  action: '--action',
  limit: '--limit',
  'date_created.gt': '--created-after',
  'date_created.lt': '--created-before',
  identifier: '--identifier',
  user: '--user',
  session: '--session',
  source: '--source',
  subscription: '--subscription',
  poll: '--poll',
  task: '--task',
  'source.user': '--user',
  'source.identifier': '--identifier',
  'payload.code': '--code',
  payload: '--info-types, --data-types or --files',
  poll_payload: '--info-types, --data-types or --files',
  'payload.info_types': '--info-types',
  'payload.data_types': '--data-types',
  'payload.files': '--files',
  'poll_payload.info_types': '--info-types',
  'poll_payload.data_types': '--data-types',
  'poll_payload.files': '--files',
  interval: '--interval',
  date_start: '--start',
  date_end: '--end',
  ids: 'ID',
};

/** The SDK's log lines on stderr, one line each, their control characters escaped: they may quote the server. */
function stderrLogger(out: Output): Logger {
  const write = (message: string, ...rest: unknown[]) => out.warn(format(message, ...rest));
  return { debug: write, info: write, warn: write, error: write };
}

/**
 * Builds the context of the command being run; with `--token-stdin`, reads the token first.
 * @throws UsageError when `--token-stdin` comes with `--token` or another flag that reads stdin, or stdin holds no token.
 */
async function createContext(command: Command): Promise<Context> {
  const globals = readGlobalOptions(command);
  if (globals.tokenStdin && globals.token) throw new UsageError('pass --token or --token-stdin, not both');
  // Given before the command, --token-stdin is out of reach of the command's own `conflicts`: stdin holds one value.
  const otherStdin = command.options.find(
    (option) =>
      option.long?.endsWith('-stdin') &&
      option.long !== '--token-stdin' &&
      command.getOptionValue(option.attributeName()),
  );
  if (globals.tokenStdin && otherStdin)
    throw new UsageError(`option '${otherStdin.flags}' cannot be used with option '--token-stdin'`);
  const token = globals.tokenStdin
    ? await fromStdin('--token-stdin', process.stdin, stopSignal())
    : globals.token === undefined
      ? undefined
      : { value: globals.token, source: '--token' };
  // The spinner's library takes colour support from the environment only (FORCE_COLOR=0 wins over a terminal).
  if (!globals.color) process.env.FORCE_COLOR = '0';
  const url = globals.url === undefined ? undefined : { value: globals.url, source: '--url' };
  const settings = resolveSettings({ token, url }, process.env);
  const out = new Output({ ...globals, env: process.env, stdout: process.stdout, stderr: process.stderr });
  return {
    out,
    settings,
    signal: stopSignal(),
    async client() {
      if (!settings.token)
        throw new UsageError(
          'no API token: pass --token or set RICLOUD_TOKEN (`ricloud config init --token T` saves one)',
        );
      const { Client } = await import('../index');
      return new Client({
        token: settings.token.value,
        ...(settings.url ? { baseUrl: settings.url.value } : {}),
        // The command reports failures itself, in one line: the SDK logs only when RICLOUD_LOG asks, and to stderr.
        logger: stderrLogger(out),
        ...(globals.quiet || !process.env.RICLOUD_LOG ? { logLevel: 'off' as const } : {}),
      });
    },
  };
}

/** How the command line names the SDK's field: its flag, or the setting and where it came from (`--token`, a file). */
function nameOf(field: string, settings: Settings): string {
  if (field === 'options.baseUrl') return `API URL (from ${settings.url?.source})`;
  if (field === 'token') return `token (from ${settings.token?.source})`;
  return FLAG_OF_FIELD[field] ?? field;
}

/** The SDK's refusal of a value, told in the command line's terms: which flag, or where the API URL or token came from. */
function usageError(error: InvalidInputError, settings: Settings): UsageError {
  const reason = error.message.slice(error.field.length + 2);
  // An update with nothing to change: the SDK lists the fields it needs, the command line names their flags.
  if (error.field === 'params')
    return new UsageError(
      reason.replace(/\b\w+\b/g, (word) => (Object.hasOwn(FLAG_OF_FIELD, word) ? FLAG_OF_FIELD[word] : word) as string),
    );
  return new UsageError(`invalid ${nameOf(error.field, settings)}: ${reason}`);
}

/**
 * Wraps a command's work as a commander action: builds the context, and turns the SDK's input errors into usage
 * errors that name the flag. `work` gets the command's arguments and options as commander passes them.
 */
export function action<A extends unknown[]>(
  work: (ctx: Context, ...args: A) => Promise<void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const ctx = await createContext(args.at(-1) as Command);
    try {
      await work(ctx, ...(args.slice(0, -1) as A));
    } catch (error) {
      throw error instanceof InvalidInputError ? usageError(error, ctx.settings) : error;
    }
  };
}
