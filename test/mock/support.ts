/** Helpers of the mock's wire tests: requests written as stock ricloud-py 3.2.0 writes them, and a local receiver. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type MockServer, startMockServer } from '../../src/mock/index';

/** The headers ricloud-py 3.2.0 sends on every call (through `requests`): never a Content-Type. */
export const pyHeaders = (token: string): Record<string, string> => ({
  authorization: `Token ${token}`,
  'user-agent': 'ricloud-py/3.2.0',
  // `await_for` is the string "0", which Python reads as true: ricloud-py always sends it.
  'ricloud-await': '0',
  accept: '*/*',
});

/** An answer, its JSON read. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the tests read whatever JSON the mock answered, field by field.
  json: Record<string, any>;
}

/**
 * A call as ricloud-py makes it: `data=json.dumps(body)` as bytes, with no Content-Type (fetch adds
 * `text/plain` to a string body, never to bytes); `body: null` sends the text `null`, as `test()` does.
 */
export async function py(
  base: string,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; query?: Record<string, string> } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: pyHeaders(token),
    body: init.body === undefined ? null : new TextEncoder().encode(JSON.stringify(init.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

/**
 * A mock server for a test file, whose deliveries all answer 200: started before its tests, settled and reset after
 * each, closed after all; `call` calls it as ricloud-py does with `token`.
 */
export function pyMock(token: string) {
  let mock: MockServer | undefined;
  beforeAll(async () => {
    mock = await startMockServer({ taskDelay: 1, deliver: async () => new Response('OK') });
  });
  afterEach(async () => {
    await mock?.api.settle();
    mock?.api.reset();
  });
  afterAll(() => mock?.close());
  const server = {
    get mock(): MockServer {
      if (!mock) throw new Error('The mock server starts before the tests.');
      return mock;
    },
    call: (path: string, init?: Parameters<typeof py>[3]) => py(server.mock.url, token, path, init),
  };
  return server;
}

/** A delivery a receiver got. */
export interface Delivery {
  path: string;
  signature: string;
  body: string;
}

/** A receiver on loopback that records deliveries and answers `status(delivery)` (200 unless changed). */
export async function startReceiver(status: (delivery: Delivery) => number | Promise<number> = () => 200) {
  const received: Delivery[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const delivery = { path: req.url ?? '', signature: String(req.headers['ricloud-signature']), body };
    received.push(delivery);
    res.writeHead(await status(delivery)).end('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
