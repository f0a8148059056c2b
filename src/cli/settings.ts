/**
 * Where the command's settings come from: flags first, then `RICLOUD_*` environment variables, then ricloud-py's
 * config files, `~/.ricloud.ini` and then the file `RICLOUD_CONF` names (a later file overrides an earlier one).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFileBounded } from '../read-file';
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
 * first asked for, so a config file is read only when a setting falls through to it.
 */
export interface Settings {
  token(): Promise<Setting | undefined>;
  url(): Promise<Setting | undefined>;
  /** The webhook secret for `event listen` (ricloud-py's `[webhooks] secret`). */
  secret(): Promise<Setting | undefined>;
  /** The config files that were found and read, in reading order. */
  files(): Promise<string[]>;
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
function configFiles(env: Env): ConfigFile[] {
  const home = { path: join(homedir(), '.ricloud.ini'), origin: 'the default file' };
  return env.RICLOUD_CONF ? [home, { path: env.RICLOUD_CONF, origin: 'named by RICLOUD_CONF' }] : [home];
}

/** The file `config init` writes: the one `RICLOUD_CONF` names, else `~/.ricloud.ini`. */
export function configTarget(env: Env): ConfigFile {
  return configFiles(env).at(-1) as ConfigFile;
}

/** The most a config file may take, in bytes: ricloud-py's holds a few lines. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads an INI file, unless `stop` aborts first; a missing file reads as nothing, as configparser does.
 * @throws UsageError naming the file and where its path came from, when it exists but cannot be read (a directory,
 * no permission) or is too long; AbortError when `stop` aborts.
 */
export async function readIniFile(file: ConfigFile, stop: AbortSignal): Promise<Ini | undefined> {
  const what = `the config file ${file.path} (${file.origin})`;
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(file.path, MAX_CONFIG_BYTES, stop);
  } catch (error) {
    if (stop.aborted) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${what}: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_CONFIG_BYTES) throw new UsageError(`${what} holds more than ${MAX_CONFIG_BYTES} bytes`);
  return parseIni(bytes.toString('utf8'));
}

/** `make()`'s promise, made on the first call only. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/**
 * Resolves the settings from flags, then the environment (`RICLOUD_TOKEN`, or the file `RICLOUD_TOKEN_FILE` names;
 * the same for `RICLOUD_SECRET`), then the config files, each when first read; `stop` ends a file's read. Values are
 * trimmed (a token read from a file keeps its line break otherwise), and empty ones count as unset, as in ricloud-py's
 * packaged defaults (`token =`). Reading a setting (or `files`) rejects with a `UsageError` when it falls through to a
 * file that exists but cannot be read, or when both a variable and its `_FILE` are set.
 */
export function resolveSettings(
  flags: { token?: Setting | undefined; url?: Setting | undefined },
  env: Env,
  stop: AbortSignal,
): Settings {
  const files = configFiles(env).map((file) => ({ path: file.path, ini: once(() => readIniFile(file, stop)) }));
  const trimmed = (value: string | undefined, source: string): Setting | undefined =>
    value?.trim() ? { value: value.trim(), source } : undefined;
  // A secret may come from the file a variable names (`RICLOUD_TOKEN_FILE`), which keeps it out of the environment.
  const fromEnvOrFiles = async (
    variable: string,
    section: string,
    key: string,
    fileVariable?: string,
  ): Promise<Setting | undefined> => {
    const named = fileVariable && env[fileVariable];
    if (env[variable] && named) throw new UsageError(`set ${variable} or ${fileVariable}, not both`);
    const fromEnv =
      trimmed(env[variable], variable) ?? (named ? await fromSecretFile(fileVariable, named, stop) : undefined);
    if (fromEnv) return fromEnv;
    // A later file overrides an earlier one, so it is read first; an earlier one only when the later one lacks the key.
    for (const { path, ini } of [...files].reverse()) {
      const value = trimmed((await ini())?.[section]?.[key], path);
      if (value) return value;
    }
    return undefined;
  };
  const flag = (setting: Setting | undefined) => setting && trimmed(setting.value, setting.source);
  return {
    token: once(async () => flag(flags.token) ?? fromEnvOrFiles('RICLOUD_TOKEN', 'api', 'token', 'RICLOUD_TOKEN_FILE')),
    url: once(async () => flag(flags.url) ?? fromEnvOrFiles('RICLOUD_URL', 'api', 'url')),
    secret: once(() => fromEnvOrFiles('RICLOUD_SECRET', 'webhooks', 'secret', 'RICLOUD_SECRET_FILE')),
    async files() {
      const found: string[] = [];
      for (const file of files) if (await file.ini()) found.push(file.path);
      return found;
    },
  };
}
