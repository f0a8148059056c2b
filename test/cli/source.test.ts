import { describe, expect, it } from 'vitest';
import { json, newToken, ricloud, useMockServer } from './support';

const { env, client } = useMockServer();

describe('ricloud source', () => {
  it("list finds a user's source by identifier as ricloud-py's icloud session latest does; shows a table", async () => {
    const token = newToken();
    const c = client(token);
    const [owner, other] = [
      await c.users.create({ identifier: 'owner' }),
      await c.users.create({ identifier: 'other' }),
    ];
    const mine = await c.sources.create({ user: owner, type: 'icloud.account', identifier: 'john@icloud.com' });
    await c.sources.create({ user: other, type: 'icloud.account', identifier: 'john@icloud.com' });
    await c.sources.create({ user: owner, type: 'icloud.account', identifier: 'jane@icloud.com' });

    const found = await ricloud(
      ['source', 'list', '--user', owner.id, '--identifier', 'john@icloud.com', '--json'],
      env(token),
    );
    expect(found.code).toBe(0);
    expect(json<{ data: { id: string }[] }>(found).data.map((source) => source.id)).toEqual([mine.id]);

    const table = await ricloud(['source', 'list', '--type', 'icloud.account', '--state', 'unvalidated'], env(token));
    expect(table.stdout.split('\n')[0]).toMatch(/^ID +TYPE +IDENTIFIER +STATE +USER +DATE_CREATED$/);
    expect(table.stdout).toMatch(
      new RegExp(`^${mine.id} +icloud\\.account +john@icloud\\.com +unvalidated +${owner.id}`, 'm'),
    );
    expect(table.stdout.trim().split('\n')).toHaveLength(4);
  });
});
