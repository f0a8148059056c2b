/** Parsers that turn option text into values; a bad value is a usage error that names the option. */
import { InvalidArgumentError } from 'commander';
import { MAX_TIMER_MS } from './sdk';

/** A whole number. */
export function integer(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw new InvalidArgumentError('Not a whole number.');
  return value;
}

/** A TCP port, 0 (any free port) to 65535. */
export function port(text: string): number {
  const value = integer(text);
  if (value < 0 || value > 65_535) throw new InvalidArgumentError('Not a port (0 to 65535).');
  return value;
}

/** The longest wait, in whole seconds: the SDK takes waits in milliseconds, up to the timer's ceiling (about 24 days). */
export const MAX_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** A positive number of seconds, up to `MAX_SECONDS`. */
export function seconds(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > MAX_SECONDS) {
    throw new InvalidArgumentError(`Not a positive number of seconds up to ${MAX_SECONDS}.`);
  }
  return value;
}

/**
 * ISO 8601 as the list filters take it: a date (`2025-01-31`, midnight UTC), or a date and time with `Z` or an offset
 * (`2025-01-31T12:00Z`, `2025-01-31T12:00:00.5+01:00`). A time without a zone is refused: read as local time, it
 * would mean something else on each machine.
 */
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d))?$/;

/** True when `day` (`YYYY-MM-DD`) is on the calendar: no 2025-02-30. */
function onCalendar(day: string): boolean {
  const date = new Date(day);
  // An impossible day rolls over to the next month, or is no date at all.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** A point in time in ISO 8601: a date, or a date and time with its zone (see `ISO_8601`). Returned as given. */
export function isoTime(text: string): string {
  const day = ISO_8601.exec(text)?.[1];
  if (!day || !onCalendar(day)) throw new InvalidArgumentError('Not an ISO 8601 date (2025-01-31) or time with a zone (2025-01-31T12:00:00Z, or an offset such as +01:00).');
  return text;
}

/** A comma-separated list, e.g. of event slugs (`webhook_config.test,task.succeeded`). */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
