/**
 * A client's transport: its one ky instance (base URL, auth and default headers) and the settings calls fall back on.
 */
import ky, { type KyInstance } from 'ky';
import type { Fetch } from './client-options';
import { levelled, type Logger, type LogLevel } from './log';
import type { Hooks } from './options';
import type { Validation } from './parse';
import { tokenRedactor } from './redact';

/** What a client hands to each call: its ky instance, its settings (but the token) and its hooks. */
export interface Transport extends Hooks {
  ky: KyInstance;
  /** The caller's `fetch`; unset means the global one, looked up at each call (so test interceptors apply). */
  fetch?: Fetch | undefined;
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
  /** Hides the client's token only, where a call's `redact` may hide its payload's secrets too. */
  redactToken: (text: string) => string;
  /** Hides the client's token and `secrets` (a call's payload) longest first: one inside another leaves none of it. */
  redactWith: (secrets: string[]) => (text: string) => string;
}

/** A client's checked settings, from which its transport is built with the first request. */
export interface TransportSettings extends Hooks {
  baseUrl: string;
  token: string;
  /** Every request's headers: authorization, accept, user agent and the client's own. */
  headers: Headers;
  timeout: number;
  deadline?: number | undefined;
  maxRetries: number;
  maxResponseBytes: number;
  fetch?: Fetch | undefined;
  logger: Logger;
  logLevel: LogLevel;
  validate: Validation;
}

/** Builds a client's transport. */
export function createTransport(settings: TransportSettings): Transport {
  const { token, baseUrl, headers, logger, logLevel, ...rest } = settings;
  const redact = tokenRedactor(token);
  return {
    ...rest,
    ky: ky.create({ prefixUrl: baseUrl, headers, redirect: 'manual' }),
    log: levelled(logger, logLevel),
    debug: logLevel === 'debug',
    redact,
    redactToken: redact,
    // A call that sends no secret hides with the client's own redactor, built once.
    redactWith: (secrets) => (secrets.length ? tokenRedactor(token, ...secrets) : redact),
  };
}
