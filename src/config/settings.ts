/**
 * Where ricloud-py's settings come from, for `ricloud/node` and the command line alike: `RICLOUD_*` environment
 * variables first, then its config files, `~/.ricloud.ini` and then the file `RICLOUD_CONF` names (a later file
 * overrides an earlier one). Node-only.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../core/errors';
import { readFileBounded } from '../read-file';
import { type Ini, parseIni } from './ini';
import { fromSecretFile } from './secret-file';

/** A setting's value and where it came from: a flag (`--token`), a variable (`RICLOUD_TOKEN`) or a file path. */
export interface Setting {
  value: string;
  /** How messages name where it came from: the flag, the variable, or the path of the file it was read from. */
  source: string;
  /** The config file it was read from; absent for a flag, a variable or the file a variable names. */
  configFile?: ConfigFile;
}

/** The environment the settings are read from. */
export type Env = Record<string, string | undefined>;

/** A config file ricloud-py reads, and what names it: `RICLOUD_CONF`, or nothing (the default file). */
export interface ConfigFile {
  path: string;
  /** How messages name where the path came from: `named by RICLOUD_CONF` or `the default file`. */
  origin: string;
}

/**
 * The variable `name` of `env`, unless it is empty or only whitespace: such a variable counts as unset, as an empty
 * setting in ricloud-py's config file does (`token =`), `RICLOUD_URL=` as much as `RICLOUD_TOKEN=`.
 */
export const envValue = (env: Env, name: string): string | undefined => (env[name]?.trim() ? env[name] : undefined);

/** The config files ricloud-py reads, in order: `~/.ricloud.ini`, then `RICLOUD_CONF` when set. */
export function configFiles(env: Env): ConfigFile[] {
  const home = { path: join(homedir(), '.ricloud.ini'), origin: 'the default file' };
  const named = envValue(env, 'RICLOUD_CONF');
  return named ? [home, { path: named, origin: 'named by RICLOUD_CONF' }] : [home];
}

/** The file `config init` writes: the one `RICLOUD_CONF` names, else `~/.ricloud.ini`. */
export function configTarget(env: Env): ConfigFile {
  return configFiles(env).at(-1) as ConfigFile;
}

/** The most a config file may take, in bytes: ricloud-py's holds a few lines. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads a config file's text, unless `stop` aborts first; a missing file reads as nothing, as configparser does.
 * @throws InvalidInputError naming `RICLOUD_CONF` or `~/.ricloud.ini`, with the file and where its path came from in
 *   its message, when it exists but cannot be read (a directory, no permission), is too long or is not UTF-8 text (a
 *   NUL byte: UTF-16); AbortError when `stop` aborts.
 */
export async function readConfigText(file: ConfigFile, stop?: AbortSignal): Promise<string | undefined> {
  const what = `the config file ${file.path} (${file.origin})`;
  const field = file.origin === 'the default file' ? '~/.ricloud.ini' : 'RICLOUD_CONF';
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(file.path, MAX_CONFIG_BYTES, stop);
  } catch (error) {
    if (stop?.aborted) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InvalidInputError(field, `cannot read ${what}: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_CONFIG_BYTES)
    throw new InvalidInputError(field, `${what} holds more than ${MAX_CONFIG_BYTES} bytes`);
  // configparser reads UTF-8; a file saved as UTF-16 (Windows PowerShell 5's `>`) would read as no settings at all.
  if (bytes.includes(0)) throw new InvalidInputError(field, `${what} is not UTF-8 text (UTF-16?): save it as UTF-8`);
  return bytes.toString('utf8');
}

/** Reads an INI file as `readConfigText` does, and parses it. */
async function readIniFile(file: ConfigFile, stop?: AbortSignal): Promise<Ini | undefined> {
  const text = await readConfigText(file, stop);
  return text === undefined ? undefined : parseIni(text);
}

/** `make()`'s promise, made on the first call only. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/**
 * `value` trimmed, as a setting from `source`; an empty one counts as unset, as in ricloud-py's defaults (`token =`).
 */
export const trimmed = (value: string | undefined, source: string): Setting | undefined =>
  value?.trim() ? { value: value.trim(), source } : undefined;

/** How messages name where a setting came from: its file and `[section] key`, else its source (`RICLOUD_URL`). */
export const settingName = (setting: Setting, section: string, key: string): string =>
  setting.configFile ? `${setting.source} [${section}] ${key}` : setting.source;

/** Reads ricloud-py's settings: each from its variable, else the file its `_FILE` variable names, else the files. */
export interface SettingReader {
  /**
   * The setting `variable` (`RICLOUD_TOKEN`), else the file `fileVariable` names (`RICLOUD_TOKEN_FILE`), else `key` in
   * `[section]` of the config files.
   * @throws InvalidInputError when both `variable` and `fileVariable` are set, or a file it falls through to exists
   *   but cannot be read.
   */
  read(variable: string, section: string, key: string, fileVariable?: string): Promise<Setting | undefined>;
  /** The config files that were found and read, in reading order. */
  files(): Promise<string[]>;
}

/** A reader of the settings in `env` and the config files, each file read when first needed; `stop` ends a read. */
export function settingReader(env: Env, stop?: AbortSignal): SettingReader {
  const files = configFiles(env).map((file) => ({ file, ini: once(() => readIniFile(file, stop)) }));
  return {
    async read(variable, section, key, fileVariable) {
      // A secret may come from the file a variable names (`RICLOUD_TOKEN_FILE`), which keeps it out of the environment.
      const named = fileVariable && envValue(env, fileVariable);
      const given = trimmed(env[variable], variable);
      if (given && named) throw new InvalidInputError(variable, `set ${variable} or ${fileVariable}, not both`);
      const fromEnv = given ?? (named ? await fromSecretFile(fileVariable, named, stop) : undefined);
      if (fromEnv) return fromEnv;
      // A later file overrides an earlier one, so it is read first; an earlier one only if the later one lacks the key.
      for (const { file, ini } of [...files].reverse()) {
        // configparser's `[DEFAULT]` section gives every section the keys it lacks.
        const sections = await ini();
        const value = trimmed(sections?.[section]?.[key] ?? sections?.DEFAULT?.[key], file.path);
        if (value) return { ...value, configFile: file };
      }
      return undefined;
    },
    async files() {
      const found: string[] = [];
      for (const { file, ini } of files) if (await ini()) found.push(file.path);
      return found;
    },
  };
}
