/** Exit codes, the errors only the command raises, and the one line on stderr that reports a failure. */
import { CommanderError } from 'commander';
import { escapeControls } from './escape';
import {
  AuthenticationError,
  ConnectionError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  RequestError,
  RicloudError,
  TimeoutError,
} from './sdk';

/** The command's exit codes (a run stopped by a signal exits with `SIGNAL_EXIT_CODES`). */
const EXIT_CODES = {
  ok: 0,
  /** The API refused or failed for another reason below (a 400, 409, 429 or 5xx, an unreadable answer). */
  failure: 1,
  /** An unknown flag, a missing argument or an invalid value. */
  usage: 2,
  /**
   * A waited task ended `failed` or `suspended`, a config `invalid`, a session not `active`, or a poll with such tasks.
   */
  unsuccessful: 3,
  /** A wait, or the whole run (the global `--timeout`), ran out of time before the work ended. */
  timedOut: 4,
  /** The API refused the token (401) or what it may do (403): retrying will not help, another token may. */
  auth: 5,
  /** The API has no such resource (404): a script may create it, or stop. */
  notFound: 6,
  /** No answer came: the connection failed or a request timed out. The API may be back soon: a retry may work. */
  network: 7,
} as const;

/**
 * 128 + the signal's number, as shells report a process the signal stopped. SIGPIPE stands for a reader that went
 * away (`ricloud … | head -1`): git and coreutils exit 141 there too. SIGHUP comes when the terminal closes.
 */
export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGPIPE: 141, SIGTERM: 143 } as const;

/** The signals that stop the command. */
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * The command line asks for something impossible: a missing token, a refused overwrite, a bad value (the SDK's
 * `InvalidInputError`, which `action()` turns into this). Exit 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * `error` as the command line tells it: the settings readers it shares with `ricloud/node` refuse a variable or config
 * file with an InvalidInputError, whose message names it already; any other error stays as it is.
 */
export function asUsage(error: unknown): unknown {
  return error instanceof InvalidInputError ? new UsageError(error.message.slice(error.field.length + 2)) : error;
}

/**
 * Refuses a flag given empty (`--token "$UNSET"`): it would fall through to another setting, perhaps another account's.
 * @throws UsageError naming `flag`.
 */
export function refuseEmpty(flag: string, value: string | undefined): void {
  if (value?.trim() === '')
    throw new UsageError(`${flag} is ${value ? 'only whitespace' : 'empty'}: give it a value, or leave it out`);
}

/**
 * The waited work ended, but badly: a task not `succeeded`, an `invalid` config, a session not `active`, a poll with
 * such tasks. Exit 3.
 */
export class Unsuccessful extends Error {
  override name = 'Unsuccessful';
}

/** A wait ran out of time before the work ended: it may still be running, and a new wait may see it end. Exit 4. */
export class WaitTimedOut extends Error {
  override name = 'WaitTimedOut';
}

/**
 * stdout or stderr could not be written, for another reason than a reader that went away (a full disk: ENOSPC).
 * It stops the run as a signal does, and exits 1.
 */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** The run reached the global `--timeout` before it ended. It stops the run as a signal does, and exits 4. */
export class RunTimedOut extends Error {
  override name = 'RunTimedOut';
}

/**
 * True when the run ended because it was stopped: cleanly, with the AbortError that stopping caused, or with the stop's
 * own reason (`signal.throwIfAborted()` throws it: the signal's name).
 */
function stoppedEarly(error: unknown, stop: AbortSignal): boolean {
  return (
    stop.aborted &&
    (error === undefined || error === stop.reason || (error instanceof Error && error.name === 'AbortError'))
  );
}

/** The exit code of a run stopped for `reason`: 1 for an output that failed, 4 at `--timeout`, else the signal's. */
function stopExitCode(reason: unknown): number {
  if (reason instanceof OutputError) return EXIT_CODES.failure;
  if (reason instanceof RunTimedOut) return EXIT_CODES.timedOut;
  return SIGNAL_EXIT_CODES[reason as StopSignal];
}

/**
 * The exit code of a run that threw `error` (undefined when it did not, help and --version included: commander's
 * error of code 0 is no failure). A run stopped by SIGINT, SIGTERM or a closed stdout (SIGPIPE) exits with the
 * signal's code, one stopped by an `OutputError` exits 1 and one stopped at `--timeout` 4, unless its cleanup failed
 * for another reason. An API failure exits 5 (the token refused), 6 (not found), 7 (no answer) or 1 (any other).
 */
export function exitCode(error: unknown, stop: AbortSignal): number {
  if (error instanceof CommanderError) return EXIT_CODES.usage;
  if (stoppedEarly(error, stop)) return stopExitCode(stop.reason);
  if (error === undefined) return EXIT_CODES.ok;
  if (error instanceof UsageError) return EXIT_CODES.usage;
  if (error instanceof Unsuccessful) return EXIT_CODES.unsuccessful;
  if (error instanceof WaitTimedOut) return EXIT_CODES.timedOut;
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) return EXIT_CODES.auth;
  if (error instanceof NotFoundError) return EXIT_CODES.notFound;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return EXIT_CODES.network;
  return EXIT_CODES.failure;
}

/**
 * The line that reports `error` (undefined when the run threw nothing) on stderr, or undefined when there is nothing
 * to add (commander has already printed its own usage errors; an interrupted run needs no message, but one stopped
 * by an `OutputError` or at `--timeout` reports it, and one that cut a request the server may have applied warns of
 * it). API errors name the status and the API's error code, which the SDK puts in its messages, and the request id for
 * support.
 */
export function errorLine(error: unknown, stop: AbortSignal): string | undefined {
  const line = unescapedLine(error, stop);
  // The message may quote the server (its error text, a task's error, the request id): one line, shown as text.
  return line === undefined ? undefined : escapeControls(line);
}

/**
 * What an `invalid-parameter` answer says of each parameter (its `params`, redacted by the SDK), for the error line:
 * `; interval: Enter a whole number…`, so the user knows what to change. Params of another shape are shown as JSON.
 */
function detailOf(error: RicloudError): string {
  const params = error instanceof RequestError ? error.params : undefined;
  if (params == null) return '';
  if (typeof params !== 'object' || Array.isArray(params)) return `; ${JSON.stringify(params)}`;
  const reason = (value: unknown) =>
    typeof value === 'string'
      ? value
      : Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value.join(' ')
        : JSON.stringify(value);
  return Object.entries(params)
    .map(([name, value]) => `; ${name}: ${reason(value)}`)
    .join('');
}

function unescapedLine(error: unknown, stop: AbortSignal): string | undefined {
  if (error instanceof CommanderError) return undefined;
  if (stoppedEarly(error, stop)) {
    if (stop.reason instanceof OutputError) return `error: ${stop.reason.message}`;
    // What was cut, when a call was: a create cut there may still have been applied.
    if (stop.reason instanceof RunTimedOut)
      return `error: ${stop.reason.message}${error instanceof RicloudError ? `: ${error.message}` : ''}`;
    // Stopped quietly, unless the stop cut a request the server may still have carried out.
    return error instanceof RicloudError && error.mayHaveSucceeded ? `warning: ${error.message}` : undefined;
  }
  if (error === undefined) return undefined;
  if (error instanceof RicloudError) {
    const id = error.request?.requestId;
    return `error: ${error.message}${detailOf(error)}${id ? ` [request ${id}]` : ''}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
