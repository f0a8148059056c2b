import { describe, expect, it } from 'vitest';
import { configure, Permissions } from '../../src/index';
import { TOKEN_A, useMockApi } from '../support/core-harness';

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
});
