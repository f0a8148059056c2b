import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, newToken, OK_URL, start, useMockServer, type Launched } from './support';

const { mock, env, client } = useMockServer();

const running: Launched[] = [];
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `ricloud event listen --webhook-url` on a free port; resolves once the config exists, with its id. */
async function listenWithUrl(token: string) {
  const port = await freePort();
  const listener = start(
    ['event', 'listen', '--port', String(port), '--webhook-url', `http://127.0.0.1:${port}/webhooks`],
    env(token),
  );
  running.push(listener);
  const [, id, keyId] = await listener.waitFor('stderr', /Created webhook config (\S+) for \S+; key (\S+) sends/);
  return { listener, id: id ?? '', keyId: keyId ?? '' };
}

/**
 * Holds the mock's answers to `POST path` for `token` until `release()`, through an msw handler put before the mock's
 * own: the mock then acts, as a server acts on a request whatever became of its client. `came` resolves with the
 * first request held.
 */
function holdPosts(token: string, path: string) {
  let arrived: (request: Request) => void = () => undefined;
  const came = new Promise<Request>((resolve) => (arrived = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const handler = http.post(`${mock().url}${path}`, async ({ request }) => {
    if (request.headers.get('authorization') !== `Token ${token}`) return undefined;
    arrived(request);
    await released;
    return undefined;
  });
  const { handlers } = mock().api;
  handlers.unshift(handler);
  return { came, release, remove: () => handlers.splice(handlers.indexOf(handler), 1) };
}

/** Resolves when `signal` aborts. */
const aborted = (signal: AbortSignal) =>
  new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));

describe('ricloud event listen --webhook-url stopped while it sets up', () => {
  it.each([
    ['the config is being created', '/configs/webhook', false],
    ['the key is being pointed at it', '/keys/:id', true],
  ])('a Ctrl-C while %s lets it finish, then undoes it: the key as it was, no config left', async (_, path, back) => {
    const token = newToken();
    const key = await client(token).keys.current();
    const held = holdPosts(token, path);
    try {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/webhooks`;
      const listener = start(['event', 'listen', '--port', String(port), '--webhook-url', url], env(token));
      running.push(listener);
      const request = await held.came;
      listener.child.kill('SIGINT');
      // The command says it waits for the setup to undo it (or gives up on the request): the mock then acts.
      await Promise.race([
        listener.waitFor('stderr', /Stopping once the webhook config is set up, to undo it/).catch(() => undefined),
        aborted(request.signal),
      ]);
      held.release();
      const run = await listener.done;
      expect(run.code).toBe(130);
      expect(run.stderr).toMatch(/Deleted webhook config \S+\./);
      expect(run.stderr).not.toContain('Created webhook config');
      expect(run.stderr.includes(`Key ${key.id} points back at the organisation default.`)).toBe(back);
      expect((await key.refresh()).webhook_config).toBeNull();
      expect(
        mock()
          .api.store.webhookConfigs()
          .filter((config) => config.url === url),
      ).toEqual([]);
    } finally {
      held.remove();
    }
  });
});

describe('ricloud event listen --webhook-url given empty', () => {
  it('is refused naming the flag (exit 2), not taken as absent: no listening with the configured secret', async () => {
    const token = newToken();
    const sent = mock().api.requests.length;
    // The global --timeout ends a listener that started anyway.
    const run = await start(
      ['--timeout', '5', 'event', 'listen', '--port', String(await freePort()), '--webhook-url', ''],
      env(token, { RICLOUD_SECRET: 'whsec_configured_elsewhere' }),
    ).done;
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^error: invalid --webhook-url: /);
    expect(run.stderr).not.toMatch(/Listening on/);
    expect(mock().api.requests.slice(sent)).toEqual([]);
  });
});

describe('ricloud event listen --webhook-url and the current key', () => {
  it(
    "points the key at its new config, then on Ctrl-C points it back at the key's previous " +
      'config and deletes its own',
    async () => {
      const token = newToken();
      const before = await client(token).webhookConfigs.create({ url: OK_URL });
      const key = await client(token).keys.current();
      await key.update({ webhook_config: before });
      const { listener, id, keyId } = await listenWithUrl(token);
      expect(keyId).toBe(key.id);
      expect((await key.refresh()).webhook_config).toBe(id);
      // The key now routes its events here: a storage test's task event arrives, verified with the new secret.
      await client(token).storageConfigs.create({
        url: 'gs://acme-results/x',
        credentials: { type: 'service_account' },
      });
      await listener.waitFor('stdout', /task\.succeeded {2}\S+ {2}task /);

      listener.child.kill('SIGINT');
      const run = await listener.done;
      expect(run.code).toBe(130);
      expect(run.stderr).toContain(`Key ${key.id} points back at webhook config ${before.id}.`);
      expect(run.stderr).toContain(`Deleted webhook config ${id}.`);
      expect(run.stderr).not.toContain('refused a delivery');
      expect((await key.refresh()).webhook_config).toBe(before.id);
      expect(
        mock()
          .api.store.webhookConfigs()
          .map((c) => c.id),
      ).not.toContain(id);
      expect(run.stdout + run.stderr).not.toContain(token);
    },
  );

  it('points a key that had no override back at the organisation default (null)', async () => {
    const token = newToken();
    const { listener, id } = await listenWithUrl(token);
    const key = await client(token).keys.current();
    expect(key.webhook_config).toBe(id);
    listener.child.kill('SIGTERM');
    const run = await listener.done;
    expect(run.code).toBe(143);
    expect(run.stderr).toContain(`Key ${key.id} points back at the organisation default.`);
    expect((await key.refresh()).webhook_config).toBeNull();
  });

  it('leaves a key alone that was repointed while it ran, and still deletes its own config', async () => {
    const token = newToken();
    const { listener, id } = await listenWithUrl(token);
    const elsewhere = await client(token).webhookConfigs.create({ url: OK_URL });
    const key = await client(token).keys.current();
    await key.update({ webhook_config: elsewhere });
    listener.child.kill('SIGINT');
    const run = await listener.done;
    expect(run.stderr).not.toContain('points back');
    expect(run.stderr).toContain(`Deleted webhook config ${id}.`);
    expect((await key.refresh()).webhook_config).toBe(elsewhere.id);
  });
});
