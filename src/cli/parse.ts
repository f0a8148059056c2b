/** Parsers that turn option text into values; a bad value is a usage error that names the option. */
import { InvalidArgumentError } from 'commander';
import { MAX_TIMER_MS, parseIsoInstant } from './sdk';

// Decimal digits only: `Number` would also read `0x10`, `0o17`, `0b1` and `1e3`, which no one means as a count.
const WHOLE = /^\s*[-+]?\d+\s*$/;
const DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/;

/** A whole number, in decimal digits, that a number holds exactly (past 2^53, `Number` would round what was typed). */
export function integer(text: string): number {
  if (!WHOLE.test(text)) throw new InvalidArgumentError('Not a whole number.');
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new InvalidArgumentError(`Not a whole number within ±${Number.MAX_SAFE_INTEGER}.`);
  return value;
}

/** A TCP port, 0 (any free port) to 65535. */
export function port(text: string): number {
  const value = integer(text);
  if (value < 0 || value > 65_535) throw new InvalidArgumentError('Not a port (0 to 65535).');
  return value;
}

/**
 * The longest wait, in whole seconds: the SDK takes waits in milliseconds, up to the timer's ceiling (about 24 days).
 */
const MAX_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** A whole number of bytes, from 0 to what a number counts exactly. */
export function bytes(text: string): number {
  const value = integer(text);
  if (value < 0) throw new InvalidArgumentError('Not a whole number of bytes.');
  return value;
}

/** The mock's time scale: milliseconds per second, above 0 and up to 1000000. */
export function scale(text: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text) || value <= 0 || value > 1_000_000)
    throw new InvalidArgumentError('Not a number of milliseconds above 0, up to 1000000.');
  return value;
}

/** A positive number of seconds, up to `MAX_SECONDS`. */
export function seconds(text: string): number {
  const value = Number(text);
  if (!DECIMAL.test(text) || value <= 0 || value > MAX_SECONDS) {
    throw new InvalidArgumentError(`Not a positive number of seconds up to ${MAX_SECONDS}.`);
  }
  return value;
}

/** A signature tolerance: a number of seconds from 0 (which turns the check off), as ricloud-py's `delta`. */
export function tolerance(text: string): number {
  // Decimal digits only: `Number` would also read `0x1F` and `1e3`, which ricloud-py's `delta` refuses.
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text))
    throw new InvalidArgumentError('Not a number of seconds, 0 or more (0 turns the check off).');
  return Number(text);
}

/**
 * A point in time in ISO 8601 as the SDK's datetime filters take it: a date, or a date and time with its zone. Returned
 * as given.
 */
export function isoTime(text: string): string {
  if (!parseIsoInstant(text))
    throw new InvalidArgumentError(
      'Not an ISO 8601 date (2025-01-31) or time with a zone (2025-01-31T12:00:00Z, or an offset such as +01:00).',
    );
  return text;
}

/** A comma-separated list, e.g. of event slugs (`webhook_config.test,task.succeeded`). */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Event slugs, comma-separated (`list`), at least one: an `--only` that names none would print no event at all. */
export function slugs(text: string): string[] {
  const items = list(text);
  if (items.length === 0)
    throw new InvalidArgumentError('Names no event: give slugs such as webhook_config.test, or leave the flag out.');
  return items;
}
