/** Response bodies to values: JSON, then the resource's zod schema or the caller's Standard Schema. */
import type * as z from 'zod/mini';
import { ResponseValidationError } from './errors';
import { describe, isPlainObject, MAX_PAGE_SIZE, withArticle } from './params';
import { isSecretField, isSecretKey, redactText } from './redact';
import { hiddenCopy } from './hidden-copy';
import type { RequestInfo } from './ricloud-error';
import type { StandardSchemaV1 } from './standard-schema';

type $ZodIssue = z.core.$ZodIssue;

/**
 * How responses are checked: `true` refuses one that breaks its schema; `'warn'` reports it and returns it unchecked;
 * `false` skips the schemas. Whatever the setting, a body must be what the SDK builds on: an object, and for a list
 * page a `data` list of objects.
 */
export type Validation = boolean | 'warn';

/** Where a body came from, for the error when it does not parse. */
interface BodyContext {
  status: number;
  request?: RequestInfo;
  what: string;
  /** A list page: `data` must be a list of objects. */
  page?: boolean | undefined;
  /** The answer is the resource of this id: one with another id is refused, as a server's mix-up. */
  id?: string | undefined;
  mayHaveSucceeded?: boolean;
  /** Hides the client's token, which a server may echo back, in the body the error keeps. */
  redact: (text: string) => string;
}

/** What a schema made of a body: its value, or its first issue as [field, why]. */
type Verdict<T> = { value: T } | [field: string, why: string];

/**
 * Parses `text` as JSON and checks it against `schema`; anything else is a `ResponseValidationError`. Without a schema
 * (validation off), or when `warn` takes the schema's refusal (`validate: 'warn'`), the body is returned unchecked
 * once it has the shape the SDK builds on. Every schema is checked through Standard Schema's `validate`: one that
 * answers at once (zod's, so every resource's) gives the value at once, an async one a promise.
 */
export function parseBody<T>(
  /** The response's schema, unless validation is off. */
  schema: StandardSchemaV1<unknown, T> | undefined,
  text: string,
  context: BodyContext,
  warn?: (error: ResponseValidationError) => void,
): T | Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // An empty body fails JSON.parse too; only then is it told apart.
    throw invalid(
      context,
      text,
      '',
      text.trim() === '' ? 'the response body is empty' : 'the response body is not JSON',
    );
  }
  // Checked whatever the validation: taken in place, another resource's answer would turn a resource into it. An id
  // that is no string or number is the schema's to refuse; case is ignored, as a server may write a UUID it was sent
  // in its own.
  const id = (json as { id?: unknown } | null)?.id;
  if (
    context.id !== undefined &&
    (typeof id === 'string' || typeof id === 'number') &&
    `${id}`.toLowerCase() !== context.id.toLowerCase()
  )
    throw invalid(context, text, 'id', 'field `id` names another resource');
  // The API sends at most MAX_PAGE_SIZE items a page. zod makes an issue for each bad field of each item it checks: a
  // 10 MB page of three million bad items made gigabytes of them, and the process ran out of memory.
  const data = (json as { data?: unknown } | null)?.data;
  if (context.page && Array.isArray(data) && data.length > MAX_PAGE_SIZE)
    throw invalid(context, text, 'data', `field \`data\` holds more than ${MAX_PAGE_SIZE} items`);
  const settle = (verdict: Verdict<T> | undefined): T => {
    if (verdict && !Array.isArray(verdict)) return verdict.value;
    const problem = shapeProblem(json, context.page);
    if (verdict) {
      const error = invalid(context, text, verdict[0], verdict[1]);
      if (!warn) throw error;
      // Only a body that is returned is reported as returned unchecked.
      if (!problem) warn(error);
    }
    if (problem) throw invalid(context, text, problem[0], problem[1]);
    return json as T;
  };
  // A caller's schema may throw, or be async: the answer arrived, so no connection failed.
  // Its error may quote the answer, secrets and all: `util.inspect(err)` prints the cause, so a copy hides them.
  const hide = (said: string) => redactText(said, context.redact);
  const threw = (cause: unknown) =>
    invalid(context, text, '', 'the schema threw while checking the response', hiddenCopy(cause, hide));
  if (!schema) return settle(undefined);
  let verdict: Verdict<T> | Promise<Verdict<T>>;
  try {
    const result = schema['~standard'].validate(json);
    verdict =
      result instanceof Promise
        ? result.then((answer) => verdictOf(schema, answer, json, context.redact))
        : verdictOf(schema, result, json, context.redact);
  } catch (cause) {
    throw threw(cause);
  }
  return verdict instanceof Promise
    ? verdict.then(settle, (cause) => {
        throw threw(cause);
      })
    : settle(verdict);
}

/**
 * A schema's verdict on `json` from its `result`. A zod schema's issue is told from its code, as a resource's is
 * (zod/mini carries no message text); another library's by its message, hidden for a secret field or one inside it
 * (whose value it may quote), and redacted and cut as a body is (it may quote a parent's value, secrets and all, or the
 * whole body).
 */
function verdictOf<T>(
  schema: StandardSchemaV1<unknown, T>,
  result: StandardSchemaV1.Result<T>,
  json: unknown,
  redact: (text: string) => string,
): Verdict<T> {
  if (!result.issues) return { value: result.value };
  const issue = result.issues[0];
  if (schema['~standard'].vendor === 'zod') return zodIssue(issue as $ZodIssue | undefined, json);
  const keys = (issue?.path ?? []).map((step) => String(typeof step === 'object' ? step.key : step));
  const field = keys.join('.');
  const shown = issue && !isSecretField(field) ? `: ${redactText(issue.message, redact)}` : '';
  return [field, `field \`${field || '(root)'}\` is invalid${shown}`];
}

/** zod's first issue on `json` as [field, why]. */
function zodIssue(first: $ZodIssue | undefined, json: unknown): [string, string] {
  const issue = first && reported(first);
  // String, not join, turns a symbol key into `Symbol(name)`: join throws on it.
  const field = issue?.path.map(String).join('.') ?? '';
  return [field, `field \`${field || '(root)'}\` ${issue ? issueText(issue, json) : 'is invalid'}`];
}

/**
 * One issue of `json` in words, from its code: zod carries no message text (`Invalid input`) unless a locale is loaded.
 */
function issueText(issue: $ZodIssue, json: unknown): string {
  const input = issue.path.reduce<unknown>(
    (value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key],
    json,
  );
  if (input === undefined) return 'is missing';
  // A secret attribute's value, or one inside it, is not described, whatever its type.
  return `must be ${mustBe(issue)}${issue.path.map(String).some(isSecretKey) ? '' : `, got ${describe(input)}`}`;
}

/**
 * The issue to report for `issue`: for a union, the issue of an option that failed at a field below the value (the
 * value had that option's shape, as a task's `results` list with a bad `data`), with its whole path; else `issue`.
 */
function reported(issue: $ZodIssue): $ZodIssue {
  const below =
    issue.code === 'invalid_union' ? issue.errors?.find((errors) => errors[0]?.path.length)?.[0] : undefined;
  return below ? reported({ ...below, path: [...issue.path, ...below.path] } as $ZodIssue) : issue;
}

/** What an issue says the value must be: `a string`, `"webhook_config"`, `a string or a number`. */
function mustBe(issue: $ZodIssue | undefined): string {
  switch (issue?.code) {
    case 'invalid_type':
      return withArticle(issue.expected);
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' or ');
    case 'invalid_union':
      return issue.errors?.map((errors) => mustBe(errors[0])).join(' or ') ?? 'valid';
    default:
      return 'valid';
  }
}

/** Where `json` falls short of what the SDK builds on, as [field, why]. */
function shapeProblem(json: unknown, page: boolean | undefined): [string, string] | undefined {
  if (!isPlainObject(json)) return ['', 'the response body is not a JSON object'];
  if (!page) return undefined;
  if (!Array.isArray(json.data)) return ['data', 'field `data` is not a list'];
  const at = json.data.findIndex((item) => !isPlainObject(item));
  return at === -1 ? undefined : [`data.${at}`, `field \`data.${at}\` is not an object`];
}

/** The error for a body that cannot be read as `context` expects. */
function invalid(
  context: BodyContext,
  text: string,
  field: string,
  why: string,
  cause?: unknown,
): ResponseValidationError {
  return new ResponseValidationError(`${context.what}: ${why} (HTTP ${context.status})`, {
    cause,
    status: context.status,
    request: context.request,
    field,
    body: redactText(text, context.redact),
    mayHaveSucceeded: context.mayHaveSucceeded ?? false,
  });
}
