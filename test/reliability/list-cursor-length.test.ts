/**
 * A walk through a list remembers each cursor it continued after, to spot a cycle. A server whose items carry ids far
 * longer than any id (over 256 characters, the longest the SDK puts in a path) would make that memory grow with every
 * page: such an id is no cursor, and ends the walk before it is sent or kept. Over a real socket.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, ResponseValidationError } from '../../src/index';
import { CONFIG_ANSWER, rejectionOf, TOKEN_A } from '../support/core-harness';

// The server stops after this many pages, so a walk that is not stopped still ends.
const PAGES = 3;

let server: Server;
let baseUrl = '';
let idLength = 0;
const asked: (string | null)[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    asked.push(new URL(request.url ?? '/', 'http://x').searchParams.get('after_id'));
    const page = asked.length;
    const id = `wc_${page}_`.padEnd(idLength, 'x');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ data: [{ ...CONFIG_ANSWER, id }], has_more: page < PAGES }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Every item of the list, walked with `for await`, with ids of `length` characters. */
async function walk(length: number): Promise<string[]> {
  idLength = length;
  asked.length = 0;
  const client = new Client({ token: TOKEN_A, baseUrl, logLevel: 'off' });
  const ids: string[] = [];
  for await (const config of client.webhookConfigs.list()) ids.push(config.id);
  return ids;
}

describe('a list whose ids are longer than any id', () => {
  it('ends the walk at the first such cursor with ResponseValidationError, before fetching the next page', async () => {
    const error = await rejectionOf(walk(257));
    expect(error).toBeInstanceOf(ResponseValidationError);
    // An id no path could hold is no cursor: the item is as good as one without an id.
    expect(error.message).toBe('list: the server said has_more but sent no new item to continue after');
    expect((error as ResponseValidationError).status).toBe(200);
    expect(asked).toEqual([null]);
  });

  it('ids of 256 characters are walked as usual', async () => {
    const ids = await walk(256);
    expect(ids).toHaveLength(PAGES);
    expect(asked.slice(1)).toEqual(ids.slice(0, -1));
  });
});
