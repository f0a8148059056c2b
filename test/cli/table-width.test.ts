/**
 * Tables line up on a terminal whatever script their values are in: a column is as wide as the columns its widest
 * cell takes, where a CJK character or an emoji takes two and a letter with a combining accent one.
 */
import { describe, expect, it } from 'vitest';
import { newToken, ricloud, useMockServer } from './support';

const { env, client } = useMockServer();

describe('a table of values in any script', () => {
  it('pads each cell to the columns it takes, so the next column starts at the same place on every row', async () => {
    const token = newToken();
    // The widest takes 16 columns in 8 characters; the others 10, 4 (5 characters) and 4 (3 characters).
    const identifiers = ['日本語のユーザー', 'ascii-user', 'cafe\u0301', '🙂ok'];
    for (const identifier of identifiers) await client(token).users.create({ identifier });
    const run = await ricloud(['user', 'list'], env(token));
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^ID {36}IDENTIFIER {8}STATE {3}DATE_CREATED$/);
    // Each identifier, then the spaces up to 16 columns, then the two between columns: STATE starts at one place.
    const spaces = [2, 8, 14, 14];
    for (const [i, identifier] of identifiers.entries()) {
      const count = spaces[i] as number;
      expect(rows.find((row) => row.includes(identifier))).toContain(`  ${identifier}${' '.repeat(count)}active  `);
    }
  });
});
