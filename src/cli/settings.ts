/**
 * Where the command's settings come from: flags first, then `RICLOUD_*` environment variables, then ricloud-py's
 * config files, `~/.ricloud.ini` and then the file `RICLOUD_CONF` names (a later file overrides an earlier one).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors';
import { parseIni, type Ini } from './ini';
import { fromSecretFile } from './secret-input';

/** A setting's value and where it came from: a flag (`--token`), a variable (`RICLOUD_TOKEN`) or a file path. */
export interface Setting {
  value: string;
  source: string;
}

/**
 * The settings a command may use. Each is absent when no flag, variable or file sets it. Each is worked out when
 * first read, so a config file is read only when a setting falls through to it.
 */
export interface Settings {
  readonly token?: Setting | undefined;
  readonly url?: Setting | undefined;
  /** The webhook secret for `event listen` (ricloud-py's `[webhooks] secret`). */
  readonly secret?: Setting | undefined;
  /** The config files that were found and read, in reading order. */
  readonly files: string[];
}

/** The environment the settings are read from. */
export type Env = Record<string, string | undefined>;

/** A config file ricloud-py reads, and what names it: `RICLOUD_CONF`, or nothing (the default file). */
export interface ConfigFile {
  path: string;
  /** How messages name where the path came from: `named by RICLOUD_CONF` or `the default file`. */
  origin: string;
}

/** The config files ricloud-py reads, in order: `~/.ricloud.ini`, then `RICLOUD_CONF` when set. */
export function configFiles(env: Env): ConfigFile[] {
  const home = { path: join(homedir(), '.ricloud.ini'), origin: 'the default file' };
  return env.RICLOUD_CONF ? [home, { path: env.RICLOUD_CONF, origin: 'named by RICLOUD_CONF' }] : [home];
}

/** The file `config init` writes: the one `RICLOUD_CONF` names, else `~/.ricloud.ini`. */
export function configTarget(env: Env): ConfigFile {
  return configFiles(env).at(-1) as ConfigFile;
}

/**
 * Reads an INI file; a missing file reads as nothing, as configparser does.
 * @throws UsageError naming the file and where its path came from, when it exists but cannot be read (a directory,
 * no permission).
 */
export function readIniFile(file: ConfigFile): Ini | undefined {
  try {
    return parseIni(readFileSync(file.path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the config file ${file.path} (${file.origin}): ${(error as Error).message}`);
  }
}

/** `make()`'s value, made on the first call only (a call that throws is not remembered). */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * Resolves the settings from flags, then the environment (`RICLOUD_TOKEN`, or the file `RICLOUD_TOKEN_FILE` names;
 * the same for `RICLOUD_SECRET`),
 * then the config files, each when first read. Values are trimmed (a token read from a file keeps its line break
 * otherwise), and empty ones count as unset, as in ricloud-py's packaged defaults (`token =`). Reading a setting (or
 * `files`) throws a `UsageError` when it falls through to a file that exists but cannot be read, or when both a
 * variable and its `_FILE` are set.
 */
export function resolveSettings(flags: { token?: Setting | undefined; url?: Setting | undefined }, env: Env): Settings {
  const files = configFiles(env).map((file) => ({ path: file.path, ini: once(() => readIniFile(file)) }));
  const trimmed = (value: string | undefined, source: string): Setting | undefined =>
    value?.trim() ? { value: value.trim(), source } : undefined;
  // A secret may come from the file a variable names (`RICLOUD_TOKEN_FILE`), which keeps it out of the environment.
  const fromEnvOrFiles = (
    variable: string,
    section: string,
    key: string,
    fileVariable?: string,
  ): Setting | undefined => {
    const named = fileVariable && env[fileVariable];
    if (env[variable] && named) throw new UsageError(`set ${variable} or ${fileVariable}, not both`);
    const fromEnv = trimmed(env[variable], variable) ?? (named ? fromSecretFile(fileVariable, named) : undefined);
    if (fromEnv) return fromEnv;
    // A later file overrides an earlier one, so it is read first; an earlier one only when the later one lacks the key.
    for (const { path, ini } of [...files].reverse()) {
      const value = trimmed(ini()?.[section]?.[key], path);
      if (value) return value;
    }
    return undefined;
  };
  const flag = (setting: Setting | undefined) => setting && trimmed(setting.value, setting.source);
  const token = once(() => flag(flags.token) ?? fromEnvOrFiles('RICLOUD_TOKEN', 'api', 'token', 'RICLOUD_TOKEN_FILE'));
  const url = once(() => flag(flags.url) ?? fromEnvOrFiles('RICLOUD_URL', 'api', 'url'));
  const secret = once(() => fromEnvOrFiles('RICLOUD_SECRET', 'webhooks', 'secret', 'RICLOUD_SECRET_FILE'));
  return {
    get token() {
      return token();
    },
    get url() {
      return url();
    },
    get secret() {
      return secret();
    },
    get files() {
      return files.filter((file) => file.ini()).map((file) => file.path);
    },
  };
}
