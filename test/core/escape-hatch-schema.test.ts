/**
 * The escape hatch's `schema` (`client.get(path, { schema })`): any Standard Schema v1, zod's or another library's,
 * sync or async. A refusal is a ResponseValidationError naming the field, with the status and the redacted body.
 */
import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import * as z from 'zod/mini';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { AbortError, InvalidInputError, ResponseValidationError, TimeoutError } from '../../src/index';
import { webhookConfigSchema } from '../../src/schemas';
import { CONFIG_ANSWER, rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, server, client } = useMockApi();

type Issue = { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] };
type Result<T> = { value: T; issues?: undefined } | { issues: readonly Issue[] };

/** A Standard Schema made by hand, as another library's is: `check` gives the value or an issue. */
function standard<T>(check: (value: unknown) => Result<T> | Promise<Result<T>>) {
  return {
    '~standard': {
      version: 1 as const,
      vendor: 'hand-made',
      validate: check,
      types: undefined as { input: unknown; output: T } | undefined,
    },
  };
}

/** A config's id and url, as a hand-made schema gives them; refused when the url is not `https:`. */
const configCheck = (value: unknown): Result<{ id: string; url: string }> => {
  const { id, url } = value as { id: string; url: string };
  return url.startsWith('https:') ? { value: { id, url } } : { issues: [{ message: 'must be https', path: ['url'] }] };
};

/** The mock's answer to `GET /things`, for answers the API would not give. */
const thingsAnswer = (body: object) => server.use(http.get(`${api.baseUrl}/things`, () => HttpResponse.json(body)));

describe('client.get(path, { schema }) with a Standard Schema', () => {
  it.each([
    ['sync', standard(configCheck)],
    ['async', standard(async (value) => configCheck(value))],
  ])("returns a %s schema's value, typed as its output", async (_name, schema) => {
    const created = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const got = await client().get(`/configs/webhook/${created.id}`, { schema });
    expectTypeOf(got).toEqualTypeOf<{ id: string; url: string }>();
    // The schema's value, not the body: the other attributes are gone.
    expect(got).toEqual({ id: created.id, url: 'https://hooks.example.com/in' });
  });

  it('takes a schema that is a function, as arktype makes them', async () => {
    const schema = Object.assign(() => undefined, standard(configCheck));
    const created = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    expect(await client().get(`/configs/webhook/${created.id}`, { schema })).toEqual({
      id: created.id,
      url: 'https://hooks.example.com/in',
    });
  });

  it.each([
    ['sync', (issues: readonly Issue[]) => standard(() => ({ issues }))],
    ['async', (issues: readonly Issue[]) => standard(async () => ({ issues }))],
  ])(
    "refuses an answer a %s schema refuses: its issue's path (keys or { key } steps) and message, " +
      'the status and the redacted body',
    async (_name, make) => {
      const body = { data: [{ id: 'wc_1', url: 'http://hooks.example.com', note: `echoed ${TOKEN_A}` }] };
      thingsAnswer(body);
      const schema = make([{ message: `must be https, got ${TOKEN_A}`, path: ['data', { key: 0 }, 'url'] }]);
      const error = await rejectionOf(client().get('/things', { schema }));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ status: 200, field: 'data.0.url', mayHaveSucceeded: false });
      expect(error.message).toBe(
        'GET /things: field `data.0.url` is invalid: must be https, got [redacted] (HTTP 200)',
      );
      expect((error as ResponseValidationError).body).toBe(JSON.stringify(body).replace(TOKEN_A, '[redacted]'));
    },
  );

  it("names the root for an issue without a path, and hides a secret field's message, which may quote it", async () => {
    thingsAnswer({ password: 'hunter2-correct-horse' });
    const root = standard(() => ({ issues: [{ message: 'must be a list' }] }));
    expect((await rejectionOf(client().get('/things', { schema: root }))).message).toBe(
      'GET /things: field `(root)` is invalid: must be a list (HTTP 200)',
    );
    const secret = standard(() => ({ issues: [{ message: 'too short: hunter2-correct-horse', path: ['password'] }] }));
    const error = await rejectionOf(client().get('/things', { schema: secret }));
    expect(error).toMatchObject({ field: 'password' });
    expect(error.message).toBe('GET /things: field `password` is invalid (HTTP 200)');
  });

  it("hides the message and value of a field below a secret one (a credential's pin), another zod's too", async () => {
    thingsAnswer({ credentials: { pin: 987654321 } });
    const quoting = standard(() => ({
      issues: [{ message: 'expected a string, got 987654321', path: ['credentials', 'pin'] }],
    }));
    const hand = await rejectionOf(client().get('/things', { schema: quoting }));
    expect(hand).toMatchObject({ field: 'credentials.pin' });
    expect(hand.message).toBe('GET /things: field `credentials.pin` is invalid (HTTP 200)');
    const zod = z.object({ credentials: z.object({ pin: z.string() }) });
    const error = await rejectionOf(client().get('/things', { schema: zod }));
    expect(error.message).toBe('GET /things: field `credentials.pin` must be a string (HTTP 200)');
  });

  it("hides secret fields a message quotes from a parent's value, cuts a huge message as a body is cut", async () => {
    thingsAnswer({ session: { state: 'failed', password: 'hunter2-correct-horse' } });
    const quoting = standard((value) => ({
      issues: [
        {
          message: `must be finished, got ${JSON.stringify((value as { session: object }).session)}`,
          path: ['session'],
        },
      ],
    }));
    const error = await rejectionOf(client().get('/things', { schema: quoting }));
    expect(error).toMatchObject({ field: 'session' });
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('"password":"[redacted]"');
    const huge = standard(() => ({ issues: [{ message: 'x'.repeat(1024 * 1024), path: ['session'] }] }));
    expect((await rejectionOf(client().get('/things', { schema: huge }))).message.length).toBeLessThan(65 * 1024);
  });

  it("reads another zod's issues by their code, a zod 3 union's (unionErrors, not errors) too", async () => {
    thingsAnswer({ state: 'gone' });
    const zod3 = (issue: object) => ({
      '~standard': { version: 1 as const, vendor: 'zod', validate: () => ({ issues: [issue as Issue] }) },
    });
    const union = zod3({ code: 'invalid_union', unionErrors: [], path: ['state'], message: 'Invalid input' });
    expect((await rejectionOf(client().get('/things', { schema: union }))).message).toBe(
      'GET /things: field `state` must be valid, got a string of 4 characters (HTTP 200)',
    );
    const type = zod3({ code: 'invalid_type', expected: 'number', path: ['state'], message: 'Expected number' });
    expect((await rejectionOf(client().get('/things', { schema: type }))).message).toBe(
      'GET /things: field `state` must be a number, got a string of 4 characters (HTTP 200)',
    );
  });

  it.each([
    [
      'throws',
      standard(() => {
        throw new Error('schema boom');
      }),
    ],
    ['rejects', standard(() => Promise.reject(new Error('schema boom')))],
  ])('an answer checked by a schema that %s is a ResponseValidationError with its status', async (_name, schema) => {
    const error = await rejectionOf(client().get('/configs/webhook', { schema }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 200, field: '', mayHaveSucceeded: false });
    expect(error.message).toContain('the schema threw while checking the response');
    expect((error.cause as Error).message).toBe('schema boom');
  });

  it('a schema that throws quoting the answer: its cause, as util.inspect prints it, hides the secrets', async () => {
    thingsAnswer({ session: { state: 'failed', password: 'hunter2-correct-horse' } });
    const quoting = standard((value) => {
      throw new TypeError(`cannot read ${JSON.stringify(value)} for Token ${TOKEN_A}`);
    });
    const error = await rejectionOf(client().get('/things', { schema: quoting }));
    const cause = error.cause as Error;
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause.message).toContain('"password":"[redacted]"');
    for (const shown of [inspect(error), cause.stack ?? ''])
      for (const secret of ['hunter2', TOKEN_A]) expect(shown).not.toContain(secret);
  });

  it('an async schema that never settles ends with the call: at its deadline, or when its signal aborts', async () => {
    const validate = vi.fn(() => new Promise<Result<unknown>>(() => undefined));
    const never = standard(validate);
    const late = await rejectionOf(client({ deadline: 1_000 }).get('/configs/webhook', { schema: never }));
    expect(late).toBeInstanceOf(TimeoutError);
    expect(validate).toHaveBeenCalledTimes(1);
    const controller = new AbortController();
    const call = client().get('/configs/webhook', { schema: never, signal: controller.signal });
    await vi.waitFor(() => expect(validate).toHaveBeenCalledTimes(2));
    controller.abort();
    expect(await rejectionOf(call)).toBeInstanceOf(AbortError);
  });

  it('says at the deadline that the answer came and its schema had not checked it, not that none came', async () => {
    const never = standard(() => new Promise<Result<unknown>>(() => undefined));
    const error = await rejectionOf(
      client({ deadline: 1_000 }).post('/configs/webhook', {
        body: { url: 'https://hooks.example.com/in' },
        schema: never,
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ mayHaveSucceeded: true });
    expect(error.message).toContain('the answer (HTTP 201) came, but its schema did not check it within the deadline');
    expect(error.message).not.toContain('no answer');
  });

  it("validate: 'warn' returns the refused answer and logs the refusal; validate: false never runs it", async () => {
    thingsAnswer({ id: 'wc_1', url: 'http://hooks.example.com' });
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const schema = standard(configCheck);
    expect(await client({ validate: 'warn', logger, logLevel: 'warn' }).get('/things', { schema })).toEqual({
      id: 'wc_1',
      url: 'http://hooks.example.com',
    });
    expect(String(logger.warn.mock.calls[0]?.[0])).toContain(
      "GET /things: field `url` is invalid: must be https (HTTP 200); returned unchecked (validate: 'warn')",
    );
    const validate = vi.fn(configCheck);
    await client({ validate: false }).get('/things', { schema: standard(validate) });
    expect(validate).not.toHaveBeenCalled();
  });

  it("with validate: 'warn' logs nothing for an async schema refusing the answer after the call ended", async () => {
    thingsAnswer({ id: 'wc_1', url: 'http://hooks.example.com' });
    const logger = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
    const checks: (() => void)[] = [];
    // Each check answers only when the test lets it: after its call has ended.
    const schema = standard(
      (value) => new Promise<Result<unknown>>((resolve) => checks.push(() => resolve(configCheck(value)))),
    );
    const warned = client({ validate: 'warn', logger, logLevel: 'warn', deadline: 1_000 });
    expect(await rejectionOf(warned.get('/things', { schema }))).toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const aborted = warned.get('/things', { schema, signal: controller.signal });
    await vi.waitFor(() => expect(checks).toHaveLength(2));
    controller.abort();
    expect(await rejectionOf(aborted)).toBeInstanceOf(AbortError);
    for (const check of checks) check();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it.each([
    ['an object', {}],
    ['a function', () => undefined],
    ['a string', 'webhook_config'],
    ['of another version', { '~standard': { version: 2, vendor: 'x', validate: () => ({ value: {} }) } }],
    ['without validate', { '~standard': { version: 1, vendor: 'x' } }],
  ])('refuses a schema that is %s, not a Standard Schema, before sending anything', async (_name, schema) => {
    const fetch = vi.fn(globalThis.fetch);
    const error = await rejectionOf(client({ fetch }).get('/configs/webhook', { schema: schema as never }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: 'options.schema', mayHaveSucceeded: false });
    expect(error.message).toContain('must be a Standard Schema');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("client.get(path, { schema }) with the app's zod/mini", () => {
  const config = z.object({ id: z.string(), url: z.string(), state: z.enum(['new', 'valid']) });

  it('returns the checked answer, typed as the schema gives it', async () => {
    const created = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const got = await client().get(`/configs/webhook/${created.id}`, { schema: config });
    expectTypeOf(got).toEqualTypeOf<{ id: string; url: string; state: 'new' | 'valid' }>();
    expect(got).toEqual({ id: created.id, url: 'https://hooks.example.com/in', state: 'new' });
    const typed = await client().get('/configs/webhook', { schema: z.object({ has_more: z.boolean() }) });
    expectTypeOf(typed).toEqualTypeOf<{ has_more: boolean }>();
    expectTypeOf(await client().get(`/configs/webhook/${created.id}`, { schema: webhookConfigSchema })).toEqualTypeOf<
      z.output<typeof webhookConfigSchema>
    >();
  });

  it.each([
    [{ ...CONFIG_ANSWER, url: 5 }, 'field `url` must be a string, got 5'],
    [{ ...CONFIG_ANSWER, state: 'gone' }, 'field `state` must be "new" or "valid", got a string of 4 characters'],
    [{ ...CONFIG_ANSWER, id: undefined }, 'field `id` is missing'],
  ])('refuses %j in the words a resource would use: %s', async (body, why) => {
    thingsAnswer(body);
    const error = await rejectionOf(client().get('/things', { schema: config }));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.message).toBe(`GET /things: ${why} (HTTP 200)`);
  });

  it("refuses an answer the SDK's own schema (ricloud/schemas) refuses in the words a resource would use", async () => {
    thingsAnswer({ ...CONFIG_ANSWER, url: 5 });
    const error = await rejectionOf(client().get('/things', { schema: webhookConfigSchema }));
    expect(error).toMatchObject({ status: 200, field: 'url' });
    expect(error.message).toBe('GET /things: field `url` must be a string, got 5 (HTTP 200)');
  });

  it(
    "names a field whose path has a symbol key, zod's or in another library's { key } step, " +
      "not 'the schema threw'",
    async () => {
      thingsAnswer({ data: [{ url: 'http://hooks.example.com' }] });
      const symbolic = z.object({ data: z.array(z.object({ url: z.string() })) }).check(
        z.superRefine((value, context) => {
          context.issues.push({ code: 'custom', message: 'must be https', input: value, path: ['data', Symbol('x')] });
        }),
      );
      const error = await rejectionOf(client().get('/things', { schema: symbolic }));
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error).toMatchObject({ status: 200, field: 'data.Symbol(x)' });
      expect(error.message).toBe('GET /things: field `data.Symbol(x)` is missing (HTTP 200)');
      const other = standard(() => ({ issues: [{ message: 'must be https', path: [{ key: Symbol('y') }, 'url'] }] }));
      expect(await rejectionOf(client().get('/things', { schema: other }))).toMatchObject({
        field: 'Symbol(y).url',
        message: 'GET /things: field `Symbol(y).url` is invalid: must be https (HTTP 200)',
      });
    },
  );

  it('runs an async refinement, and reports its refusal by field', async () => {
    const created = await client().webhookConfigs.create({ url: 'https://hooks.example.com/in' });
    const https = z.object({ url: z.string().check(z.refine(async (url) => url.startsWith('https:'))) });
    expect(await client().get(`/configs/webhook/${created.id}`, { schema: https })).toEqual({
      url: 'https://hooks.example.com/in',
    });
    thingsAnswer({ url: 'http://hooks.example.com' });
    const error = await rejectionOf(client().get('/things', { schema: https }));
    expect(error).toMatchObject({ status: 200, field: 'url' });
  });
});
