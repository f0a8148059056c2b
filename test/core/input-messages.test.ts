/**
 * What each refusal of bad input says: an InvalidInputError naming the field and what it must be, before anything is
 * sent; and the values at the edges of each rule, which are sent.
 */
import { describe, expect, it } from 'vitest';
import { Client, InvalidInputError, NotFoundError } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, client } = useMockApi();
const HOOK = 'https://hooks.example.com/in';

/** The error `call` throws or rejects with, checked to be an InvalidInputError naming `field`; nothing was sent. */
async function refusal(field: string, call: () => unknown): Promise<string> {
  const before = api.requests.length;
  let error: unknown;
  try {
    await call();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe(field);
  expect(api.requests.length).toBe(before);
  return (error as Error).message;
}

/** The query the last request carried. */
const lastQuery = () => api.requests.at(-1)?.query;

describe('ids', () => {
  it.each([
    ['', 'id: must not be empty'],
    ['  ', 'id: must not be only whitespace'],
    ['x'.repeat(257), 'id: is 257 characters long; ids are at most 256'],
    ['a/b', 'id: must not contain "/"'],
    ['a\\b', 'id: must not contain "\\"'],
    ['.', 'id: must not be "."'],
    ['..', 'id: must not be ".."'],
    ['a\uD800', 'id: is not well-formed Unicode text'],
    [{}, 'id: must be a string, got an object'],
    [null, 'id: must be a string, got null'],
    [undefined, 'id: must be a string, got undefined'],
    [['a'], 'id: must be a string, got an array'],
    [new Date(0), 'id: must be a string, got a Date'],
    [true, 'id: must be a string, got true'],
    [() => 'wc_1', 'id: must be a string, got a function'],
  ])('%j is refused: %s', async (id, message) => {
    expect(await refusal('id', () => client().webhookConfigs.retrieve(id as string))).toBe(message);
  });

  it.each([
    [Number.NaN, 'id: must be a string, got NaN'],
    [Number.POSITIVE_INFINITY, 'id: must be a string, got Infinity'],
    [1.5, 'id: must be a string, got 1.5'],
    // 2 ** 53 + 1 as JSON.parse reads it: the id the server sent is lost, and this one may be another resource's.
    [2 ** 53, 'id: must be a string, got 9007199254740992'],
  ])('the number %s, no safe whole number, is refused: %s', async (id, message) => {
    expect(await refusal('id', () => client().webhookConfigs.retrieve(id as never))).toBe(message);
  });

  it('says to pass the id of a resource, or of any object with one, given in its place', async () => {
    const cfg = await client().webhookConfigs.create({ url: HOOK });
    const hint = 'id: must be a string, got an object with an id: pass its .id';
    expect(await refusal('id', () => client().webhookConfigs.retrieve(cfg as never))).toBe(hint);
    expect(await refusal('id', () => client().tasks.retrieve({ id: 'task_1' } as never))).toBe(hint);
  });

  it('asks whether an await was forgotten when it gets a Promise, as from a create not awaited', async () => {
    const pending = client().webhookConfigs.create({ url: HOOK });
    expect(await refusal('id', () => client().webhookConfigs.retrieve(pending as never))).toBe(
      'id: must be a string, got a Promise (a missing await?)',
    );
    await pending;
  });

  it('a number that is no safe whole number is refused where an id is a parameter too', async () => {
    expect(await refusal('after_id', () => client().webhookConfigs.list({ after_id: Number.NaN as never }))).toBe(
      'after_id: must be a string, got NaN',
    );
  });

  const SENT: [string | number][] = [['x'.repeat(256)], ['...'], [12], [0], [Number.MAX_SAFE_INTEGER]];
  it.each(SENT)('%j is sent, path-encoded', async (id) => {
    expect(await rejectionOf(client().webhookConfigs.retrieve(id as string))).toBeInstanceOf(NotFoundError);
    expect(api.requests.at(-1)?.path).toBe(`/configs/webhook/${id}`);
  });
});

describe('text of whitespace only', () => {
  const NON_EMPTY = 'must be a non-empty string';
  it.each([
    [
      "an organisation's name",
      'name',
      () => client().organisation.update({ name: '   ' }),
      `${NON_EMPTY}, got only whitespace`,
    ],
    ['an empty name', 'name', () => client().organisation.update({ name: '' }), `${NON_EMPTY}, got an empty string`],
    [
      "a task's target",
      'target',
      () => client().tasks.create({ type: 'x', target: '\t\n' }),
      `${NON_EMPTY}, got only whitespace`,
    ],
    ['a list filter', 'state', () => client().keys.list({ state: ' ' }), `${NON_EMPTY}, got only whitespace`],
    [
      'a password, whose value is otherwise never described',
      'payload.password',
      () => client().sessions.create({ source: 'src_1', payload: { password: '   ' } }),
      `${NON_EMPTY}, got only whitespace`,
    ],
    [
      "a webhook config's url",
      'url',
      () => client().webhookConfigs.create({ url: '   ' }),
      'must be an absolute http(s) URL, got only whitespace',
    ],
    [
      'an empty url',
      'url',
      () => client().webhookConfigs.create({ url: '' }),
      'must be an absolute http(s) URL, got an empty string',
    ],
    ['a reference', 'user', () => client().tasks.create({ type: 'x', user: ' \n' }), 'must not be only whitespace'],
  ])('%s is refused saying so', async (_, field, call, message) => {
    expect(await refusal(field, call)).toBe(`${field}: ${message}`);
  });

  it('a password that is not text is still not described', async () => {
    const message = await refusal('payload.password', () =>
      client().sessions.create({ source: 'src_1', payload: { password: 5 as unknown as string } }),
    );
    expect(message).toBe(`payload.password: must be a non-empty string`);
  });
});

describe('an update with nothing to change', () => {
  it.each([
    ['webhook config', () => client().webhookConfigs.update('wc_1', {} as never), ['url', 'state']],
    [
      'storage config',
      () => client().storageConfigs.update('sc_1', {} as never),
      ['url', 'credentials', 'signed_urls_enabled', 'signed_urls_expiry', 'state'],
    ],
    ['key', () => client().keys.update('key_1', {} as never), ['webhook_config', 'storage_config']],
    ['user', () => client().users.update('usr_1', { identifier: undefined } as never), ['identifier', 'state']],
    [
      'organisation',
      () => client().organisation.update({} as never),
      ['webhook_config_default', 'storage_config_default', 'name'],
    ],
  ])(
    'of a %s is refused, naming the fields it needs one of in the message and in `needs`',
    async (_, update, needs) => {
      const error = await rejectionOf(update());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: 'params', needs });
      const list = `${needs.slice(0, -1).join(', ')} or ${needs.at(-1)}`;
      expect((error as Error).message).toBe(`params: an update needs ${list}`);
    },
  );
});

describe('receiver urls and the base URL', () => {
  it.each([
    [5, 'url: must be a string, got 5'],
    ['https://hooks.example.com/a b', 'url: must not contain whitespace, line breaks or control characters'],
    ['https://hooks.example.com/a\u0007', 'url: must not contain whitespace, line breaks or control characters'],
    ['hooks.example.com/in', 'url: must be an absolute http(s) URL'],
    ['ftp://hooks.example.com/in', 'url: must use http or https, not ftp'],
    ['https://user@hooks.example.com/in', 'url: must not contain credentials (user:password@)'],
    ['https://:pass@hooks.example.com/in', 'url: must not contain credentials (user:password@)'],
  ])('%j is refused: %s', async (url, message) => {
    expect(await refusal('url', () => client().webhookConfigs.create({ url: url as string }))).toBe(message);
  });

  it.each([['http://hooks.example.com/in'], [HOOK]])('%s is sent as given', async (url) => {
    expect((await client().webhookConfigs.create({ url })).url).toBe(url);
  });

  it.each([['https://api.example.com/?a=1'], ['https://api.example.com/#top']])(
    'a base URL with a query or fragment is refused: %s',
    async (baseUrl) => {
      expect(await refusal('options.baseUrl', () => new Client({ token: TOKEN_A, baseUrl }))).toBe(
        'options.baseUrl: must not have a query (?) or fragment (#): request paths are appended to it',
      );
    },
  );

  it.each([['Token tok_a'], ['Bearer tok_a'], ['token\ttok_a']])(
    'a token given with its scheme (%j, as an Authorization header has it) is refused, saying to pass it alone',
    async (token) => {
      expect(await refusal('token', () => new Client({ token, baseUrl: api.baseUrl }))).toBe(
        'token: must be the key token alone, without "Token " or "Bearer " before it',
      );
    },
  );

  it('a token with a space inside is refused', async () => {
    expect(await refusal('token', () => new Client({ token: 'tok_a b', baseUrl: api.baseUrl }))).toBe(
      'token: must not contain whitespace or control characters',
    );
  });
});

describe('datetime filters', () => {
  const MUST = 'must be a valid Date or ISO 8601 with a zone (years 0000 to 9999), e.g. 2025-01-31T12:00:00Z';

  it.each([
    ['date_created', 'nonsense', `date_created: ${MUST}`],
    ['date_created', '2025-02-30', `date_created: ${MUST}`],
    ['date_created', '2025-01-31T24:00Z', `date_created: ${MUST}`],
    ['date_created', '2025-01-31T12:00', `date_created: ${MUST}`],
    ['date_created', new Date(Number.NaN), `date_created: ${MUST}`],
    ['date_created', new Date(253_402_300_800_000), `date_created: ${MUST}`],
    ['date_created', new Date(-62_167_219_200_001), `date_created: ${MUST}`],
    ['date_created', 5, 'date_created: must be a Date, an ISO string or a range, got 5'],
    ['date_created', null, 'date_created: must be a Date, an ISO string or a range, got null'],
    ['date_created', {}, 'date_created: a range needs at least one of gt, gte, lt, lte'],
    ['date_created', { gt: undefined }, 'date_created: a range needs at least one of gt, gte, lt, lte'],
    ['date_created.since', { since: '2025-01-01' }, 'date_created.since: is not a range operator (gt, gte, lt, lte)'],
    ['date_created.gt', { gt: 'soon' }, `date_created.gt: ${MUST}`],
  ])('%s is refused for %j', async (field, filter, message) => {
    const list = () => client().webhookConfigs.list({ date_created: filter as string });
    expect(await refusal(field, list)).toBe(message);
  });

  it.each([
    ['2025-01-31', { date_created: '2025-01-31T00:00:00.000Z' }],
    ['0000-01-01T00:00:00Z', { date_created: '0000-01-01T00:00:00.000Z' }],
    [new Date(253_402_300_799_999), { date_created: '9999-12-31T23:59:59.999Z' }],
    ['2025-01-31T12:00:00.1234567+01:00', { date_created: '2025-01-31T11:00:00.1234567Z' }],
    ['2025-01-31T12:00:00.123+01:00', { date_created: '2025-01-31T11:00:00.123Z' }],
    [
      { gte: new Date(0), lt: '2025-01-31T12:00Z', gt: undefined },
      { date_created__gte: '1970-01-01T00:00:00.000Z', date_created__lt: '2025-01-31T12:00:00.000Z' },
    ],
  ])('%j is sent as %j', async (filter, query) => {
    await client().webhookConfigs.list({ date_created: filter as string });
    expect(lastQuery()).toEqual(query);
  });
});

describe('page sizes, parameters and options', () => {
  it.each([
    [0, 'limit: must be a whole number from 1 to 1000, got 0'],
    [1001, 'limit: must be a whole number from 1 to 1000, got 1001'],
    [1.5, 'limit: must be a whole number from 1 to 1000, got 1.5'],
    ['10', 'limit: must be a whole number from 1 to 1000, got a string of 2 characters'],
  ])('a limit of %j is refused', async (limit, message) => {
    expect(await refusal('limit', () => client().webhookConfigs.list({ limit: limit as number }))).toBe(message);
  });

  it.each([[1], [1000]])('a limit of %i is sent', async (limit) => {
    await client().webhookConfigs.list({ limit });
    expect(lastQuery()).toEqual({ limit: String(limit) });
  });

  it('an unknown parameter is refused, naming the ones there are', async () => {
    const list = () => client().webhookConfigs.list({ colour: 'red' } as never);
    expect(await refusal('colour', list)).toMatch(/^colour: is not a list parameter \(expected one of state, .*limit/);
  });

  it('an unknown update parameter is refused with the right article: `an update parameter`', async () => {
    const update = () => client().webhookConfigs.update('wc_1', { colour: 'red' } as never);
    expect(await refusal('colour', update)).toMatch(/^colour: is not an update parameter \(expected one of /);
  });

  it("ricloud-py's flat `date_created__gte` is refused as an unknown parameter, naming date_created", async () => {
    const list = () => client().events.list({ date_created__gte: '2024-05-01' } as never);
    expect(await refusal('date_created__gte', list)).toMatch(
      /^date_created__gte: is not a list parameter \(expected one of [^)]*\bdate_created\b[^)]*\)$/,
    );
  });

  it('parameters that are not an object are refused', async () => {
    expect(await refusal('params', () => client().webhookConfigs.list('x' as never))).toBe(
      'params: must be an object, got a string of 1 character',
    );
  });

  it.each([
    [{ timeout: 0 }, 'options.timeout', 'must be a number of milliseconds from 1 to 2147483647, got 0'],
    [
      { timeout: 2_147_483_648 },
      'options.timeout',
      'must be a number of milliseconds from 1 to 2147483647, got 2147483648',
    ],
    [{ maxRetries: 11 }, 'options.maxRetries', 'must be a whole number from 0 to 10, got 11'],
    [{ maxRetries: 0.5 }, 'options.maxRetries', 'must be a whole number from 0 to 10, got 0.5'],
    [{ fetch: 'x' }, 'options.fetch', 'must be a function, got a string of 1 character'],
  ])('client options %j are refused', async (options, field, message) => {
    const make = () => new Client({ token: TOKEN_A, baseUrl: api.baseUrl, ...(options as object) });
    expect(await refusal(field, make)).toBe(`${field}: ${message}`);
  });

  it('a misspelt option offers only the options of where it was given', async () => {
    const offered = (message: string) => /\(expected one of (.*)\)$/.exec(message)?.[1]?.split(', ');
    const make = () => new Client({ token: TOKEN_A, baseUrl: api.baseUrl, timout: 5 } as never);
    expect(offered(await refusal('options.timout', make))).toEqual(
      expect.not.arrayContaining(['signal', 'awaitFor', 'client']),
    );
    expect(offered(await refusal('options.timout', make))).toEqual(expect.arrayContaining(['timeout', 'deadline']));
    const task = await (await client().webhookConfigs.create({ url: HOOK })).test();
    const wait = () => task.wait({ timout: 5 } as never);
    expect(await refusal('options.timout', wait)).toBe(
      'options.timout: is not an option (expected one of timeout, maxRetries, signal, headers, onRequest, ' +
        'onResponse, onRetry)',
    );
    const retrieve = () => client().webhookConfigs.retrieve('wc_1', { timout: 5 } as never);
    expect(offered(await refusal('options.timout', retrieve))).toEqual(
      expect.arrayContaining(['deadline', 'awaitFor', 'signal', 'client']),
    );
  });

  it('the edges of the timeout and of maxRetries are taken', async () => {
    const c = client({ timeout: 2_147_483_647, deadline: 2_147_483_647, maxRetries: 10 });
    expect((await c.webhookConfigs.list({}, { maxRetries: 0 })).data).toEqual([]);
  });

  it('a wait longer than the server allows is refused, in seconds', async () => {
    const list = () => client().webhookConfigs.list({}, { awaitFor: 10.5 });
    expect(await refusal('options.awaitFor', list)).toBe(
      'options.awaitFor: must be a number of seconds from 0 to 10, got 10.5',
    );
  });
});

describe('the fields of the other resources', () => {
  it.each([
    [
      "a source's state it cannot be set to",
      'state',
      () => client().sources.update('src_1', { state: 'blocked' } as never),
      'state: can only be set to active or deactivated',
    ],
    [
      'a storage type the API does not have',
      'type',
      () => client().storageConfigs.list({ type: 'azure' } as never),
      'type: can only be gs or s3',
    ],
    [
      'a flag that is not a boolean',
      'signed_urls_enabled',
      () => client().storageConfigs.update('sc_1', { signed_urls_enabled: 'yes' } as never),
      'signed_urls_enabled: must be true or false, got a string of 3 characters',
    ],
    [
      'an interval of no seconds',
      'interval',
      () => client().subscriptions.create({ session: 's_1', poll_payload: { data_types: ['x'] }, interval: 0 }),
      `interval: must be a whole number of seconds from 1 to ${Number.MAX_SAFE_INTEGER}, got 0`,
    ],
    [
      'a payload list that is not a list',
      'payload.data_types',
      () => client().polls.create({ session: 's_1', payload: { data_types: 'photos' as never } }),
      'payload.data_types: must be a list of strings, got a string of 6 characters',
    ],
    [
      'a missing required field',
      'identifier',
      () => client().sources.create({ user: 'u_1', type: 'icloud.account' } as never),
      'identifier: is required',
    ],
    [
      'a null cursor',
      'after_id',
      () => client().webhookConfigs.list({ after_id: null as never }),
      'after_id: must be a string, got null',
    ],
  ])('%s is refused', async (_, field, call, message) => {
    expect(await refusal(field, call)).toBe(message);
  });

  it.each([[0], [1001]])('a batch of %i results to acknowledge is refused, saying how many it got', async (count) => {
    const ids = Array.from({ length: count }, (_, i) => `res_${i}`);
    expect(await refusal('ids', () => client().results.acknowledge(ids))).toBe(
      `ids: must be a list of 1 to 1000 ids, got ${count} ids`,
    );
  });

  it('a batch that is no list is refused, saying what it got', async () => {
    expect(await refusal('ids', () => client().results.acknowledge('res_1' as never))).toBe(
      'ids: must be a list of 1 to 1000 ids, got a string of 5 characters',
    );
  });

  it('a batch of 1000 results to acknowledge is sent', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `res_${i}`);
    // The mock knows none of them, so the API refuses the batch; what matters is that it was sent whole.
    expect(await rejectionOf(client().results.acknowledge(ids))).not.toBeInstanceOf(InvalidInputError);
    const sent = api.requests.at(-1);
    expect(sent?.path).toBe('/results/ack');
    // Too large for the log to keep, so the log gives its size: that of all 1000 ids.
    expect(sent?.bodyBytes).toBe(JSON.stringify({ ids }).length);
  });
});
