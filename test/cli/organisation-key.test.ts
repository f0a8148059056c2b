import { describe, expect, it } from 'vitest';
import { json, newToken, OK_URL, ricloud, start, useMockServer } from './support';

const { env, client } = useMockServer();

describe('ricloud organisation', () => {
  it('view prints the organisation as fields, or JSON with --json', async () => {
    const token = newToken();
    const text = await ricloud(['organisation', 'view'], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^resource +organisation$/m);
    expect(text.stdout).toMatch(/^state +unconfigured$/m);
    const doc = json(await ricloud(['--json', 'organisation', 'view'], env(token)));
    expect(doc).toMatchObject({ resource: 'organisation', state: 'unconfigured' });
  });

  it('retrieve, as every other group names it and the SDK calls it, is view', async () => {
    const token = newToken();
    const run = await ricloud(['--json', 'organisation', 'retrieve'], env(token));
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ resource: 'organisation', state: 'unconfigured' });
  });

  it(
    'update sets the default webhook config and clears it with none; no flag is a usage error ' +
      'naming the flags (exit 2)',
    async () => {
      const token = newToken();
      const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
      const set = await ricloud(['--json', 'organisation', 'update', '--webhook-config-default', cfg.id], env(token));
      expect(set.code).toBe(0);
      expect(json(set)).toMatchObject({ webhook_config_default: cfg.id });
      const cleared = await ricloud(
        ['--json', 'organisation', 'update', '--webhook-config-default', 'none'],
        env(token),
      );
      expect(json(cleared)).toMatchObject({ webhook_config_default: null });
      const none = await ricloud(['organisation', 'update'], env(token));
      expect(none).toMatchObject({ code: 2, stdout: '' });
      expect(none.stderr).toBe('error: an update needs --webhook-config-default, --storage-config-default or --name\n');
      const storage = await ricloud(['storage-config', 'update', 'any'], env(token));
      expect(storage).toMatchObject({
        code: 2,
        stderr: 'error: an update needs --url, --credentials-path, --signed-urls, --signed-urls-expiry or --state\n',
      });
      const key = await ricloud(['key', 'update', 'any'], env(token));
      expect(key).toMatchObject({ code: 2, stderr: 'error: an update needs --webhook-config or --storage-config\n' });
    },
  );
});

describe('ricloud key', () => {
  it('current shows the key with its token masked in text and absent from JSON', async () => {
    const token = newToken();
    const text = await ricloud(['key', 'current'], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^resource +key$/m);
    expect(text.stdout).toMatch(/^token +\*\*\*\*\w{4}$/m);
    expect(text.stdout + text.stderr).not.toContain(token);
    const doc = await ricloud(['--json', 'key', 'current'], env(token));
    expect(doc.stdout).not.toContain(token);
    expect(json(doc)).not.toHaveProperty('token');
  });

  it('list prints a table of the keys; update points one at a config (exit 2 for an unknown flag value)', async () => {
    const token = newToken();
    const key = await client(token).keys.current();
    const list = await ricloud(['key', 'list'], env(token));
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID +STATE +WEBHOOK_CONFIG/m);
    expect(list.stdout).toContain(key.id);
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const update = await ricloud(['--json', 'key', 'update', key.id, '--webhook-config', cfg.id], env(token));
    expect(json(update)).toMatchObject({ id: key.id, webhook_config: cfg.id });
    expect(update.stdout).not.toContain(token);
    const back = await ricloud(['key', 'update', key.id, '--webhook-config', 'none'], env(token));
    expect(back.stdout).toMatch(/^webhook_config +-$/m);
    const empty = await ricloud(['key', 'update', key.id], env(token));
    expect(empty.code).toBe(2);
  });

  it('rotate needs --json (nothing sent without it), prints the new token once; the old one then fails', async () => {
    const token = newToken();
    const key = await client(token).keys.current();
    const refused = await ricloud(['key', 'rotate', key.id], env(token));
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('add --json');
    expect((await client(token).keys.current()).id).toBe(key.id);
    const rotated = await ricloud(['--json', 'key', 'rotate', key.id], env(token));
    expect(rotated.code).toBe(0);
    const fresh = json<{ token: string }>(rotated).token;
    expect(fresh).toMatch(/^key_/);
    expect(fresh).not.toBe(token);
    expect((await ricloud(['key', 'current'], env(token))).code).toBe(5);
    expect((await ricloud(['key', 'current'], env(fresh))).code).toBe(0);
  });

  it('says on stderr when the new token shown only once never reached its reader (`| jq` not found)', async () => {
    const token = newToken();
    const key = await client(token).keys.current();
    const run = start(['--json', 'key', 'rotate', key.id], env(token));
    run.child.stdout.destroy();
    const done = await run.done;
    expect(done.code).toBe(141);
    expect(done.stderr).toBe(
      `warning: key ${key.id} was rotated, but its new token did not reach stdout: the old token no longer works\n`,
    );
  });

  it('says so too for a new webhook config whose secret, shown only once, never reached its reader', async () => {
    const token = newToken();
    const run = start(['--json', 'webhook-config', 'create', '--url', OK_URL], env(token));
    run.child.stdout.destroy();
    const done = await run.done;
    expect(done.code).toBe(141);
    expect(done.stderr).toMatch(
      /^warning: webhook config \S+ was created, but its secret did not reach stdout: it cannot be shown again\n$/,
    );
  });
});
