/** A call's answer: its body text checked as the client's `validate` says, against the resource's schema. */
import type * as z from 'zod/mini';
import type { Call } from './call';
import type { RicloudError } from './errors';
import { type AnswerSchema, parseBody } from './parse';
import { build, buildPage } from './schema-kit';
import type { RequestSpec } from './spec';

/** The value of an answer's `text`, checked as the client's `validate` says: a promise for a caller's schema. */
export function parseAnswer<T>(call: Call<T>, text: string, status: number): T | Promise<T> {
  const { spec, transport } = call;
  if (!spec.schema && text.trim() === '') return undefined as T;
  const context = {
    status,
    request: call.info,
    what: spec.what,
    page: spec.page,
    mayHaveSucceeded: spec.retry === 'once',
    redact: transport.redact,
  };
  const warn =
    transport.validate === 'warn'
      ? (error: RicloudError) => transport.log('warn', `${error.message}; returned unchecked (validate: 'warn')`)
      : undefined;
  return parseBody(transport.validate === false ? undefined : resolve(spec), text, context, warn);
}

/** The schema of a spec's answer: a resource's declaration is built on first use. */
function resolve<T>({ schema, page }: RequestSpec<T>): AnswerSchema<T> | undefined {
  if (!schema) return undefined;
  // A caller's Standard Schema may be a function too (arktype's are): what marks it is its `~standard`.
  if ('~standard' in schema) return { standard: schema };
  return { zod: (page ? buildPage(schema) : build(schema)) as z.ZodMiniType<T> };
}
