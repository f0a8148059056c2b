/**
 * Where the command's settings come from: flags first, then `RICLOUD_*` environment variables, then ricloud-py's
 * config files, `~/.ricloud.ini` and then the file `RICLOUD_CONF` names (a later file overrides an earlier one).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseIni, type Ini } from './ini';

/** A setting's value and where it came from: a flag (`--token`), a variable (`RICLOUD_TOKEN`) or a file path. */
export interface Setting {
  value: string;
  source: string;
}

/** The settings a command may use. Each is absent when no flag, variable or file sets it. */
export interface Settings {
  token?: Setting | undefined;
  url?: Setting | undefined;
  /** The webhook secret for `event listen` (ricloud-py's `[webhooks] secret`). */
  secret?: Setting | undefined;
  /** The config files that were found and read, in reading order. */
  files: string[];
}

/** The environment the settings are read from. */
export type Env = Record<string, string | undefined>;

/** The config files ricloud-py reads, in order: `~/.ricloud.ini`, then `RICLOUD_CONF` when set. */
export function configFiles(env: Env): string[] {
  const home = join(homedir(), '.ricloud.ini');
  return env.RICLOUD_CONF ? [home, env.RICLOUD_CONF] : [home];
}

/** The file `config init` writes: the one `RICLOUD_CONF` names, else `~/.ricloud.ini`. */
export function configTarget(env: Env): string {
  return configFiles(env).at(-1) as string;
}

/** Reads an INI file; a missing file reads as nothing, as configparser does. */
export function readIniFile(path: string): Ini | undefined {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Resolves the settings from flags, then the environment, then the config files. Empty values count as unset,
 * as in ricloud-py's packaged defaults (`token =`).
 * @throws the file system's error when a config file exists but cannot be read.
 */
export function resolveSettings(flags: { token?: string | undefined; url?: string | undefined }, env: Env): Settings {
  const files = configFiles(env).flatMap((path) => {
    const ini = readIniFile(path);
    return ini ? [{ path, ini }] : [];
  });
  const fromFlag = (value: string | undefined, flag: string): Setting | undefined => (value ? { value, source: flag } : undefined);
  const fromEnvOrFiles = (variable: string, section: string, key: string): Setting | undefined => {
    const fromEnv = env[variable];
    if (fromEnv) return { value: fromEnv, source: variable };
    // A later file overrides an earlier one.
    for (const { path, ini } of [...files].reverse()) {
      const value = ini[section]?.[key];
      if (value) return { value, source: path };
    }
    return undefined;
  };
  return {
    token: fromFlag(flags.token, '--token') ?? fromEnvOrFiles('RICLOUD_TOKEN', 'api', 'token'),
    url: fromFlag(flags.url, '--url') ?? fromEnvOrFiles('RICLOUD_URL', 'api', 'url'),
    secret: fromEnvOrFiles('RICLOUD_SECRET', 'webhooks', 'secret'),
    files: files.map((file) => file.path),
  };
}
