import { afterEach, describe, expect, it } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import {
  configTestEvent,
  freePort,
  ndjson,
  newToken,
  OK_URL,
  ricloud,
  start,
  useMockServer,
  type Launched,
  type Run,
} from './support';

const { mock, env, client } = useMockServer();

// Listeners still running when a test fails are stopped here.
const running: Launched[] = [];
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `ricloud event listen args…` and resolves once it listens, with its output collected. */
async function listen(args: string[], environment: Record<string, string | undefined>): Promise<Launched> {
  const listener = start(['event', 'listen', ...args], environment);
  running.push(listener);
  await listener.waitFor('stderr', /Listening on http:\/\/\S+/);
  return listener;
}

/** A config whose URL points at a listener on `port`; its first test delivery finds nobody and fails. */
async function configFor(token: string, port: number) {
  const cfg = await client(token).webhookConfigs.create({ url: `http://127.0.0.1:${port}/webhooks` });
  await mock().api.settle();
  return cfg;
}

/** Stops a listener with Ctrl-C and returns its run. */
async function interrupt(listener: Launched): Promise<Run> {
  listener.child.kill('SIGINT');
  return listener.done;
}

describe('ricloud event listen --secret', () => {
  it("verifies the mock's delivery and prints the event as one line", async () => {
    const token = newToken();
    const port = await freePort();
    const cfg = await configFor(token, port);
    const listener = await listen(['--port', String(port), '--secret', cfg.secret ?? ''], env(token));
    const test = await ricloud(['webhook-config', 'test', cfg.id, '--wait'], env(token));
    expect(test.code).toBe(0);
    const line = await listener.waitFor('stdout', /^.*webhook_config\.test.*$/m);
    const [event] = (await client(token).events.list({ state: 'delivered' })).data;
    expect(line[0]).toBe(`${event?.date_created}  webhook_config.test  ${event?.id}  webhook_config ${cfg.id}`);
    const run = await interrupt(listener);
    expect(run.code).toBe(130);
    expect(run.stdout + run.stderr).not.toContain(cfg.secret);
  });

  it('--json prints each event as one JSON object per line', async () => {
    const token = newToken();
    const port = await freePort();
    const cfg = await configFor(token, port);
    const listener = await listen(['--port', String(port), '--secret', cfg.secret ?? '', '--json'], env(token));
    for (let i = 0; i < 2; i++)
      expect((await ricloud(['webhook-config', 'test', cfg.id, '--wait'], env(token))).code).toBe(0);
    const run = await interrupt(listener);
    const events = ndjson(run.stdout);
    expect(events).toHaveLength(2);
    expect(
      events.every(
        (e) => e.type === 'webhook_config' && e.action === 'test' && (e.data as { id: string }).id === cfg.id,
      ),
    ).toBe(true);
  });

  it('refuses a delivery signed with another secret (the task fails) and reports it on stderr', async () => {
    const token = newToken();
    const port = await freePort();
    const cfg = await configFor(token, port);
    const listener = await listen(['--port', String(port), '--secret', 'not-the-secret'], env(token));
    const test = await ricloud(['webhook-config', 'test', cfg.id, '--wait'], env(token));
    expect(test.code).toBe(3);
    const run = await interrupt(listener);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('refused a delivery: signature does not match');
  });

  it('takes the secret from RICLOUD_SECRET; --exclude / --only leave events out while accepting them', async () => {
    const token = newToken();
    const port = await freePort();
    const cfg = await configFor(token, port);
    for (const filter of [
      ['--exclude', 'webhook_config.test'],
      ['--only', 'task.succeeded,task.failed'],
    ]) {
      const listener = await listen(
        ['--port', String(port), ...filter],
        env(token, { RICLOUD_SECRET: cfg.secret ?? undefined }),
      );
      expect((await ricloud(['webhook-config', 'test', cfg.id, '--wait'], env(token))).code).toBe(0);
      const run = await interrupt(listener);
      expect(run.stdout).toBe('');
    }
  });

  it('acknowledges a copy of a delivery already received (200) without printing the event again', async () => {
    const port = await freePort();
    const listener = await listen(['--port', String(port), '--secret', 'whsec_replay', '--json'], {});
    const event = configTestEvent('evt_replayed');
    const delivery = await createSignedRequest(event, 'whsec_replay', { url: `http://127.0.0.1:${port}/webhooks` });
    expect((await fetch(delivery.clone())).status).toBe(200);
    expect((await fetch(delivery)).status).toBe(200);
    const run = await interrupt(listener);
    expect(ndjson(run.stdout).map((printed) => printed.id)).toEqual(['evt_replayed']);
    // One line, which does not say refused: the copy was acknowledged.
    expect(run.stderr).toMatch(/^ignored a copy of a delivery: event evt_replayed was already received$/m);
  });

  it('--json leaves out the secrets an event carries in its data, as event retrieve --json does', async () => {
    const port = await freePort();
    const listener = await listen(['--port', String(port), '--secret', 'whsec_listen', '--json'], {});
    const event = configTestEvent('evt_secrets');
    const data = {
      ...event.data,
      secret: 'whsec_in_data_0123456789',
      nested: { Token: 'tok_in_data_0123456789', credentials: { private_key: 'key_in_data_0123456789' } },
      results: [
        { id: 'res_1', signed_url: { url: 'https://bucket.example/f?sig=url_in_data_0123456789', date_expires: 'x' } },
      ],
    };
    const delivery = await createSignedRequest({ ...event, data }, 'whsec_listen', {
      url: `http://127.0.0.1:${port}/webhooks`,
    });
    expect((await fetch(delivery)).status).toBe(200);
    const run = await interrupt(listener);
    expect(run.stdout).not.toMatch(/in_data_0123456789/);
    expect(ndjson(run.stdout)).toEqual([
      {
        ...event,
        data: { ...event.data, nested: {}, results: [{ id: 'res_1', signed_url: { date_expires: 'x' } }] },
      },
    ]);
  });

  it('--port 0 --quiet still prints its address, the port the OS chose, as the first line of stderr', async () => {
    const listener = start(['event', 'listen', '--port', '0', '--quiet', '--secret', 'whsec_quiet', '--json'], {});
    running.push(listener);
    const [, url] = await listener.waitFor(
      'stderr',
      /^Listening on (http:\/\/127\.0\.0\.1:\d+) \(POST to any path\)\.$/m,
    );
    const event = configTestEvent('evt_quiet');
    expect((await fetch(await createSignedRequest(event, 'whsec_quiet', { url: `${url}/webhooks` }))).status).toBe(200);
    const run = await interrupt(listener);
    expect(ndjson(run.stdout)).toEqual([event]);
    // --quiet hides the hint, not the address.
    expect(run.stderr).toBe(`Listening on ${url} (POST to any path).\n`);
  });

  it.each([
    ['--only', ''],
    ['--exclude', ' , '],
  ])('refuses %s naming no event (exit 2): an empty --only would print no event at all', async (flag, value) => {
    const run = await ricloud(['event', 'listen', '--port', '0', '--secret', 's', flag, value], {});
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`error: option '${flag} <slugs>' argument '${value}' is invalid. Names no event`);
  });

  it('needs a secret: without one it is a usage error (exit 2)', async () => {
    const run = await ricloud(['event', 'listen', '--port', '0'], env(newToken()));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^error: event listen needs --secret/);
  });

  it('refuses --secret together with --webhook-url (exit 2)', async () => {
    const run = await ricloud(['event', 'listen', '--secret', 's', '--webhook-url', OK_URL], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--secret <secret>' cannot be used with option '--webhook-url <url>'");
  });

  it('refuses --secret-stdin with --token-stdin before the command: stdin holds one of them (exit 2)', async () => {
    const launched = start(['--token-stdin', 'event', 'listen', '--port', '0', '--secret-stdin'], {});
    launched.child.stdin.end('x');
    const run = await launched.done;
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain("option '--secret-stdin' cannot be used with option '--token-stdin'");
  });

  it('refuses a non-http(s) --webhook-url by that name (exit 2), before it listens or calls the API', async () => {
    const token = newToken();
    const run = await ricloud(
      ['event', 'listen', '--port', String(await freePort()), '--webhook-url', 'notaurl'],
      env(token),
    );
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: invalid --webhook-url: must be an absolute http(s) URL\n',
    });
    const ftp = await ricloud(
      ['event', 'listen', '--port', '0', '--webhook-url', 'ftp://127.0.0.1/webhooks'],
      env(token),
    );
    expect(ftp).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: invalid --webhook-url: must use http or https, not ftp\n',
    });
    expect(mock().api.requests.filter((r) => r.headers.authorization === `Token ${token}`)).toEqual([]);
  });

  it('exits 1 when the port is taken', async () => {
    const port = await freePort();
    const first = await listen(['--port', String(port), '--secret', 's'], env(newToken()));
    const second = await ricloud(['event', 'listen', '--port', String(port), '--secret', 's'], env(newToken()));
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/EADDRINUSE/);
    await interrupt(first);
  });
});

describe('ricloud event listen --webhook-url', () => {
  it('registers a config for the URL, verifies with its secret, and on Ctrl-C deletes that config alone', async () => {
    const token = newToken();
    const other = await client(token).webhookConfigs.create({ url: OK_URL });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/webhooks`;
    const listener = await listen(['--port', String(port), '--webhook-url', url], env(token));
    const [, id] = await listener.waitFor('stderr', /Created webhook config (\S+) for /);
    // The test delivery that create starts is verified with the new config's secret and printed.
    await listener.waitFor('stdout', new RegExp(`webhook_config\\.test  \\S+  webhook_config ${id}`));
    await mock().api.settle();
    expect((await client(token).webhookConfigs.retrieve(id ?? '')).state).toBe('valid');
    const secret =
      mock()
        .api.store.webhookConfigs()
        .find((c) => c.id === id)?.secret ?? '';
    expect(secret.length).toBeGreaterThan(0);

    const run = await interrupt(listener);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`Deleted webhook config ${id}.`);
    const stateOf = (configId: string | undefined) =>
      mock()
        .api.store.webhookConfigs()
        .find((c) => c.id === configId)?.state;
    expect(stateOf(id)).toBeUndefined();
    expect(stateOf(other.id)).toBe('valid');
    expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("verifies with the new config's secret even when RICLOUD_SECRET holds another one", async () => {
    const token = newToken();
    const port = await freePort();
    const listener = await listen(['--port', String(port), '--webhook-url', `http://127.0.0.1:${port}/webhooks`], {
      ...env(token),
      RICLOUD_SECRET: 'whsec_some_other_receiver',
    });
    const [, id] = await listener.waitFor('stderr', /Created webhook config (\S+) for /);
    await listener.waitFor('stdout', new RegExp(`webhook_config\\.test  \\S+  webhook_config ${id}`));
    await mock().api.settle();
    expect((await client(token).webhookConfigs.retrieve(id ?? '')).state).toBe('valid');
    const run = await interrupt(listener);
    expect(run.stderr).not.toContain('refused a delivery');
  });

  it('stops as on Ctrl-C when its reader leaves (`| head -1`): config deleted, exits 141, no stack trace', async () => {
    const token = newToken();
    const port = await freePort();
    const listener = await listen(
      ['--port', String(port), '--webhook-url', `http://127.0.0.1:${port}/webhooks`, '--json'],
      env(token),
    );
    const [, id] = await listener.waitFor('stderr', /Created webhook config (\S+) for /);
    // The first event (create's test) is read, then the reader leaves; the next event cannot be printed.
    await listener.waitFor('stdout', /\n/);
    listener.child.stdout.destroy();
    await ricloud(['webhook-config', 'test', id ?? ''], env(token));
    const run = await listener.done;
    expect(run.code).toBe(141);
    expect(run.stderr).toContain(`Deleted webhook config ${id}.\n`);
    expect(run.stderr).not.toMatch(/EPIPE|error/i);
    expect(
      mock()
        .api.store.webhookConfigs()
        .find((c) => c.id === id),
    ).toBeUndefined();
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP (its terminal closed)', 129],
  ] as const)('stops on %s too, deleting its config, and exits %i', async (signal, code) => {
    const token = newToken();
    const port = await freePort();
    const listener = await listen(['--port', String(port), '--webhook-url', `http://127.0.0.1:${port}/`], env(token));
    await listener.waitFor('stderr', /Created webhook config/);
    listener.child.kill(signal.split(' ')[0] as NodeJS.Signals);
    const run = await listener.done;
    expect(run.code).toBe(code);
    const mine = mock()
      .api.store.webhookConfigs()
      .filter((c) => c.url === `http://127.0.0.1:${port}/`);
    expect(mine).toEqual([]);
  });
});
