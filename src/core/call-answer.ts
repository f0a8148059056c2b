/** A call's answer: its body text checked as the client's `validate` says, against the resource's schema. */
import type { Call } from './call';
import { parseBody } from './parse';
import type { RicloudError } from './ricloud-error';
import { build, buildPage } from './schema-kit';
import { mayHaveWritten, type RequestSpec } from './spec';
import type { StandardSchemaV1 } from './standard-schema';

/** The value of an answer's `text`, checked as the client's `validate` says: a promise for a caller's schema. */
export function parseAnswer<T>(call: Call<T>, text: string, status: number): T | Promise<T> {
  const { spec, transport } = call;
  if (!spec.schema && text.trim() === '') return undefined as T;
  const context = {
    status,
    request: call.info,
    what: spec.what,
    page: spec.page,
    id: spec.id,
    mayHaveSucceeded: mayHaveWritten(spec),
    redact: transport.redact,
  };
  // An async check that refuses after the call ended (its deadline, its signal) returned nothing: its error stands.
  const warn =
    transport.validate === 'warn'
      ? (error: RicloudError) => {
          if (!call.signal.aborted) transport.log('warn', `${error.message}; returned unchecked (validate: 'warn')`);
        }
      : undefined;
  return parseBody(transport.validate === false ? undefined : resolve(spec), text, context, warn);
}

/** The schema of a spec's answer: a resource's declaration is built on first use, a caller's schema is as given. */
function resolve<T>({ schema, page }: RequestSpec<T>): StandardSchemaV1<unknown, T> | undefined {
  // A caller's Standard Schema may be a function too (arktype's are): what marks it is its `~standard`.
  if (!schema || '~standard' in schema) return schema;
  return (page ? buildPage(schema) : build(schema)) as StandardSchemaV1<unknown, T>;
}
