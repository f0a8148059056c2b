/**
 * A deactivated config is switched back on only by `state: "new"`: an update of its url (or a storage config's
 * credentials) alone keeps it deactivated, hidden from lists, and untested; a test asked for runs, and keeps it so.
 */
import { describe, expect, it } from 'vitest';
import { pyMock } from './support';

const server = pyMock('token-deactivated-configs');
const { call } = server;
const update = (path: string, body: Record<string, unknown>) => call(path, { method: 'POST', body });

const kinds = [
  ['webhook', { url: 'https://hooks.example.com/a' }, { url: 'https://hooks.example.com/b' }],
  ['storage', { url: 'gs://bucket-a/x', credentials: { private_key: 'k' } }, { url: 'gs://bucket-b/y' }],
  ['storage', { url: 'gs://bucket-a/x', credentials: { private_key: 'k' } }, { credentials: { private_key: 'k2' } }],
] as const;

describe.each(kinds)('a deactivated %s config', (kind, created, change) => {
  const path = `/configs/${kind}`;

  it(`stays deactivated and untested after an update of ${Object.keys(change)[0]} alone`, async () => {
    const { id } = (await update(path, created)).json;
    await server.mock.api.settle();
    await update(`${path}/${id}`, { state: 'deactivated' });
    const tests = server.mock.api.created.task;
    const changed = await update(`${path}/${id}`, change);
    expect(changed).toMatchObject({ status: 200, json: { id, state: 'deactivated' } });
    await server.mock.api.settle();
    expect(server.mock.api.created.task).toBe(tests);
    expect((await call(`${path}/${id}`)).json.state).toBe('deactivated');
    expect((await call(path)).json.total_count).toBe(0);
  });

  it('is tested by POST <config>/test, its task succeeding, and stays deactivated', async () => {
    const { id } = (await update(path, created)).json;
    await server.mock.api.settle();
    await update(`${path}/${id}`, { state: 'deactivated' });
    const task = await call(`${path}/${id}/test`, { method: 'POST', body: null });
    expect(task).toMatchObject({ status: 201, json: { target: id, state: 'pending' } });
    await server.mock.api.settle();
    expect((await call(`/tasks/${task.json.id}`)).json.state).toBe('succeeded');
    expect((await call(`${path}/${id}`)).json.state).toBe('deactivated');
    expect((await call(path)).json.total_count).toBe(0);
  });

  it('is switched on by state new: tested again, then valid', async () => {
    const { id } = (await update(path, created)).json;
    await server.mock.api.settle();
    await update(`${path}/${id}`, { state: 'deactivated' });
    expect((await update(`${path}/${id}`, { ...change, state: 'new' })).json.state).toBe('new');
    await server.mock.api.settle();
    expect((await call(`${path}/${id}`)).json.state).toBe('valid');
    expect((await call(path)).json.total_count).toBe(1);
  });
});
