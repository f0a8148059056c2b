import * as z from 'zod/mini';
import { ResponseValidationError, type RequestInfo } from './errors';
import { redactText } from './redact';

/**
 * A string the API documents with a fixed set of values, typed as that set, but accepting any string at run time:
 * the API may add a state, and a read must not crash because of it.
 */
export function openEnum<const T extends readonly string[]>(_known: T): z.ZodMiniType<T[number] | (string & {})> {
  return z.string();
}

/** An ISO 8601 datetime string, as the API sends it (`2018-08-22T10:25:05Z`, fractional seconds allowed). */
export const datetime = z.string();

/** An attribute the API may leave out or send as `null`. */
export const maybe = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));

/** Parses `text` as JSON and checks it against `schema`; anything else is a `ResponseValidationError`. */
export function parseBody<T>(
  schema: z.ZodMiniType<T>,
  text: string,
  context: { status: number; request?: RequestInfo; what: string; mayHaveSucceeded?: boolean },
): T {
  const fail = (field: string, why: string) =>
    new ResponseValidationError(`${context.what}: ${why} (HTTP ${context.status})`, {
      status: context.status,
      request: context.request,
      field,
      body: redactText(text),
      mayHaveSucceeded: context.mayHaveSucceeded ?? false,
    });
  if (text.trim() === '') throw fail('', 'the response body is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw fail('', 'the response body is not JSON');
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw fail(field, `field \`${field || '(root)'}\` ${issue?.message ?? 'is invalid'}`);
}
