import { describe, expect, it } from 'vitest';
import { configure, InvalidInputError, type PermissionsParams, Permissions } from '../../src/index';
import { rejectionOf, TOKEN_A, useMockApi } from '../support/core-harness';

const { api, client } = useMockApi();
const SCOPES = { 'source_type:icloud.account': [{ level: 'user', type: 'count', value: 3 }] };

describe('Permissions', () => {
  it('create, retrieve, list (for await) and update (which replaces the scopes), in every form', async () => {
    configure({ token: TOKEN_A, baseUrl: api.baseUrl, logLevel: 'off' });
    const made = await Permissions.create({ scopes: SCOPES });
    expect(api.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/permissions',
      body: JSON.stringify({ scopes: SCOPES }),
    });
    expect(made).toBeInstanceOf(Permissions);
    expect(made).toMatchObject({ resource: 'permissions', scopes: SCOPES, lastResponse: { status: 201 } });
    const other = await client().permissions.create({ scopes: {} });
    expect((await Permissions.retrieve(made.id)).scopes).toEqual(SCOPES);
    const ids: string[] = [];
    for await (const p of Permissions.list({ limit: 1 })) ids.push(p.id);
    expect(ids).toEqual([other.id, made.id]);
    const wider = { 'task_type:icloud.*': [{ level: 'organisation', type: 'count', value: 100 }] };
    expect(await made.update({ scopes: wider })).toBe(made);
    expect(made.scopes).toEqual(wider);
    expect((await Permissions.updateWithId(other.id, { scopes: SCOPES })).scopes).toEqual(SCOPES);
    expect((await other.refresh()).scopes).toEqual(SCOPES);
  });

  it.each([
    [
      'a limit whose level is not a string',
      { 'source_type:icloud.account': [{ level: 5, type: 'count', value: 3 }] },
      'scopes.source_type:icloud.account[0].level',
    ],
    [
      'a limit with an empty type',
      { 'task_type:icloud.*': [{ level: 'user', type: '', value: 3 }] },
      'scopes.task_type:icloud.*[0].type',
    ],
    [
      'a limit without a value',
      {
        'data_type:*': [
          { level: 'key', type: 'count', value: 1 },
          { level: 'key', type: 'count' },
        ],
      },
      'scopes.data_type:*[1].value',
    ],
    ['a limit that is an empty object', { 'file_type:*': [{}] }, 'scopes.file_type:*[0].level'],
    [
      'a scope whose limits are not a list',
      { 'source_type:*': [], 'data_type:*': { level: 'key' } },
      'scopes.data_type:*',
    ],
    [
      'a limit that is not an object',
      { 'data_type:*': [{ level: 'key', type: 'count', value: 1 }, 'count'] },
      'scopes.data_type:*[1]',
    ],
    [
      'a limit that is a list',
      { 'data_type:*': [[{ level: 'key', type: 'count', value: 1 }]] },
      'scopes.data_type:*[0]',
    ],
    ['a scope named by an empty string', { '': [] }, 'scopes'],
    ['a scope named by whitespace only', { ' ': [] }, 'scopes'],
  ])('refuses %s before sending, naming it, in each form', async (_, scopes, field) => {
    const c = client();
    const made = await c.permissions.create({ scopes: {} });
    const before = api.requests.length;
    const params = { scopes } as unknown as PermissionsParams;
    for (const run of [
      () => Permissions.create(params, { client: c }),
      () => c.permissions.update(made.id, params),
      () => made.update(params),
    ]) {
      const error = await rejectionOf(run());
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field });
    }
    expect(api.requests).toHaveLength(before);
  });
});
