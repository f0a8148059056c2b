/**
 * `readRicloudConfig`: the client options a machine set up for ricloud-py holds, for `configure()` or `new Client()`.
 */
import { inspect } from 'node:util';
import type { ClientOptions } from '../core/client-options';
import { abortError } from '../core/abort';
import { InvalidInputError } from '../core/errors';
import { checkBaseUrl, checkKeys, checkObject, checkRules, describe } from '../core/params';
import type { Rule } from '../core/rules';
import { MAX_RETRIES } from '../core/wire';
import { REDACTED } from '../core/redact';
import { pythonInt } from './python-int';
import { type Setting, settingName, settingReader } from './settings';

/** The client options ricloud-py's settings give: its `[api]` `token`, `url` and `max_retries`. */
export type RicloudConfig = Pick<ClientOptions, 'token' | 'baseUrl' | 'maxRetries'>;

const READ_OPTION_RULES: Record<string, Rule> = { signal: [(v) => v instanceof AbortSignal, 'an AbortSignal'] };

/**
 * Reads ricloud-py's settings as its `ricloud` command does, and as this SDK's does: each from its `RICLOUD_*`
 * variable (`RICLOUD_TOKEN`, or the file `RICLOUD_TOKEN_FILE` names; `RICLOUD_URL`; `RICLOUD_MAX_RETRIES`), else the
 * file `RICLOUD_CONF` names, else `~/.ricloud.ini`. Returns only the options set somewhere, for `configure()` or
 * `new Client()`; `util.inspect` and `JSON.stringify` show its token as `[redacted]`. A `max_retries` above 10, which
 * ricloud-py takes, gives `maxRetries: 10`, the most a client takes; nothing is printed. `options.signal` ends a read.
 * @throws InvalidInputError naming the variable or file when a file cannot be read, `max_retries` is not a whole
 *   number or the URL is not an http(s) URL, or naming `options` when they are not an object of known options;
 *   AbortError when `options.signal` aborts first.
 */
export async function readRicloudConfig(options: { signal?: AbortSignal } = {}): Promise<RicloudConfig> {
  const o = checkObject(options, 'options');
  checkKeys(o, Object.keys(READ_OPTION_RULES), 'an option of readRicloudConfig', 'options');
  checkRules(o, 'options', READ_OPTION_RULES);
  const { signal } = o as typeof options;
  const reader = settingReader(process.env, signal);
  try {
    const token = await reader.read('RICLOUD_TOKEN', 'api', 'token', 'RICLOUD_TOKEN_FILE');
    const url = await reader.read('RICLOUD_URL', 'api', 'url');
    const retries = await reader.read('RICLOUD_MAX_RETRIES', 'api', 'max_retries');
    const config: RicloudConfig = {};
    if (token) config.token = token.value;
    if (url) {
      checkBaseUrl(url.value, settingName(url, 'api', 'url'));
      config.baseUrl = url.value;
    }
    if (retries) config.maxRetries = maxRetriesOf(retriesAsked(retries));
    return hideToken(config);
  } catch (error) {
    if (signal?.aborted) throw abortError('reading the ricloud config', signal);
    throw error;
  }
}

/**
 * The retries ricloud-py's `max_retries` setting (`RICLOUD_MAX_RETRIES`, `[api] max_retries`) asks for, read as
 * ricloud-py reads it, with Python's `int()`, so a setting it takes is taken here: `+5`, ` 7 `, `1_0`.
 * @throws InvalidInputError naming the variable, or the file and key, when it is not a whole number 0 or more (`-1`,
 *   `1.5`, `0x10`, `1__0`).
 */
export function retriesAsked(setting: Setting): number {
  const asked = pythonInt(setting.value);
  if (asked === undefined || asked < 0)
    throw new InvalidInputError(
      settingName(setting, 'api', 'max_retries'),
      `must be a whole number, 0 or more (above ${MAX_RETRIES} counts as ${MAX_RETRIES}), ` +
        `got ${describe(setting.value)}`,
    );
  return asked;
}

/**
 * The retries a client sends when the `max_retries` setting asks for `asked` (`retriesAsked`): more than 10 gives 10
 * (`MAX_RETRIES`), the most a client takes, as ricloud-py takes any number and a file may be shared with it.
 */
export const maxRetriesOf = (asked: number): number => Math.min(asked, MAX_RETRIES);

/**
 * `config`, shown by `util.inspect` and `JSON.stringify` with its token as `[redacted]`; spread, it keeps the token.
 */
function hideToken(config: RicloudConfig): RicloudConfig {
  const shown = () => ({ ...config, ...(config.token ? { token: REDACTED } : {}) });
  // Not enumerable, so `new Client(config)` finds no unknown option and a spread copies the options alone.
  Object.defineProperty(config, 'toJSON', { value: shown });
  Object.defineProperty(config, inspect.custom, {
    value: (_depth: number, options: object, show: (value: unknown, options: object) => string) =>
      show(shown(), options),
  });
  return config;
}
