import { describe, expect, it } from 'vitest';
import { json, ndjson, newToken, ricloud, useMockServer } from './support';

const { env, client } = useMockServer();

describe('ricloud user', () => {
  it('create prints the new user; --json is the API object', async () => {
    const token = newToken();
    const text = await ricloud(['user', 'create', '--identifier', 'customer-42'], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^identifier +customer-42$/m);
    expect(text.stdout).toMatch(/^state +active$/m);
    const doc = await ricloud(['user', 'create', '--identifier', 'customer-43', '--json'], env(token));
    const made = json<{ id: string; identifier: string }>(doc);
    expect((await client(token).users.retrieve(made.id)).identifier).toBe('customer-43');
  });

  it('list shows a table, filters by --identifier, and walks every page with --all --json', async () => {
    const token = newToken();
    for (const identifier of ['a', 'b', 'c']) await client(token).users.create({ identifier });
    const table = await ricloud(['user', 'list'], env(token));
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +IDENTIFIER +STATE +DATE_CREATED$/);
    expect(table.stdout.trim().split('\n')).toHaveLength(4);
    const only = await ricloud(['user', 'list', '--identifier', 'b', '--json'], env(token));
    expect(json<{ total_count: number }>(only).total_count).toBe(1);
    const all = await ricloud(['user', 'list', '--all', '--limit', '1', '--json'], env(token));
    expect(all.code).toBe(2);
    const walked = await ricloud(['user', 'list', '--all', '--json'], env(token));
    expect(ndjson<{ identifier: string }>(walked.stdout).map((user) => user.identifier)).toEqual(['c', 'b', 'a']);
  });

  it('create --key makes the user of another key of the organisation; a bad --key is refused naming it', async () => {
    const token = newToken();
    const other = await client(token).keys.create({});
    const made = json<{ key: string }>(
      await ricloud(['user', 'create', '--identifier', 'c-1', '--key', other.id, '--json'], env(token)),
    );
    expect(made.key).toBe(other.id);
    const bad = await ricloud(['user', 'create', '--identifier', 'c-2', '--key', 'a/b'], env(token));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: invalid --key: /);
  });

  it('create refuses an empty --identifier before sending, naming it (exit 2)', async () => {
    const run = await ricloud(['user', 'create', '--identifier', ''], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: invalid --identifier: /);
  });
});
