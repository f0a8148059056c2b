import { createServer, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newToken, ricloud, start } from './support';

// An API that takes every request and answers only when a test says so: a create whose answer never comes.
let received: () => void = () => undefined;
const waiting: ServerResponse[] = [];
const server = createServer((_request, response) => {
  waiting.push(response);
  received();
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('a create cut short says the API may have applied it', () => {
  it(
    'Ctrl-C while webhook-config create waits for its answer: exit 130 and a warning, ' +
      'so no one creates it twice blindly',
    async () => {
      const arrived = new Promise<void>((resolve) => (received = resolve));
      const run = start(['webhook-config', 'create', '--url', 'https://hooks.test/ok'], {
        RICLOUD_URL: url,
        RICLOUD_TOKEN: newToken(),
      });
      await arrived;
      run.child.kill('SIGINT');
      const { code, stdout, stderr } = await run.done;
      expect(code).toBe(130);
      expect(stdout).toBe('');
      expect(stderr).toBe('warning: create webhook_config: aborted; the request may have been applied\n');
    },
  );

  it('a server error on a create says it once, as the SDK words it', async () => {
    const arrived = new Promise<void>((resolve) => (received = resolve));
    const run = ricloud(['webhook-config', 'create', '--url', 'https://hooks.test/ok'], {
      RICLOUD_URL: url,
      RICLOUD_TOKEN: newToken(),
    });
    await arrived;
    (waiting.pop() as ServerResponse)
      .writeHead(500, { 'content-type': 'application/json' })
      .end('{"error":"server-error","message":"boom"}');
    const { code, stderr } = await run;
    expect(code).toBe(1);
    expect(stderr.match(/may have been applied/g)).toHaveLength(1);
  });
});
