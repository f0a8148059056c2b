/** What a command's work receives: where to print, the settings, the stop signal and an API client. */
import type { Command } from 'commander';
import { format } from 'node:util';
import { maxRetriesOf, retriesAsked } from '../config/read-config';
import { envValue, once, settingName } from '../config/settings';
import type { Client, Logger, LogLevel } from '../index';
import { alternatives, DEFAULT_BASE_URL, InvalidInputError, LOG_LEVELS } from './sdk';
import { refuseEmpty, UsageError } from './errors';
import { readGlobalOptions } from './globals';
import { Output } from './output';
import { fromStdin } from './secret-input';
import { resolveSettings, type Settings } from './settings';
import { stopAfter, stopSignal } from './stop';

/** One run's context. */
export interface Context {
  readonly out: Output;
  readonly settings: Settings;
  /** Aborts on Ctrl-C or SIGTERM; pass it to every API call. */
  readonly signal: AbortSignal;
  /**
   * An API client built from the settings. The SDK is loaded here, so `--help` and `mock` never load it.
   * @throws UsageError when no token is set or `RICLOUD_LOG` is no log level; InvalidInputError when the API URL is not
   *   an http(s) URL.
   */
  client(): Promise<Client>;
  /**
   * How often a failed request is sent again, from the settings (absent when none sets it). A value above 10, which
   * ricloud-py takes, is used as 10 and said once on stderr.
   * @throws InvalidInputError naming the setting when it is not a whole number.
   */
  maxRetries(): Promise<number | undefined>;
}

// How the SDK's `InvalidInputError.field` names read on the command line. A file's `path` is named by the command
// that reads or writes it (see `namingFlag`): `--credentials-path`, `--output`.
const FLAG_OF_FIELD: Record<string, string> = {
  id: 'ID',
  url: '--url',
  credentials: '--credentials-path',
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
  key: '--key',
  session: '--session',
  source: '--source',
  subscription: '--subscription',
  requestor: '--requestor',
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
 * @throws UsageError when `--token` or `--url` is empty, `--token-stdin` comes with `--token` or another flag that
 *   reads stdin, or stdin holds no token.
 */
async function createContext(command: Command): Promise<Context> {
  const globals = readGlobalOptions(command);
  // Started first, so it bounds the reads of stdin and the config files too.
  if (globals.timeout !== undefined) stopAfter(globals.timeout);
  refuseEmpty('--token', globals.token);
  refuseEmpty('--url', globals.url);
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
    ? await fromStdin('--token-stdin', 'API token', process.stdin, stopSignal())
    : globals.token === undefined
      ? undefined
      : { value: globals.token, source: '--token' };
  // The spinner's library takes colour support from the environment only (FORCE_COLOR=0 wins over a terminal).
  if (!globals.color) process.env.FORCE_COLOR = '0';
  const url = globals.url === undefined ? undefined : { value: globals.url, source: '--url' };
  const signal = stopSignal();
  const settings = resolveSettings({ token, url }, process.env, signal);
  const out = new Output({ ...globals, env: process.env, stdout: process.stdout, stderr: process.stderr });
  const maxRetries = once(async () => {
    const setting = await settings.maxRetries();
    if (!setting) return undefined;
    const asked = retriesAsked(setting);
    const retries = maxRetriesOf(asked);
    // A warning, so even --quiet shows it: the run sends fewer retries than the setting asks for.
    if (retries !== asked)
      out.warn(
        `warning: ${settingName(setting, 'api', 'max_retries')} is ${setting.value}; ` +
          `using ${retries}, the most retries this client sends`,
      );
    return retries;
  });
  return {
    out,
    settings,
    signal,
    maxRetries,
    async client() {
      const level = envValue(process.env, 'RICLOUD_LOG')?.trim();
      // The SDK ignores a level it does not know; asked for on the command line, a misspelt one is said so.
      if (level && !(LOG_LEVELS as readonly string[]).includes(level))
        throw new UsageError(`RICLOUD_LOG=${level} is not a log level: use ${alternatives([...LOG_LEVELS])}`);
      const [apiToken, apiUrl] = [await settings.token(), await settings.url()];
      if (!apiToken)
        throw new UsageError(
          'no API token: pass --token or set RICLOUD_TOKEN (`ricloud config init --token T` saves one)',
        );
      const retries = await maxRetries();
      const { Client } = await import('../index');
      // Every option is given, so the Client reads no variable itself: an empty one counts as unset here.
      return new Client({
        token: apiToken.value,
        baseUrl: apiUrl?.value ?? DEFAULT_BASE_URL,
        ...(retries === undefined ? {} : { maxRetries: retries }),
        // The command reports failures itself, in one line: the SDK logs only when RICLOUD_LOG asks, and to stderr.
        logger: stderrLogger(out),
        logLevel: globals.quiet || !level ? 'off' : (level as LogLevel),
      });
    },
  };
}

/** How the command line names the SDK's field: its flag, or the setting and where it came from (`--token`, a file). */
async function nameOf(field: string, settings: Settings): Promise<string> {
  if (field === 'options.baseUrl') return `API URL (from ${(await settings.url())?.source})`;
  if (field === 'token') return `token (from ${(await settings.token())?.source})`;
  // An item of a list the SDK numbers from 0 (`ids[1]`): its flag or argument, numbered as the user counts.
  const [, list, at] = /^(.+)\[(\d+)\]$/.exec(field) ?? [];
  if (list && at) return `${FLAG_OF_FIELD[list] ?? list} #${Number(at) + 1}`;
  // A field of the credentials file, as the file names it.
  if (field.startsWith('credentials.')) return `--credentials-path field ${field.slice('credentials.'.length)}`;
  return FLAG_OF_FIELD[field] ?? field;
}

/** The SDK's reason, without the field name its message starts with. */
const reasonOf = (error: InvalidInputError): string => error.message.slice(error.field.length + 2);

/**
 * The SDK's refusal of a value, told in the command line's terms: which flag, or where the API URL or token came from.
 */
async function usageError(error: InvalidInputError, settings: Settings): Promise<UsageError> {
  // An update with nothing to change: the command line names the flags of the fields the SDK needs one of.
  if (error.needs)
    return new UsageError(`an update needs ${alternatives(error.needs.map((f) => FLAG_OF_FIELD[f] ?? f))}`);
  // A reason that names another field (`must be after date_start`) names its flag too.
  const reason = reasonOf(error).replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (field) => FLAG_OF_FIELD[field] ?? field);
  return new UsageError(`invalid ${await nameOf(error.field, settings)}: ${reason}`);
}

/**
 * Runs `work`, naming the SDK's `field` as `flag` when it refuses it: a file's `path` is the flag of the command that
 * gave it.
 * @throws UsageError naming `flag` for an InvalidInputError of `field`; whatever else `work` throws.
 */
export async function namingFlag<T>(field: string, flag: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InvalidInputError && error.field === field)
      throw new UsageError(`invalid ${flag}: ${reasonOf(error)}`);
    throw error;
  }
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
      throw error instanceof InvalidInputError ? await usageError(error, ctx.settings) : error;
    }
  };
}
