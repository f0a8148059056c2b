/**
 * Response bodies to values: JSON, then the resource's zod schema. The schemas (and zod with them) are loaded on the
 * first response that needs them, so `import 'ricloud'` stays cheap.
 */
import type * as z from 'zod/mini';
import { ResponseValidationError, type RequestInfo } from './errors';
import { redactText } from './redact';

/** The module of resource schemas. */
export type Schemas = typeof import('../schemas');

/** Picks the schema of a response out of the schemas module. */
export type SchemaOf<T> = (schemas: Schemas) => z.ZodMiniType<T>;

let schemas: Promise<Schemas> | undefined;

/** The schemas module, loaded once. */
export function loadSchemas(): Promise<Schemas> {
  schemas ??= import('../schemas');
  return schemas;
}

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
