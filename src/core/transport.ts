/** A client's transport: its one ky instance (base URL, auth and default headers) and the settings calls fall back on. */
import ky, { type KyInstance } from 'ky';
import { InvalidInputError } from './errors';
import { levelled, type Logger, type LogLevel } from './log';
import type { Hooks } from './options';
import type { Validation } from './parse';
import { tokenRedactor } from './redact';
import { userAgent } from './user-agent';

/** What a client hands to each call: its ky instance, its settings (but the token) and its hooks. */
export interface Transport extends Hooks {
  ky: KyInstance;
  /** The caller's `fetch`; unset means the global one, looked up at each call (so test interceptors apply). */
  fetch?: typeof fetch | undefined;
  timeout: number;
  deadline?: number | undefined;
  maxRetries: number;
  /** Largest response body read, in bytes after decompression. */
  maxResponseBytes: number;
  log: ReturnType<typeof levelled>;
  /** Whether debug lines are written: they are built only then. */
  debug: boolean;
  validate: Validation;
  /** Hides the client's token in server text that errors keep: a server may echo it back in a message. */
  redact: (text: string) => string;
}

/** Settings for `createTransport`. */
export interface TransportSettings extends Hooks {
  baseUrl: string;
  token: string;
  timeout: number;
  deadline?: number | undefined;
  maxRetries: number;
  maxResponseBytes: number;
  headers?: Record<string, string> | undefined;
  fetch?: typeof fetch | undefined;
  logger: Logger;
  logLevel: LogLevel;
  validate: Validation;
}

/**
 * Builds a client's transport.
 * @throws InvalidInputError when the token cannot be sent in an HTTP header.
 */
export function createTransport(settings: TransportSettings): Transport {
  const { token, baseUrl, headers: extra, logger, logLevel, ...rest } = settings;
  // Set one by one, so names match whatever their case: the caller's headers may replace the user agent, never the token.
  const agent = userAgent();
  const headers = new Headers(agent ? { 'user-agent': agent } : {});
  for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  try {
    headers.set('authorization', `Token ${token}`);
  } catch {
    // Headers' own TypeError would quote the token.
    throw new InvalidInputError(
      'token',
      'cannot be sent in an HTTP header: it has a line break or a character outside Latin-1',
    );
  }
  headers.set('accept', 'application/json');
  return {
    ...rest,
    ky: ky.create({ prefixUrl: baseUrl, headers, redirect: 'manual' }),
    log: levelled(logger, logLevel),
    debug: logLevel === 'debug',
    redact: tokenRedactor(token),
  };
}
