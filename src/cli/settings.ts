/**
 * Where the command's settings come from: flags first, then what `ricloud/node` reads too (`../config/settings`):
 * `RICLOUD_*` environment variables, then ricloud-py's config files.
 */
import { once, type Setting, settingReader, trimmed } from '../config/settings';
import { asUsage } from './errors';

export type { Env, Setting } from '../config/settings';

/**
 * The settings a command may use. Each is absent when no flag, variable or file sets it. Each is worked out when
 * first asked for, so a config file is read only when a setting falls through to it.
 */
export interface Settings {
  token(): Promise<Setting | undefined>;
  url(): Promise<Setting | undefined>;
  /**
   * How often a failed request is sent again: `RICLOUD_MAX_RETRIES`, else ricloud-py's `[api] max_retries` when the
   * token or URL comes from a config file.
   */
  maxRetries(): Promise<Setting | undefined>;
  /** The webhook secret for `event listen` (ricloud-py's `[webhooks] secret`). */
  secret(): Promise<Setting | undefined>;
  /** The signature tolerance in seconds for `event listen` (ricloud-py's `[webhooks] delta`). */
  tolerance(): Promise<Setting | undefined>;
  /** The config files that were found and read, in reading order. */
  files(): Promise<string[]>;
}

/** `read()`'s promise, made on the first call only, its refusal told as a usage error. */
const usage = <T>(read: () => Promise<T>): (() => Promise<T>) =>
  once(() => read().catch((error: unknown) => Promise.reject(asUsage(error))));

/**
 * Resolves the settings from flags, then the environment (`RICLOUD_TOKEN`, or the file `RICLOUD_TOKEN_FILE` names;
 * the same for `RICLOUD_SECRET`), then the config files, each when first read; `stop` ends a file's read. Values are
 * trimmed (a token read from a file keeps its line break otherwise), and empty ones count as unset, as in ricloud-py's
 * packaged defaults (`token =`). Reading a setting (or `files`) rejects with a `UsageError` when it falls through to a
 * file that exists but cannot be read, or when both a variable and its `_FILE` are set.
 */
export function resolveSettings(
  flags: { token?: Setting | undefined; url?: Setting | undefined },
  env: Record<string, string | undefined>,
  stop: AbortSignal,
): Settings {
  const reader = settingReader(env, stop);
  const flag = (setting: Setting | undefined) => setting && trimmed(setting.value, setting.source);
  const token = usage(
    async () => flag(flags.token) ?? reader.read('RICLOUD_TOKEN', 'api', 'token', 'RICLOUD_TOKEN_FILE'),
  );
  const url = usage(async () => flag(flags.url) ?? reader.read('RICLOUD_URL', 'api', 'url'));
  return {
    token,
    url,
    // It has a default, so the files are read for it only when they are for the token or URL: a run set up without
    // them is not failed by a file that cannot be read.
    maxRetries: usage(
      async () =>
        trimmed(env.RICLOUD_MAX_RETRIES, 'RICLOUD_MAX_RETRIES') ??
        ((await token())?.configFile || (await url())?.configFile
          ? reader.read('RICLOUD_MAX_RETRIES', 'api', 'max_retries')
          : undefined),
    ),
    secret: usage(() => reader.read('RICLOUD_SECRET', 'webhooks', 'secret', 'RICLOUD_SECRET_FILE')),
    tolerance: usage(() => reader.read('RICLOUD_DELTA', 'webhooks', 'delta')),
    files: usage(() => reader.files()),
  };
}
