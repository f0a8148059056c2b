/** Response bodies to values: JSON, then the resource's zod schema (see `load.ts` for when the schemas load). */
import type * as z from 'zod/mini';
import { ResponseValidationError, type RequestInfo } from './errors';
import type { Schemas } from './load';
import { redactText } from './redact';

/** Picks the schema of a response out of the schemas module. */
export type SchemaOf<T> = (schemas: Schemas) => z.ZodMiniType<T>;

/** Where a body came from, for the error when it does not parse. */
interface BodyContext {
  status: number;
  request?: RequestInfo;
  what: string;
  mayHaveSucceeded?: boolean;
  /** Hides the client's token, which a server may echo back, in the body the error keeps. */
  redact?: (text: string) => string;
}

/** Parses `text` as JSON and checks it against `schema`; anything else is a `ResponseValidationError`. */
export function parseBody<T>(schema: z.ZodMiniType<T>, text: string, context: BodyContext): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // An empty body fails JSON.parse too; only then is it told apart.
    throw invalid(context, text, '', text.trim() === '' ? 'the response body is empty' : 'the response body is not JSON');
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  throw invalid(context, text, field, `field \`${field || '(root)'}\` ${issue?.message ?? 'is invalid'}`);
}

// Built only on failure: the common path allocates nothing for it.
function invalid(context: BodyContext, text: string, field: string, why: string): ResponseValidationError {
  return new ResponseValidationError(`${context.what}: ${why} (HTTP ${context.status})`, {
    status: context.status,
    request: context.request,
    field,
    body: redactText(context.redact ? context.redact(text) : text),
    mayHaveSucceeded: context.mayHaveSucceeded ?? false,
  });
}
