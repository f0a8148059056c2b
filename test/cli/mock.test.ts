import { afterEach, describe, expect, it } from 'vitest';
import { freePort, json, newToken, ricloud, start, type Launched } from './support';

const running: Launched[] = [];
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts a command that keeps running (`mock`, `event listen`), killed after the test if it is still up. */
function background(args: string[], env: Record<string, string | undefined> = {}): Launched {
  const launched = start(args, env);
  running.push(launched);
  return launched;
}

describe('ricloud mock', () => {
  it('prints its URL and the export line, serves the API there, and stops cleanly on Ctrl-C', async () => {
    const mock = background(['mock', '--port', '0']);
    const [, url] = await mock.waitFor('stdout', /^Mock ricloud API listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    const [, exported] = await mock.waitFor('stdout', /^ {2}export (.+)$/m);
    expect(exported).toBe(`RICLOUD_URL=${url} RICLOUD_TOKEN=mock`);
    const env = Object.fromEntries((exported ?? '').split(' ').map((pair) => pair.split('=') as [string, string]));
    const list = await ricloud(['webhook-config', 'list'], env);
    expect(list).toMatchObject({ code: 0, stdout: '', stderr: 'No webhook configs.\n' });
    mock.child.kill('SIGINT');
    const run = await mock.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toBe(`Reset it between tests: POST ${url}/__mock/reset\nPress Ctrl-C to stop.\nMock stopped.\n`);
    expect((await ricloud(['webhook-config', 'list'], env)).code).toBe(7);
  });

  it('--json prints the URL and the environment as one JSON line, and SIGTERM stops it (exit 143)', async () => {
    const mock = background(['mock', '--port', '0', '--json', '--quiet']);
    await mock.waitFor('stdout', /\n/);
    const started = json<{ url: string; env: Record<string, string>; reset: string }>({
      stdout: mock.output.stdout,
    } as never);
    expect(started.env).toEqual({ RICLOUD_URL: started.url, RICLOUD_TOKEN: 'mock' });
    expect(started.reset).toBe(`${started.url}/__mock/reset`);
    mock.child.kill('SIGTERM');
    expect(await mock.done).toMatchObject({ code: 143, stderr: '' });
  });

  it('--port 0 --quiet still prints its URL on stdout, as data: only the hints on stderr go', async () => {
    const mock = background(['mock', '--port', '0', '--quiet']);
    const [, url] = await mock.waitFor('stdout', /^Mock ricloud API listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect((await ricloud(['webhook-config', 'list'], { RICLOUD_URL: url, RICLOUD_TOKEN: 'mock' })).code).toBe(0);
    mock.child.kill('SIGINT');
    expect(await mock.done).toMatchObject({ code: 130, stderr: '' });
  });

  it("--cors <origin> answers that origin's CORS preflight, so a page can use the mock", async () => {
    const mock = background(['mock', '--port', '0', '--cors', 'https://app.example']);
    const [, url] = await mock.waitFor('stdout', /^Mock ricloud API listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    const checked = await fetch(`${url}/configs/webhook`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect([checked.status, checked.headers.get('access-control-allow-origin')]).toEqual([204, 'https://app.example']);
  });

  it('POST /__mock/reset forgets the configs and organisations tokens made; a GET is 405, resets nothing', async () => {
    const mock = background(['mock', '--port', '0']);
    const [, url = ''] = await mock.waitFor('stdout', /^Mock ricloud API listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
    const first = { RICLOUD_URL: url, RICLOUD_TOKEN: newToken() };
    const second = { RICLOUD_URL: url, RICLOUD_TOKEN: newToken() };
    expect((await ricloud(['webhook-config', 'create', '--url', 'https://hooks.example.com/r'], first)).code).toBe(0);
    const organisation = async (env: Record<string, string>) =>
      json<{ id: string }>(await ricloud(['--json', 'organisation', 'view'], env)).id;
    expect(await organisation(second)).toBe('org_2');
    const configs = async () => json<{ data: unknown[] }>(await ricloud(['--json', 'webhook-config', 'list'], first));

    const refused = await fetch(`${url}/__mock/reset`);
    expect([refused.status, refused.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await configs()).data).toHaveLength(1);

    const reset = await fetch(`${url}/__mock/reset`, { method: 'POST' });
    expect([reset.status, await reset.json()]).toEqual([200, { reset: true }]);
    // The organisations the tokens made are forgotten: the first token seen now makes org_1 again.
    expect(await organisation(second)).toBe('org_1');
    expect((await configs()).data).toEqual([]);
  });

  it('exits 1 when the port is taken, and refuses a port that is not one (exit 2)', async () => {
    const first = background(['mock', '--port', '0']);
    const [, port] = await first.waitFor('stdout', /:(\d+)$/m);
    const second = await ricloud(['mock', '--port', port ?? '']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/EADDRINUSE/);
    const bad = await ricloud(['mock', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--port <port>' argument '70000' is invalid");
  });
});

describe('the whole lifecycle, with nothing but the command', () => {
  it(
    'mock in one process, a listener in another, and create, test and list from a third; ' +
      'the listener deletes its config on exit',
    async () => {
      const mock = background(['mock', '--port', '0']);
      const [, exported] = await mock.waitFor('stdout', /^ {2}export (.+)$/m);
      const env = {
        ...Object.fromEntries((exported ?? '').split(' ').map((pair) => pair.split('=') as [string, string])),
        RICLOUD_TOKEN: newToken(),
      };
      const port = await freePort();
      const listener = background(
        ['event', 'listen', '--port', String(port), '--webhook-url', `http://127.0.0.1:${port}/webhooks`],
        env,
      );
      const [, id] = await listener.waitFor('stderr', /Created webhook config (\S+) /);

      const test = await ricloud(['webhook-config', 'test', id ?? '', '--wait', '--json'], env);
      expect(test.code).toBe(0);
      const task = json<{ id: string; state: string }>(test);
      expect(task.state).toBe('succeeded');
      await listener.waitFor('stdout', /webhook_config\.test.*\n.*webhook_config\.test/);

      expect((await ricloud(['task', 'wait', task.id], env)).code).toBe(0);
      expect((await ricloud(['webhook-config', 'retrieve', id ?? ''], env)).stdout).toMatch(/^state +valid$/m);
      const events = await ricloud(
        ['event', 'list', '--type', 'webhook_config', '--state', 'delivered', '--json'],
        env,
      );
      expect(json<{ total_count: number }>(events).total_count).toBe(2);

      listener.child.kill('SIGINT');
      expect((await listener.done).code).toBe(130);
      // event listen deleted its config on the way out.
      const after = await ricloud(['webhook-config', 'retrieve', id ?? ''], env);
      expect(after.code).toBe(6);
      expect(after.stderr).toContain('(404 not-found)');
      mock.child.kill('SIGINT');
      expect((await mock.done).code).toBe(130);
    },
  );
});
