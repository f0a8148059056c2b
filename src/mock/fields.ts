/** Readers of the body fields of the data flow's endpoints: each refuses a bad value with 400 naming the field. */
import { readInstant } from './dates';
import { invalidParameter } from './respond';

/** A required string that is not blank. */
export function readText(value: unknown, field: string): string {
  if (value === undefined || value === null) throw invalidParameter(field, 'This field is required.');
  if (typeof value !== 'string' || value.trim() === '') throw invalidParameter(field, 'Enter a non-empty string.');
  return value;
}

/** An optional string: undefined when absent. */
export const readOptionalText = (value: unknown, field: string): string | undefined =>
  value === undefined ? undefined : readText(value, field);

/** A list of non-empty strings, each once (a name sent twice is read once); `[]` when absent. */
export function readNames(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && name.trim() !== ''))
    throw invalidParameter(field, 'Send a list of names.');
  // A list asks for each name once, as a set would: a name sent twice makes one task.
  return [...new Set(value as string[])];
}

/** A JSON object, e.g. a `payload`; `{}` when absent. */
export function readFields(value: unknown, field: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(field, 'Send a JSON object.');
  return value as Record<string, unknown>;
}

/** One of `allowed`. */
export function readChoice<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (!(allowed as readonly unknown[]).includes(value))
    throw invalidParameter(field, `Choose one of ${allowed.join(', ')}.`);
  return value as T;
}

/** The id of an item of `map` that the organisation owns (a resource's id, as ricloud-py sends a resource). */
export function readRef<T extends { organisation?: unknown }>(
  map: Map<string, T>,
  value: unknown,
  field: string,
  organisation: string,
): T {
  const item = typeof value === 'string' ? map.get(value) : undefined;
  if (!item || item.organisation !== organisation)
    throw invalidParameter(field, 'No such object in this organisation.');
  return item;
}

/**
 * An ISO 8601 date and time read as the date filters read it (a naive time is UTC, not the mock's local time), as
 * written back by the API (UTC, to the millisecond); undefined when absent.
 */
export function readDate(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  return `${readInstant(typeof value === 'string' ? value : '', field).slice(0, 23)}Z`;
}
