import { inspect } from 'node:util';
/**
 * Bad input, both ways: what callers pass (refused before anything is sent) and what a server may answer (always a
 * RicloudError of the right class, never a hang, a TypeError or a ZodError). No message ever holds the token.
 */
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  Client,
  ConnectionError,
  Event,
  InvalidInputError,
  Key,
  NotFoundError,
  RateLimitError,
  RequestError,
  ResponseValidationError,
  RicloudError,
  ServerError,
  StorageConfig,
  Task,
  WebhookConfig,
  type ClientOptions,
} from '../src/index';
import { CONFIG_ANSWER as CONFIG, TOKEN_A, useMockApi } from './support/core-harness';

const { api, server, client } = useMockApi();
const BASE = api.baseUrl;
const EVIL = 'https://evil.example';

/** How many times the repeating list below was asked: the SDK must stop after the second page. */
let repeats = 0;

/** What the evil origin received; anything at all fails the case. */
const evilSaw: string[] = [];
const evilHandler = http.all(`${EVIL}/*`, ({ request }) => {
  evilSaw.push(`${request.method} ${request.url} ${request.headers.get('authorization') ?? ''}`);
  return HttpResponse.json(CONFIG);
});

type ErrorClass = new (...args: never[]) => RicloudError;
type Prepared = { cfg?: WebhookConfig; task?: Task };
const created = async (c: Client): Promise<Prepared> => {
  const cfg = await c.webhookConfigs.create({ url: 'https://hooks.example.com/in' });
  return { cfg, task: await cfg.test() };
};

interface Case {
  /** What goes wrong. */
  name: string;
  /** Caller cases: what must exist before the call (sent before counting what the call sends). */
  setup?: (c: Client) => Promise<Prepared>;
  /** The call, given a client that retries nothing (unless `options` says otherwise). */
  run: (c: Client, prepared: Prepared) => PromiseLike<unknown>;
  error: ErrorClass;
  /** `field` of an InvalidInputError or ResponseValidationError. */
  field?: string;
  /** Server cases: the msw handlers that replace the mock for this case. */
  serve?: Parameters<typeof server.use>;
  /** More client options for this case. */
  options?: ClientOptions;
  /** Anything else the case must show about the error. */
  check?: (error: RicloudError) => void;
}

const onRetrieve = (answer: () => Response) => [http.get(`${BASE}/configs/webhook/:id`, answer)];
const onList = (answer: (url: URL) => Response) => [
  http.get(`${BASE}/configs/webhook`, ({ request }) => answer(new URL(request.url))),
];
const html = (status: number, size = 0) =>
  new HttpResponse(`<!doctype html><html><body><h1>${status}</h1>${'<p>padding</p>'.repeat(size)}</body></html>`, {
    status,
    headers: { 'content-type': 'text/html' },
  });
const retrieve = (c: Client) => c.webhookConfigs.retrieve('wc_1');
const everything = (c: Client) => c.webhookConfigs.list().toArray({ limit: 100 });

/** Caller inputs: each refused as InvalidInputError naming the field, with nothing sent. */
const callerCases: Case[] = [
  {
    name: 'an id with a slash',
    run: (c) => c.webhookConfigs.retrieve('wc_1/../../admin'),
    error: InvalidInputError,
    field: 'id',
  },
  { name: 'the id ".."', run: (c) => c.webhookConfigs.retrieve('..'), error: InvalidInputError, field: 'id' },
  { name: 'the id "."', run: (c) => c.tasks.retrieve('.'), error: InvalidInputError, field: 'id' },
  { name: 'an empty id', run: (c) => c.webhookConfigs.retrieve(''), error: InvalidInputError, field: 'id' },
  { name: 'a blank id', run: (c) => c.events.retrieve('   '), error: InvalidInputError, field: 'id' },
  {
    name: 'an id of 10 KB of text',
    run: (c) => c.webhookConfigs.retrieve('x'.repeat(10 * 1024)),
    error: InvalidInputError,
    field: 'id',
  },
  { name: 'an id with a backslash', run: (c) => c.tasks.retrieve('tsk\\..\\1'), error: InvalidInputError, field: 'id' },
  {
    name: 'an id that is not a string',
    run: (c) => c.webhookConfigs.retrieve({ id: 'wc_1' } as never),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'a slash in the id of Task.retrieve',
    run: (c) => Task.retrieve('tasks/1', { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'a ".." id in Event.retrieve',
    run: (c) => Event.retrieve('..', { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'a slash in the id of updateWithId',
    run: (c) => WebhookConfig.updateWithId('a/b', { state: 'new' }, { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'an empty id in testWithId',
    run: (c) => WebhookConfig.testWithId('', { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'an ftp url',
    run: (c) => c.webhookConfigs.create({ url: 'ftp://hooks.example.com/in' }),
    error: InvalidInputError,
    field: 'url',
  },
  {
    name: 'a javascript: url',
    run: (c) => c.webhookConfigs.create({ url: 'javascript:alert(1)' }),
    error: InvalidInputError,
    field: 'url',
  },
  {
    name: 'a relative url',
    run: (c) => c.webhookConfigs.create({ url: '/webhooks' }),
    error: InvalidInputError,
    field: 'url',
  },
  {
    name: 'a url without a scheme',
    run: (c) => c.webhookConfigs.create({ url: 'hooks.example.com/in' }),
    error: InvalidInputError,
    field: 'url',
  },
  {
    name: 'a url with user:password in it',
    run: (c) => c.webhookConfigs.create({ url: 'https://admin:hunter2@hooks.example.com/in' }),
    error: InvalidInputError,
    field: 'url',
    check: (e) => expect(e.message).not.toContain('hunter2'),
  },
  {
    name: 'a url with a user name in it',
    run: (c) => c.webhookConfigs.create({ url: 'https://admin@hooks.example.com/in' }),
    error: InvalidInputError,
    field: 'url',
  },
  ...[
    ['a line break', 'http://hooks.example.com/in\ntoken = INJECTED'],
    ['a carriage return', 'https://hooks.example.com/in\r\nX-Injected: 1'],
    ['a tab', 'https://hooks.\texample.com/in'],
    ['a leading space', ' https://hooks.example.com/in'],
    ['a NUL', 'https://hooks.example.com/in\0'],
    ['an escape sequence', 'https://hooks.example.com/\u001b]0;title\u0007'],
    ['a C1 control', 'https://hooks.example.com/\u0085in'],
  ].map(
    ([what, url]): Case => ({
      name: `a url with ${what}`,
      run: (c) => c.webhookConfigs.create({ url: url as string }),
      error: InvalidInputError,
      field: 'url',
    }),
  ),
  {
    name: 'a config base URL with a line break',
    run: async () => new Client({ token: TOKEN_A, baseUrl: 'https://api.example.com/\nx' }),
    error: InvalidInputError,
    field: 'options.baseUrl',
  },
  { name: 'an empty url', run: (c) => c.webhookConfigs.create({ url: '' }), error: InvalidInputError, field: 'url' },
  { name: 'a missing url', run: (c) => c.webhookConfigs.create({} as never), error: InvalidInputError, field: 'url' },
  {
    name: 'a url that is a number',
    run: (c) => c.webhookConfigs.create({ url: 42 } as never),
    error: InvalidInputError,
    field: 'url',
    check: (e) => expect(e.message).toBe('url: must be a string, got 42'),
  },
  {
    name: 'a url that is an object',
    run: (c) => c.webhookConfigs.create({ url: { href: 'https://hooks.example.com/in' } } as never),
    error: InvalidInputError,
    field: 'url',
    check: (e) => expect(e.message).toBe('url: must be a string, got an object'),
  },
  {
    name: 'an unknown create parameter',
    run: (c) => c.webhookConfigs.create({ url: 'https://hooks.example.com/in', secret: 'mine' } as never),
    error: InvalidInputError,
    field: 'secret',
  },
  {
    name: 'create params that are null',
    run: (c) => c.webhookConfigs.create(null as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'an update to state valid',
    run: (c) => c.webhookConfigs.update('wc_1', { state: 'valid' } as never),
    error: InvalidInputError,
    field: 'state',
  },
  {
    name: 'an update to state invalid',
    run: (c) => c.webhookConfigs.update('wc_1', { state: 'invalid' } as never),
    error: InvalidInputError,
    field: 'state',
  },
  {
    name: 'an empty update',
    run: (c) => c.webhookConfigs.update('wc_1', {} as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'an update with only undefined values',
    run: (c) => c.webhookConfigs.update('wc_1', { url: undefined, state: undefined } as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'an update to a mailto: url',
    run: (c) => c.webhookConfigs.update('wc_1', { url: 'mailto:ops@example.com' }),
    error: InvalidInputError,
    field: 'url',
  },
  {
    name: 'an unknown update parameter',
    run: (c) => c.webhookConfigs.update('wc_1', { name: 'primary' } as never),
    error: InvalidInputError,
    field: 'name',
  },
  {
    name: 'an empty update through the instance method',
    setup: created,
    run: (_c, { cfg }) => cfg!.update({} as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'a state other than new/deactivated through the instance method',
    setup: created,
    run: (_c, { cfg }) => cfg!.update({ state: 'valid' } as never),
    error: InvalidInputError,
    field: 'state',
  },
  { name: 'limit 0', run: (c) => c.webhookConfigs.list({ limit: 0 }), error: InvalidInputError, field: 'limit' },
  { name: 'limit 1001', run: (c) => c.tasks.list({ limit: 1001 }), error: InvalidInputError, field: 'limit' },
  { name: 'limit NaN', run: (c) => c.events.list({ limit: Number.NaN }), error: InvalidInputError, field: 'limit' },
  {
    name: 'a fractional limit',
    run: (c) => c.webhookConfigs.list({ limit: 2.5 }),
    error: InvalidInputError,
    field: 'limit',
  },
  {
    name: 'a limit given as a string',
    run: (c) => c.webhookConfigs.list({ limit: '10' } as never),
    error: InvalidInputError,
    field: 'limit',
  },
  {
    name: 'limit 0 while iterating',
    run: (c) => c.webhookConfigs.list({ limit: 0 }).toArray({ limit: 5 }),
    error: InvalidInputError,
    field: 'limit',
  },
  {
    name: 'toArray with limit 0',
    run: (c) => c.webhookConfigs.list().toArray({ limit: 0 }),
    error: InvalidInputError,
    field: 'limit',
  },
  {
    name: 'an unknown filter key',
    run: (c) => c.webhookConfigs.list({ colour: 'blue' } as never),
    error: InvalidInputError,
    field: 'colour',
  },
  {
    name: 'a filter of another resource',
    run: (c) => c.webhookConfigs.list({ type: 'webhook_config.test' } as never),
    error: InvalidInputError,
    field: 'type',
  },
  {
    name: 'a filter that is not a string',
    run: (c) => c.events.list({ state: 42 } as never),
    error: InvalidInputError,
    field: 'state',
  },
  {
    name: 'list params that are an array',
    run: (c) => c.tasks.list([] as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'an invalid Date',
    run: (c) => c.webhookConfigs.list({ date_created: new Date('not a date') }),
    error: InvalidInputError,
    field: 'date_created',
  },
  {
    name: 'an invalid Date in a range',
    run: (c) => c.events.list({ date_created: { gte: new Date(Number.NaN) } }),
    error: InvalidInputError,
    field: 'date_created.gte',
  },
  {
    name: 'a date string that is not a date',
    run: (c) => c.tasks.list({ date_created: 'yesterday' }),
    error: InvalidInputError,
    field: 'date_created',
  },
  // `Date` would read each of these as some instant: 2001-01-01, March 2, or local time on the caller's machine.
  {
    name: 'a date string that Date reads as a year',
    run: (c) => c.tasks.list({ date_created: '1' }),
    error: InvalidInputError,
    field: 'date_created',
  },
  {
    name: 'a day not on the calendar',
    run: (c) => c.events.list({ date_created: { gte: '2025-02-30' } }),
    error: InvalidInputError,
    field: 'date_created.gte',
  },
  {
    name: 'a date in words',
    run: (c) => c.webhookConfigs.list({ date_created: 'March 3, 2025' }),
    error: InvalidInputError,
    field: 'date_created',
  },
  {
    name: 'a fraction of a second finer than nanoseconds',
    run: (c) => c.events.list({ date_created: { gt: '2024-01-01T00:00:00.1234567890Z' } }),
    error: InvalidInputError,
    field: 'date_created.gt',
  },
  {
    name: 'an hour past 24',
    run: (c) => c.tasks.list({ date_created: '2025-01-31T25:00:00Z' }),
    error: InvalidInputError,
    field: 'date_created',
  },
  // Their ISO form needs a six-digit year (+010000-01-01T…), which no API filter takes.
  {
    name: 'an offset that moves the instant past the year 9999',
    run: (c) => c.tasks.list({ date_created: { gte: '9999-12-31T23:00-01:00' } }),
    error: InvalidInputError,
    field: 'date_created.gte',
  },
  {
    name: 'a Date before the year 0000',
    run: (c) => c.events.list({ date_created: new Date(-8.64e15) }),
    error: InvalidInputError,
    field: 'date_created',
  },
  {
    name: 'a time without a zone',
    run: (c) => c.webhookConfigs.list({ date_created: { lt: '2025-01-31T12:00:00' } }),
    error: InvalidInputError,
    field: 'date_created.lt',
  },
  {
    name: 'an unknown range operator',
    run: (c) => c.tasks.list({ date_created: { since: new Date() } } as never),
    error: InvalidInputError,
    field: 'date_created.since',
  },
  {
    name: 'an empty range',
    run: (c) => c.events.list({ date_created: {} }),
    error: InvalidInputError,
    field: 'date_created',
  },
  {
    name: 'a date filter that is a number',
    run: (c) => c.events.list({ date_created: 1714557600 } as never),
    error: InvalidInputError,
    field: 'date_created',
  },
  {
    name: 'a cursor with a slash',
    run: (c) => c.webhookConfigs.list({ after_id: 'wc_1/x' }),
    error: InvalidInputError,
    field: 'after_id',
  },
  {
    name: 'options that are a string',
    run: (c) => c.webhookConfigs.retrieve('wc_1', 'fast' as never),
    error: InvalidInputError,
    field: 'options',
  },
  {
    name: 'options that are null',
    run: (c) => c.tasks.list({}, null as never),
    error: InvalidInputError,
    field: 'options',
  },
  {
    name: 'a negative timeout',
    run: (c) => c.webhookConfigs.retrieve('wc_1', { timeout: -1 }),
    error: InvalidInputError,
    field: 'options.timeout',
  },
  {
    name: 'a timeout given as a string',
    run: (c) => c.webhookConfigs.list({}, { timeout: '1000' as never }),
    error: InvalidInputError,
    field: 'options.timeout',
  },
  {
    name: 'a signal that is not an AbortSignal',
    run: (c) => c.webhookConfigs.retrieve('wc_1', { signal: {} as never }),
    error: InvalidInputError,
    field: 'options.signal',
  },
  {
    name: 'headers that are a string',
    run: (c) => c.events.list({}, { headers: 'x-a: 1' as never }),
    error: InvalidInputError,
    field: 'options.headers',
  },
  {
    name: 'a fractional maxRetries',
    run: (c) => c.tasks.retrieve('tsk_1', { maxRetries: 1.5 }),
    error: InvalidInputError,
    field: 'options.maxRetries',
  },
  {
    name: 'awaitFor past the API maximum of 10 s',
    run: (c) => c.tasks.retrieve('tsk_1', { awaitFor: 60 }),
    error: InvalidInputError,
    field: 'options.awaitFor',
  },
  {
    name: 'a hook that is not a function',
    run: (c) => c.webhookConfigs.list({}, { onRequest: 'log' as never }),
    error: InvalidInputError,
    field: 'options.onRequest',
  },
  {
    name: 'a client option that is not a Client',
    run: () => WebhookConfig.retrieve('wc_1', { client: { token: TOKEN_A } as never }),
    error: InvalidInputError,
    field: 'options.client',
  },
  {
    name: 'a client option that is not a Client, in a static list (rejects, never throws)',
    run: () => Task.list({}, { client: 42 as never }),
    error: InvalidInputError,
    field: 'options.client',
  },
  {
    name: 'a client option that is not a Client, in a static create',
    run: () => WebhookConfig.create({ url: 'https://hooks.example.com/in' }, { client: 'default' as never }),
    error: InvalidInputError,
    field: 'options.client',
  },
  {
    name: 'a wait timeout of 0',
    setup: created,
    run: (_c, { task }) => task!.wait({ timeout: 0 }),
    error: InvalidInputError,
    field: 'options.timeout',
  },
  {
    name: 'a wait timeout given as a string',
    setup: created,
    run: (_c, { task }) => task!.wait({ timeout: '5s' as never }),
    error: InvalidInputError,
    field: 'options.timeout',
  },
  {
    name: 'a deadline given to wait(), which only its timeout bounds (it was silently ignored)',
    setup: created,
    run: (_c, { task }) => task!.wait({ deadline: 5_000 } as never),
    error: InvalidInputError,
    field: 'options.deadline',
  },
  {
    name: 'awaitFor given to wait(), which long-polls by itself (it was silently ignored)',
    setup: created,
    run: (_c, { task }) => task!.wait({ awaitFor: 2 } as never),
    error: InvalidInputError,
    field: 'options.awaitFor',
  },
  {
    name: 'a misspelt wait option (timout) on a task that has already ended (it was refused only while it ran)',
    setup: async (c) => {
      const prepared = await created(c);
      await prepared.task!.wait();
      return prepared;
    },
    run: (_c, { task }) => task!.wait({ timout: 5_000 } as never),
    error: InvalidInputError,
    field: 'options.timout',
  },
  {
    name: 'wait options of null',
    setup: created,
    run: (_c, { task }) => task!.wait(null as never),
    error: InvalidInputError,
    field: 'options',
  },
  {
    name: 'wait options of the wrong type',
    setup: created,
    run: (_c, { task }) => task!.wait(7 as never),
    error: InvalidInputError,
    field: 'options',
  },
  {
    name: 'a refresh with options of the wrong type',
    setup: created,
    run: (_c, { task }) => task!.refresh(7 as never),
    error: InvalidInputError,
    field: 'options',
  },
  {
    name: 'an empty token',
    run: (c) => c.withOptions({ token: '' }).webhookConfigs.list(),
    error: InvalidInputError,
    field: 'token',
  },
  {
    name: 'a token that is not a string',
    run: async () => new Client({ token: 42 as never }),
    error: InvalidInputError,
    field: 'options.token',
  },
  {
    name: 'a baseUrl with credentials',
    run: async () => new Client({ token: TOKEN_A, baseUrl: `https://user:${TOKEN_A}@api.example.com` }),
    error: InvalidInputError,
    field: 'options.baseUrl',
  },
  {
    name: 'a baseUrl that is not a URL',
    run: async () => new Client({ token: TOKEN_A, baseUrl: 'ricloud-api' }),
    error: InvalidInputError,
    field: 'options.baseUrl',
  },
  {
    name: 'a baseUrl with a query, which request paths would land in',
    run: async () => new Client({ token: TOKEN_A, baseUrl: 'https://api.example.com/?region=eu' }),
    error: InvalidInputError,
    field: 'options.baseUrl',
  },
  {
    name: 'a baseUrl with a fragment',
    run: async () => new Client({ token: TOKEN_A, baseUrl: 'https://api.example.com/#v3' }),
    error: InvalidInputError,
    field: 'options.baseUrl',
  },
  {
    name: 'a token with a line break (no header can carry it), never quoted',
    run: async () => new Client({ token: `${TOKEN_A}\nX-Injected: 1` }),
    error: InvalidInputError,
    field: 'token',
  },
  {
    name: 'a client header whose value has a line break, never quoted',
    run: async () => new Client({ token: TOKEN_A, headers: { 'x-api-key': 'key_5ecret\r\nx: 1' } }),
    error: InvalidInputError,
    field: 'options.headers',
    check: (e) => expect(e.message).not.toContain('key_5ecret'),
  },
  {
    name: 'a per-call header with a line break on a create: refused, not "may have been applied"',
    run: (c) =>
      c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }, { headers: { 'x-trace': 'val_5ecret\nx' } }),
    error: InvalidInputError,
    field: 'options.headers',
    check: (e) => {
      expect(e.mayHaveSucceeded).toBe(false);
      expect(JSON.stringify(e) + e.message).not.toContain('val_5ecret');
    },
  },
  {
    name: 'a token with a space inside, never quoted',
    run: async () => new Client({ token: 'tok_5ecret part2' }),
    error: InvalidInputError,
    field: 'token',
    check: (e) => expect(String(e)).not.toContain('5ecret'),
  },
  {
    name: 'a per-call Authorization header: refused, the token alone is sent (and redacted)',
    run: (c) => c.webhookConfigs.list({}, { headers: { Authorization: 'Token other_5ecret' } }),
    error: InvalidInputError,
    field: 'options.headers.Authorization',
    check: (e) => expect(JSON.stringify(e) + e.message).not.toContain('other_5ecret'),
  },
  {
    name: 'a per-call authorization header in lower case on a create',
    run: (c) =>
      c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }, { headers: { authorization: 'Basic x' } }),
    error: InvalidInputError,
    field: 'options.headers.authorization',
  },
  {
    name: 'a client Authorization header',
    run: async () => new Client({ token: TOKEN_A, headers: { AUTHORIZATION: 'Token other' } }),
    error: InvalidInputError,
    field: 'options.headers.AUTHORIZATION',
  },
  {
    name: 'a maxResponseBytes of 0',
    run: async () => new Client({ token: TOKEN_A, maxResponseBytes: 0 }),
    error: InvalidInputError,
    field: 'options.maxResponseBytes',
  },
  {
    name: 'an unknown per-call option (timout)',
    run: (c) => c.webhookConfigs.list({}, { timout: 5 } as never),
    error: InvalidInputError,
    field: 'options.timout',
  },
  {
    name: 'an unknown option of a static method (maxRetry)',
    run: (c) => WebhookConfig.retrieve('wc_1', { client: c, maxRetry: 1 } as never),
    error: InvalidInputError,
    field: 'options.maxRetry',
  },
  {
    name: 'a signal given to the client, where it would cancel nothing (it is an option of each call)',
    run: async () => new Client({ token: TOKEN_A, signal: new AbortController().signal } as never),
    error: InvalidInputError,
    field: 'options.signal',
  },
  {
    name: 'awaitFor given to the client, where it would hold no request (it is an option of each call)',
    run: async () => new Client({ token: TOKEN_A, awaitFor: 5 } as never),
    error: InvalidInputError,
    field: 'options.awaitFor',
  },
  {
    name: 'an unknown client option (timout)',
    run: async () => new Client({ token: TOKEN_A, timout: 5 } as never),
    error: InvalidInputError,
    field: 'options.timout',
  },
  {
    name: 'a header name with a space',
    run: (c) => c.webhookConfigs.list({}, { headers: { 'x trace': '1' } }),
    error: InvalidInputError,
    field: 'options.headers',
  },
  {
    name: 'a logger without the four methods',
    run: async () => new Client({ token: TOKEN_A, logger: { log: console.log } as never }),
    error: InvalidInputError,
    field: 'options.logger',
  },
  {
    name: 'a wait timeout of Infinity',
    setup: created,
    run: (_c, { task }) => task!.wait({ timeout: Number.POSITIVE_INFINITY }),
    error: InvalidInputError,
    field: 'options.timeout',
  },
  {
    name: "a wait timeout past setTimeout's ceiling",
    setup: created,
    run: (_c, { task }) => task!.wait({ timeout: 2 ** 31 }),
    error: InvalidInputError,
    field: 'options.timeout',
  },
  {
    name: 'an id with a lone surrogate (no UTF-8 form)',
    run: (c) => c.webhookConfigs.retrieve('wc_\uD800'),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'a cursor with a lone surrogate',
    run: (c) => c.events.list({ after_id: 'evt_\uDC00' }),
    error: InvalidInputError,
    field: 'after_id',
  },
  // Issue 16: the organisation, keys, storage configs, permissions, tasks.
  {
    name: 'an empty organisation update',
    run: (c) => c.organisation.update({} as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'an organisation default that is true',
    run: (c) => c.organisation.update({ webhook_config_default: true as never }),
    error: InvalidInputError,
    field: 'webhook_config_default',
  },
  {
    name: 'an organisation default whose id has a slash',
    run: (c) => c.organisation.update({ storage_config_default: { id: 'sc/..' } }),
    error: InvalidInputError,
    field: 'storage_config_default',
  },
  {
    name: 'an empty organisation name',
    run: (c) => c.organisation.update({ name: '' }),
    error: InvalidInputError,
    field: 'name',
  },
  {
    name: 'an unknown organisation field',
    run: (c) => c.organisation.update({ slug: 'acme' } as never),
    error: InvalidInputError,
    field: 'slug',
  },
  {
    name: 'an empty key update',
    run: (c) => c.keys.update('key_1', {} as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'a key override that is an object without an id',
    run: (c) => c.keys.update('key_1', { webhook_config: { url: 'x' } as never }),
    error: InvalidInputError,
    field: 'webhook_config',
  },
  {
    name: 'a key create with an unknown field',
    run: (c) => c.keys.create({ token: 'mine' } as never),
    error: InvalidInputError,
    field: 'token',
    check: (e) => expect(e.message).not.toContain('mine'),
  },
  { name: 'a ".." key id to rotate', run: (c) => c.keys.rotate('..'), error: InvalidInputError, field: 'id' },
  {
    name: 'a slash in Key.rotateWithId',
    run: (c) => Key.rotateWithId('a/b', { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'a storage url that is https',
    run: (c) => c.storageConfigs.create({ url: 'https://bucket.example/x', credentials: { a: 'b' } }),
    error: InvalidInputError,
    field: 'url',
  },
  {
    name: 'a missing storage credentials',
    run: (c) => c.storageConfigs.create({ url: 'gs://acme-results/x' } as never),
    error: InvalidInputError,
    field: 'credentials',
  },
  {
    name: 'empty storage credentials',
    run: (c) => c.storageConfigs.create({ url: 'gs://acme-results/x', credentials: {} }),
    error: InvalidInputError,
    field: 'credentials',
  },
  {
    name: 'nested storage credentials, never described',
    run: (c) => c.storageConfigs.update('sc_1', { credentials: { key: { private: 'hunter2' } } as never }),
    error: InvalidInputError,
    field: 'credentials.key',
    check: (e) => expect(e.message).not.toContain('hunter2'),
  },
  {
    name: 'a storage update to state valid',
    run: (c) => c.storageConfigs.update('sc_1', { state: 'valid' as never }),
    error: InvalidInputError,
    field: 'state',
  },
  {
    name: 'a negative signed_urls_expiry',
    run: (c) => c.storageConfigs.update('sc_1', { signed_urls_expiry: -1 }),
    error: InvalidInputError,
    field: 'signed_urls_expiry',
  },
  {
    name: 'signed_urls_enabled as a string',
    run: (c) => c.storageConfigs.update('sc_1', { signed_urls_enabled: 'yes' as never }),
    error: InvalidInputError,
    field: 'signed_urls_enabled',
  },
  {
    name: 'an empty storage update',
    run: (c) => c.storageConfigs.update('sc_1', {} as never),
    error: InvalidInputError,
    field: 'params',
  },
  {
    name: 'a storage list type other than gs/s3',
    run: (c) => c.storageConfigs.list({ type: 'azure' as never }),
    error: InvalidInputError,
    field: 'type',
  },
  {
    name: 'a ".." id in StorageConfig.deleteWithId',
    run: (c) => StorageConfig.deleteWithId('..', { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'an empty id in WebhookConfig.deleteWithId',
    run: (c) => WebhookConfig.deleteWithId('', { client: c }),
    error: InvalidInputError,
    field: 'id',
  },
  {
    name: 'permissions without scopes',
    run: (c) => c.permissions.create({} as never),
    error: InvalidInputError,
    field: 'scopes',
  },
  {
    name: 'permission scopes whose limits are not a list',
    run: (c) => c.permissions.update('perm_1', { scopes: { 'task_type:*': { value: 1 } } as never }),
    error: InvalidInputError,
    field: 'scopes.task_type:*',
  },
  {
    name: 'a task create without type',
    run: (c) => Task.create({} as never, { client: c }),
    error: InvalidInputError,
    field: 'type',
  },
  {
    name: 'a task create with a session id holding a slash',
    run: (c) => c.tasks.create({ type: 'x', session: 'ses/1' }),
    error: InvalidInputError,
    field: 'session',
  },
];

/** Server outputs: each a RicloudError of the right class, carrying what the caller needs. */
const serverCases: Case[] = [
  {
    name: 'an HTML error page with status 500',
    serve: onRetrieve(() => html(500)),
    run: retrieve,
    error: ServerError,
    check: (e) => expect(e).toMatchObject({ status: 500, body: expect.stringContaining('<h1>500</h1>') }),
  },
  {
    name: 'an HTML 404 page without an API error body',
    serve: onRetrieve(() => html(404)),
    run: retrieve,
    error: NotFoundError,
    check: (e) => expect(e).toMatchObject({ status: 404, error: '', message: 'webhook_config wc_1 not found (404)' }),
  },
  {
    name: 'an HTML page with status 200',
    serve: onRetrieve(() => html(200)),
    run: retrieve,
    error: ResponseValidationError,
    field: '',
  },
  {
    name: 'an empty 200',
    serve: onRetrieve(() => new HttpResponse(null, { status: 200 })),
    run: retrieve,
    error: ResponseValidationError,
    field: '',
    check: (e) => expect(e.message).toContain('empty'),
  },
  {
    name: 'an empty 201 to a create',
    serve: [http.post(`${BASE}/configs/webhook`, () => new HttpResponse('', { status: 201 }))],
    run: (c) => c.webhookConfigs.create({ url: 'https://hooks.example.com/in' }),
    error: ResponseValidationError,
    field: '',
    check: (e) => expect(e.mayHaveSucceeded).toBe(true),
  },
  {
    name: 'truncated JSON',
    serve: onRetrieve(
      () =>
        new HttpResponse(JSON.stringify(CONFIG).slice(0, 40), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    ),
    run: retrieve,
    error: ResponseValidationError,
    field: '',
    check: (e) => expect(e).toMatchObject({ status: 200, body: JSON.stringify(CONFIG).slice(0, 40) }),
  },
  {
    name: 'a 200 with an API error body',
    serve: onRetrieve(() => HttpResponse.json({ error: 'not-found', message: 'Webhook config not found.' })),
    run: retrieve,
    error: ResponseValidationError,
    field: 'id',
  },
  {
    name: 'a huge body that breaks the schema (5 MB)',
    serve: onRetrieve(() => HttpResponse.json({ ...CONFIG, id: undefined, padding: 'x'.repeat(5_000_000) })),
    run: retrieve,
    error: ResponseValidationError,
    field: 'id',
    check: (e) => expect((e as ResponseValidationError).body.length).toBeLessThanOrEqual(64 * 1024 + 1),
  },
  {
    name: 'a huge HTML error page (3 MB)',
    serve: onRetrieve(() => html(503, 200_000)),
    run: retrieve,
    error: ServerError,
    check: (e) => expect((e as ServerError).body.length).toBeLessThanOrEqual(64 * 1024 + 1),
  },
  {
    name: 'an HTML error page past maxResponseBytes: its start is kept as the body',
    serve: onRetrieve(() => html(502, 2_000)),
    options: { maxResponseBytes: 4096 },
    run: retrieve,
    error: ServerError,
    check: (e) => {
      expect(e).toMatchObject({
        status: 502,
        body: expect.stringMatching(/^<!doctype html><html><body><h1>502<\/h1>/),
      });
      expect((e as ServerError).body.length).toBeLessThanOrEqual(4096);
    },
  },
  {
    name: 'null where the config belongs',
    serve: onRetrieve(() => HttpResponse.json(null)),
    run: retrieve,
    error: ResponseValidationError,
    field: '',
  },
  {
    name: 'an array where the config belongs',
    serve: onRetrieve(() => HttpResponse.json([CONFIG])),
    run: retrieve,
    error: ResponseValidationError,
    field: '',
  },
  {
    name: 'null where a string attribute belongs',
    serve: onRetrieve(() => HttpResponse.json({ ...CONFIG, url: null })),
    run: retrieve,
    error: ResponseValidationError,
    field: 'url',
  },
  {
    name: 'a number where the state belongs',
    serve: onRetrieve(() => HttpResponse.json({ ...CONFIG, state: 3 })),
    run: retrieve,
    error: ResponseValidationError,
    field: 'state',
  },
  {
    name: 'a list whose data is null',
    serve: onList(() => HttpResponse.json({ data: null, has_more: false })),
    run: (c) => c.webhookConfigs.list(),
    error: ResponseValidationError,
    field: 'data',
  },
  {
    name: 'a list with null for an item',
    serve: onList(() => HttpResponse.json({ data: [CONFIG, null], has_more: false })),
    run: (c) => c.webhookConfigs.list(),
    error: ResponseValidationError,
    field: 'data.1',
  },
  {
    name: 'a list without has_more',
    serve: onList(() => HttpResponse.json({ data: [CONFIG] })),
    run: (c) => c.webhookConfigs.list(),
    error: ResponseValidationError,
    field: 'has_more',
  },
  {
    name: 'a list whose has_more is true with no data',
    serve: onList(() => HttpResponse.json({ data: [], has_more: true })),
    run: everything,
    error: ResponseValidationError,
    field: 'data',
  },
  {
    name: 'a list that answers the same page again for the next cursor',
    serve: onList(() => {
      repeats++;
      return HttpResponse.json({ data: [CONFIG], has_more: true });
    }),
    run: everything,
    error: ResponseValidationError,
    field: 'data',
    check: () => expect(repeats).toBe(2),
  },
  {
    name: 'a next url on another origin, with has_more and no data',
    serve: [
      ...onList(() => HttpResponse.json({ data: [], has_more: true, url: `${EVIL}/configs/webhook?after_id=wc_1` })),
      evilHandler,
    ],
    run: everything,
    error: ResponseValidationError,
    field: 'data',
  },
  {
    name: 'a next url on another origin: the next page is asked of the own origin, which refuses the cursor',
    serve: [
      ...onList((url) =>
        url.searchParams.has('after_id')
          ? HttpResponse.json(
              {
                error: 'invalid-parameter',
                message: 'Some parameters were invalid.',
                params: { after_id: ['No such object in this list.'] },
              },
              { status: 400 },
            )
          : HttpResponse.json({ data: [CONFIG], has_more: true, url: `${EVIL}/configs/webhook?after_id=wc_1` }),
      ),
      evilHandler,
    ],
    run: everything,
    error: RequestError,
    check: (e) =>
      expect(e).toMatchObject({
        status: 400,
        error: 'invalid-parameter',
        params: { after_id: expect.any(Array) },
        request: { path: '/configs/webhook' },
      }),
  },
  {
    name: 'a redirect to another origin',
    serve: [
      ...onRetrieve(
        () => new HttpResponse(null, { status: 302, headers: { location: `${EVIL}/configs/webhook/wc_1` } }),
      ),
      evilHandler,
    ],
    run: retrieve,
    error: ResponseValidationError,
    field: '',
    check: (e) => expect(e.message).toContain('redirect'),
  },
  {
    name: 'a 200 that breaks the schema and quotes the token back',
    serve: onRetrieve(() => HttpResponse.json({ ...CONFIG, url: 42, note: `seen Token ${TOKEN_A}` })),
    run: retrieve,
    error: ResponseValidationError,
    field: 'url',
    check: (e) => {
      expect((e as ResponseValidationError).body).toContain('seen Token [redacted]');
      expect((e as ResponseValidationError).body).not.toContain(TOKEN_A);
    },
  },
  {
    name: 'a 401 whose message quotes the token back',
    serve: onRetrieve(() =>
      HttpResponse.json({ error: 'unauthorized', message: `Token ${TOKEN_A} is not valid.` }, { status: 401 }),
    ),
    run: retrieve,
    error: AuthenticationError,
    check: (e) => {
      expect(e.message).toBe('webhook_config wc_1: Token [redacted] is not valid. (401 unauthorized)');
      expect((e as AuthenticationError).body).not.toContain(TOKEN_A);
    },
  },
  {
    name: 'a 401 whose JSON message quotes a token with slashes escaped (\\/)',
    serve: onRetrieve(
      () =>
        new HttpResponse('{"error":"unauthorized","message":"Token tok\\/slash\\/5ecret is not valid."}', {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    ),
    options: { token: 'tok/slash/5ecret' },
    run: retrieve,
    error: AuthenticationError,
    check: (e) => {
      expect(e.message).toBe('webhook_config wc_1: Token [redacted] is not valid. (401 unauthorized)');
      expect(JSON.stringify(e)).not.toMatch(/5ecret/);
    },
  },
  {
    name: 'a 401 whose error slug is the token itself: the slug is redacted like the rest',
    serve: onRetrieve(() => HttpResponse.json({ error: TOKEN_A, message: 'Bad token.' }, { status: 401 })),
    run: retrieve,
    error: AuthenticationError,
    check: (e) =>
      expect(e).toMatchObject({ error: '[redacted]', message: 'webhook_config wc_1: Bad token. (401 [redacted])' }),
  },
  {
    name: 'a 400 whose params echo a secret as a list of messages: hidden in params and in the body',
    serve: onRetrieve(() =>
      HttpResponse.json(
        {
          error: 'invalid-parameter',
          message: 'Bad.',
          params: { secret: ['whsec_echoed_0123456789abcdef'], url: ['Enter a URL.'] },
        },
        { status: 400 },
      ),
    ),
    run: retrieve,
    error: RequestError,
    check: (e) => {
      expect((e as RequestError).params).toEqual({ secret: '[redacted]', url: ['Enter a URL.'] });
      expect(JSON.stringify(e) + inspect(e, { depth: Infinity, showHidden: true })).not.toContain('whsec_echoed');
    },
  },
  {
    name: 'a 400 whose params quote the token back',
    serve: onRetrieve(() =>
      HttpResponse.json(
        { error: 'invalid-parameter', message: 'Bad.', params: { key: [`${TOKEN_A} is revoked`] } },
        { status: 400 },
      ),
    ),
    run: retrieve,
    error: RequestError,
    check: (e) => expect((e as RequestError).params).toEqual({ key: ['[redacted] is revoked'] }),
  },
  {
    name: 'a 429 asking to wait an hour, with retries on',
    serve: onRetrieve(() =>
      HttpResponse.json(
        { error: 'rate-limited', message: 'Slow down.' },
        { status: 429, headers: { 'retry-after': '3600' } },
      ),
    ),
    options: { maxRetries: 2 },
    run: retrieve,
    error: RateLimitError,
    check: (e) => expect(e).toMatchObject({ retryAfter: 3600, request: { attempts: 1 } }),
  },
  ...['0x14', '1e3', '20.5', '-5', '1 000', 'soon'].map(
    (advice): Case => ({
      name: `a 429 with Retry-After: ${advice}, which is neither whole seconds nor an HTTP date: ignored`,
      serve: onRetrieve(() =>
        HttpResponse.json({ error: 'rate-limited' }, { status: 429, headers: { 'retry-after': advice } }),
      ),
      run: retrieve,
      error: RateLimitError,
      check: (e) => expect((e as RateLimitError).retryAfter).toBeUndefined(),
    }),
  ),
  {
    name: 'a 429 with Retry-After as an HTTP date two minutes ahead',
    serve: onRetrieve(() =>
      HttpResponse.json(
        { error: 'rate-limited' },
        { status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } },
      ),
    ),
    run: retrieve,
    error: RateLimitError,
    check: (e) => expect((e as RateLimitError).retryAfter).toBeGreaterThan(100),
  },
  {
    name: 'a fetch that rejects with a string',
    options: { fetch: () => Promise.reject('socket hang up') },
    run: retrieve,
    error: ConnectionError,
  },
];

describe('caller input is refused before anything is sent', () => {
  it.each(callerCases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, bad) => {
      const c = client({ maxRetries: 0 });
      const prepared = (await bad.setup?.(c)) ?? {};
      const sentBefore = api.requests.length;
      const error = await outcome(bad.run(c, prepared));
      expectCase(error, bad);
      expect(api.requests).toHaveLength(sentBefore);
      expect(evilSaw).toEqual([]);
    },
    5_000,
  );
});

describe('server output becomes the right RicloudError', () => {
  it.each(serverCases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, bad) => {
      if (bad.serve) server.use(...bad.serve);
      evilSaw.length = 0;
      const error = await outcome(bad.run(client({ maxRetries: 0, ...bad.options }), {}));
      expectCase(error, bad);
      expect(evilSaw).toEqual([]);
    },
    5_000,
  );
});

it('has a table of at least 30 cases, caller and server together', () => {
  expect(callerCases.length + serverCases.length).toBeGreaterThanOrEqual(30);
  expect(serverCases.length).toBeGreaterThanOrEqual(10);
});

/** What a call threw, or a failure when it did not throw. */
async function outcome(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

function expectCase(error: unknown, bad: Case): void {
  expect(error).toBeInstanceOf(bad.error);
  expect(error).toBeInstanceOf(RicloudError);
  const e = error as RicloudError & { field?: string };
  expect(e.name).toBe(bad.error.name);
  if (bad.field !== undefined) expect(e.field).toBe(bad.field);
  expect(e.message).not.toContain(TOKEN_A);
  expect(JSON.stringify(e)).not.toContain(TOKEN_A);
  bad.check?.(e);
}
