import { describe, expect, it } from 'vitest';
import {
  FAILING_URL,
  json,
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
// Tests on this one stay pending for a minute: for waits that time out or are interrupted.
const slow = useMockServer({ taskDelay: 60_000 });

/** The note a create in text leaves on stderr: the config's secret, masked, cannot be shown again. */
const secretNote = (id: string | undefined) =>
  `Webhook config ${id} was created, but its secret is masked in text and cannot be shown again: ` +
  'only webhook-config create --json prints it. To have one, deactivate this config ' +
  `(ricloud webhook-config update ${id} --state deactivated) and create another with --json.\n`;

/** Interrupts `run` with Ctrl-C once the slow mock has received a request from `token` whose path `path` matches. */
async function interruptWhen(run: Launched, token: string, path: RegExp): Promise<Run> {
  const seen = () =>
    slow
      .mock()
      .api.requests.some(
        (r) => r.method === 'GET' && path.test(r.path) && r.headers.authorization === `Token ${token}`,
      );
  while (!seen()) await new Promise((resolve) => setTimeout(resolve, 20));
  run.child.kill('SIGINT');
  return run.done;
}

describe('ricloud webhook-config create', () => {
  it('prints the new config as key/value lines, its secret masked, and says on stderr it is lost', async () => {
    const token = newToken();
    const run = await ricloud(['webhook-config', 'create', '--url', OK_URL], env(token));
    const stored = mock()
      .api.store.webhookConfigs()
      .find((c) => run.stdout.includes(c.id));
    expect(stored).toBeDefined();
    expect(run).toMatchObject({ code: 0, stderr: secretNote(stored?.id) });
    expect(run.stderr).not.toContain(stored?.secret.slice(-4));
    expect(run.stdout).toMatch(new RegExp(`^id +${stored?.id}$`, 'm'));
    expect(run.stdout).toMatch(/^url +https:\/\/hooks\.test\/ok$/m);
    expect(run.stdout).toMatch(/^state +new$/m);
    expect(run.stdout).toMatch(/^secret +\*{4}.{4}$/m);
    expect(run.stdout).not.toContain(stored?.secret);
  });

  it('--quiet leaves out the note on stderr, as it does every note; the config is still printed', async () => {
    const run = await ricloud(['webhook-config', 'create', '--url', OK_URL, '--quiet'], env(newToken()));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^secret +\*{4}.{4}$/m);
  });

  it('--json prints one JSON document that includes the secret, for this create only', async () => {
    const run = await ricloud(['webhook-config', 'create', '--url', OK_URL, '--json'], env(newToken()));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const created = json(run);
    const stored = mock()
      .api.store.webhookConfigs()
      .find((c) => c.id === created.id);
    expect(created).toMatchObject({ resource: 'webhook_config', url: OK_URL, state: 'new', secret: stored?.secret });
  });

  it('--wait follows the test to valid, prints the final config, exits 0; only the note on piped stderr', async () => {
    const run = await ricloud(['webhook-config', 'create', '--url', OK_URL, '--wait'], env(newToken()));
    const id = /^id +(\S+)$/m.exec(run.stdout)?.[1];
    // The note that the secret is lost, and nothing drawn.
    expect(run).toMatchObject({ code: 0, stderr: secretNote(id) });
    expect(run.stdout).toMatch(/^state +valid$/m);
  });

  it('--wait exits 3 with one line on stderr when the test fails and the config ends invalid', async () => {
    const run = await ricloud(['webhook-config', 'create', '--url', FAILING_URL, '--wait', '--json'], env(newToken()));
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ state: 'invalid' });
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: webhook_config \S+ is invalid/)]);
  });

  it('--wait that times out still prints the new config, secret included with --json, then exits 4', async () => {
    const token = newToken();
    const run = await ricloud(
      ['webhook-config', 'create', '--url', OK_URL, '--wait', '--timeout', '1', '--json'],
      slow.env(token),
    );
    expect(run.code).toBe(4);
    const printed = json(run);
    const stored = slow
      .mock()
      .api.store.webhookConfigs()
      .find((c) => c.id === printed.id);
    expect(stored?.secret).toEqual(expect.any(String));
    expect(printed).toMatchObject({ resource: 'webhook_config', url: OK_URL, state: 'new', secret: stored?.secret });
    expect(run.stderr).toBe(`error: webhook_config ${stored?.id} is still new after 1 s\n`);
  });

  it('--wait interrupted with Ctrl-C still prints the new config as last known, in text, then exits 130', async () => {
    const token = newToken();
    const launched = start(['webhook-config', 'create', '--url', OK_URL, '--wait'], slow.env(token));
    // Interrupt once the command is polling the new config.
    const run = await interruptWhen(launched, token, /^\/configs\/webhook\/[^/]+$/);
    const stored = slow
      .mock()
      .api.store.webhookConfigs()
      .find((c) => run.stdout.includes(c.id));
    expect(stored).toBeDefined();
    // Interrupted, the secret is lost all the same: the note follows the config.
    expect(run).toMatchObject({ code: 130, stderr: secretNote(stored?.id) });
    expect(run.stdout).toMatch(new RegExp(`^id +${stored?.id}$`, 'm'));
    expect(run.stdout).toMatch(/^state +new$/m);
    expect(run.stdout).toMatch(new RegExp(`^secret +\\*{4}${stored?.secret.slice(-4)}$`, 'm'));
  });

  it('--wait exits 3 for a config that ended anything but valid: deactivated while its test was pending', async () => {
    const token = newToken();
    const launched = start(['webhook-config', 'create', '--url', OK_URL, '--wait', '--json'], slow.env(token));
    const polled = (r: { method: string; path: string; headers: Record<string, string | undefined> }) =>
      r.method === 'GET' && /^\/configs\/webhook\/[^/]+$/.test(r.path) && r.headers.authorization === `Token ${token}`;
    while (!slow.mock().api.requests.some(polled)) await new Promise((resolve) => setTimeout(resolve, 20));
    const [made] = (await slow.client(token).webhookConfigs.list()).data;
    await slow.client(token).webhookConfigs.update(made?.id as string, { state: 'deactivated' });
    const run = await launched.done;
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ id: made?.id, state: 'deactivated', secret: expect.any(String) });
    expect(run.stderr).toBe(`error: webhook_config ${made?.id} is deactivated, not valid\n`);
  });

  it('a bad --url is a usage error (exit 2) that names the flag; nothing is sent', async () => {
    const token = newToken();
    const run = await ricloud(['webhook-config', 'create', '--url', 'ftp://example.com'], env(token));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: invalid --url: must use http or https, not ftp\n');
    expect(mock().api.requests.filter((r) => r.headers.authorization === `Token ${token}`)).toEqual([]);
  });

  it('a missing --url is a usage error (exit 2) that names it', async () => {
    const run = await ricloud(['webhook-config', 'create'], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '--url <url>' not specified");
  });

  it('takes the API URL from a --url given before the command, the receiver URL from the one after it', async () => {
    const token = newToken();
    const run = await ricloud(['--url', mock().url, 'webhook-config', 'create', '--url', OK_URL, '--json'], {
      RICLOUD_TOKEN: token,
    });
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ url: OK_URL });
  });
});

describe('ricloud webhook-config retrieve', () => {
  it('prints the config with its secret masked, and --json leaves the secret out', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const text = await ricloud(['webhook-config', 'retrieve', cfg.id], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^id +${cfg.id}$`, 'm'));
    expect(text.stdout).toMatch(/^secret +\*{4}/m);
    expect(text.stdout).not.toContain(cfg.secret);
    const doc = await ricloud(['webhook-config', 'retrieve', cfg.id, '--json'], env(token));
    expect(json(doc)).toMatchObject({ id: cfg.id, url: OK_URL });
    expect(json(doc)).not.toHaveProperty('secret');
    expect(doc.stdout).not.toContain(cfg.secret);
  });

  it('exits 6 with one line naming the status and the API error code for an unknown id', async () => {
    const run = await ricloud(['webhook-config', 'retrieve', 'no-such-config'], env(newToken()));
    expect(run.code).toBe(6);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: .*404 not-found.*\[request \S+\]\n$/);
  });

  it('exits 1 naming the status and code when the API fails (500), after the SDK retries', async () => {
    const token = newToken();
    mock().api.faults.add({ method: 'GET', path: /^\/configs\/webhook\/flaky$/, status: 500, times: 3 });
    const run = await ricloud(['webhook-config', 'retrieve', 'flaky', '--quiet'], env(token));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*\(500 server-error\)/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a missing ID is a usage error (exit 2)', async () => {
    const run = await ricloud(['webhook-config', 'retrieve'], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'id'");
  });
});

describe('ricloud webhook-config list', () => {
  it('prints a table, newest first, and hints at --all when there are more', async () => {
    const token = newToken();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client(token).webhookConfigs.create({ url: `${OK_URL}/${i}` })).id);
    const run = await ricloud(['webhook-config', 'list', '--limit', '2'], env(token));
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toMatch(/^ID +STATE +URL +DATE_CREATED$/);
    expect(rows.map((row) => row.split(/ +/)[0])).toEqual([ids[2], ids[1]]);
    expect(run.stderr).toBe('Showing 2 of 3 webhook configs. Use --limit N or --all for more.\n');
  });

  it('--json prints the page as one document', async () => {
    const token = newToken();
    await client(token).webhookConfigs.create({ url: OK_URL });
    const run = await ricloud(['webhook-config', 'list', '--json'], env(token));
    expect(json(run)).toMatchObject({ has_more: false, total_count: 1, data: [{ url: OK_URL }] });
    expect(run.stdout).not.toContain('"secret"');
  });

  it('--all --json prints every config as NDJSON, one per line, across pages', async () => {
    const token = newToken();
    for (let i = 0; i < 12; i++) await client(token).webhookConfigs.create({ url: `${OK_URL}/${i}` });
    const run = await ricloud(['webhook-config', 'list', '--all', '--json'], env(token));
    expect(run.code).toBe(0);
    const items = ndjson(run.stdout);
    expect(items).toHaveLength(12);
    expect(new Set(items.map((item) => item.id)).size).toBe(12);
    const text = await ricloud(['webhook-config', 'list', '--all'], env(token));
    expect(text.stdout.trim().split('\n')).toHaveLength(13);
  });

  it('filters by --state and by creation time', async () => {
    const token = newToken();
    const a = await client(token).webhookConfigs.create({ url: OK_URL });
    await client(token).webhookConfigs.update(a.id, { state: 'deactivated' });
    const after = new Date(Date.now() + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await client(token).webhookConfigs.create({ url: OK_URL });
    const deactivated = ndjson(
      await ricloud(['webhook-config', 'list', '--all', '--json', '--state', 'deactivated'], env(token)).then(
        (r) => r.stdout,
      ),
    );
    expect(deactivated.map((c) => c.id)).toEqual([a.id]);
    const recent = json<{ data: { id: string }[] }>(
      await ricloud(['webhook-config', 'list', '--json', '--created-after', after], env(token)),
    );
    expect(recent.data.map((c) => c.id)).toEqual([b.id]);
    const older = json<{ data: { id: string }[] }>(
      await ricloud(
        ['webhook-config', 'list', '--json', '--created-before', after, '--state', 'deactivated'],
        env(token),
      ),
    );
    expect(older.data.map((c) => c.id)).toEqual([a.id]);
  });

  it('refuses bad values with exit 2, each naming its flag', async () => {
    const e = env(newToken());
    const cases: [string[], RegExp][] = [
      [['--limit', '0'], /invalid --limit: must be a whole number from 1 to 1000/],
      [['--limit', 'ten'], /option '--limit <n>' argument 'ten' is invalid/],
      [['--limit', '5', '--all'], /option '--limit <n>' cannot be used with option '--all'/],
      [
        ['--created-after', 'yesterday'],
        /option '--created-after <time>' argument 'yesterday' is invalid\. Not an ISO 8601 date/,
      ],
      [['--created-before', 'soon'], /option '--created-before <time>' argument 'soon' is invalid/],
      [['--colour'], /unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const run = await ricloud(['webhook-config', 'list', ...args], e);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(message);
    }
  });

  it(
    '--created-after/--created-before take only ISO 8601: a date, or a time with Z or an offset (exit 2 ' +
      'naming the flag otherwise)',
    async () => {
      const e = env(newToken());
      const refused = [
        '1',
        'Jan 5',
        '2025-02-30',
        '2025-13-01',
        '2025-01-01 10:00',
        '2025-01-01T10:00',
        '2025-01-01T10:00:00',
        '2025-01-01T24:00Z',
        '2025-1-5',
      ];
      for (const [i, value] of refused.entries()) {
        const flag = i % 2 ? '--created-before' : '--created-after';
        const run = await ricloud(['webhook-config', 'list', flag, value], e);
        expect({ value, code: run.code, stdout: run.stdout }).toEqual({ value, code: 2, stdout: '' });
        expect(run.stderr).toContain(
          `error: option '${flag} <time>' argument '${value}' is invalid. ` +
            'Not an ISO 8601 date (2025-01-31) or time with a zone',
        );
      }
      for (const [i, value] of [
        '2025-01-31',
        '2024-02-29',
        '2025-01-31T12:00Z',
        '2025-01-31T12:00:00.5+01:00',
        '2025-01-31T12:00:00-05:30',
      ].entries()) {
        // Each flag in turn, the other far off: the same instant in both would be a range nothing is in (exit 2).
        const range = i % 2 ? ['2000-01-01', value] : [value, '2999-12-31'];
        const run = await ricloud(
          ['webhook-config', 'list', '--created-after', range[0] as string, '--created-before', range[1] as string],
          e,
        );
        expect({ value, code: run.code }).toEqual({ value, code: 0 });
      }
    },
  );

  it('prints "No webhook configs." on stderr, and nothing on stdout, when there are none', async () => {
    const run = await ricloud(['webhook-config', 'list'], env(newToken()));
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: 'No webhook configs.\n' });
  });
});

describe('ricloud webhook-config update', () => {
  it('deactivates a config, in text and in JSON', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const text = await ricloud(['webhook-config', 'update', cfg.id, '--state', 'deactivated'], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^state +deactivated$/m);
    const doc = await ricloud(['webhook-config', 'update', cfg.id, '--url', `${OK_URL}/2`, '--json'], env(token));
    expect(json(doc)).toMatchObject({ id: cfg.id, url: `${OK_URL}/2` });
    expect(json(doc)).not.toHaveProperty('secret');
  });

  it('refuses a state other than new or deactivated, and an update with nothing to change (exit 2)', async () => {
    const token = newToken();
    const bad = await ricloud(['webhook-config', 'update', 'any', '--state', 'valid'], env(token));
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain(
      "option '--state <state>' argument 'valid' is invalid. Allowed choices are new, deactivated.",
    );
    // Refused before anything is sent.
    expect(mock().api.requests.filter((r) => r.headers.authorization === `Token ${token}`)).toEqual([]);
    const empty = await ricloud(['webhook-config', 'update', 'any'], env(token));
    expect(empty).toMatchObject({ code: 2, stderr: 'error: an update needs --url or --state\n' });
  });
});

describe('ricloud webhook-config test', () => {
  it('prints the new test task, in text and in JSON', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const text = await ricloud(['webhook-config', 'test', cfg.id], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^type +webhook_config\.test$/m);
    const doc = await ricloud(['webhook-config', 'test', cfg.id, '--json'], env(token));
    expect(json(doc)).toMatchObject({ resource: 'task', type: 'webhook_config.test', target: cfg.id });
  });

  it('--wait prints the task once it succeeded and exits 0', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const run = await ricloud(['webhook-config', 'test', cfg.id, '--wait', '--json'], env(token));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(json(run)).toMatchObject({ state: 'succeeded' });
  });

  it('--wait exits 3 when the task fails, and says why on stderr', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: FAILING_URL });
    const run = await ricloud(['webhook-config', 'test', cfg.id, '--wait'], env(token));
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^state +failed$/m);
    expect(run.stderr).toMatch(/^error: task \S+ failed \(webhook-bad-status\)\n$/);
  });

  it('--wait that times out still prints the task, so its id is not lost, then exits 4', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    const run = await ricloud(
      ['webhook-config', 'test', cfg.id, '--wait', '--timeout', '1', '--json'],
      slow.env(token),
    );
    expect(run.code).toBe(4);
    const printed = json(run);
    expect(printed).toMatchObject({ resource: 'task', type: 'webhook_config.test', target: cfg.id, state: 'pending' });
    expect(
      slow
        .mock()
        .api.store.tasks()
        .map((t) => t.id),
    ).toContain(printed.id);
    expect(run.stderr).toBe(`error: task ${String(printed.id)} is still pending after 1 s\n`);
  });

  it('--wait interrupted with Ctrl-C still prints the task, then exits 130', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    const launched = start(['webhook-config', 'test', cfg.id, '--wait'], slow.env(token));
    // Interrupt once the command is waiting on the task.
    const run = await interruptWhen(launched, token, /^\/tasks\/[^/]+$/);
    expect(run).toMatchObject({ code: 130, stderr: '' });
    const task = slow
      .mock()
      .api.store.tasks()
      .find((t) => t.target === cfg.id && run.stdout.includes(t.id));
    expect(task).toBeDefined();
    expect(run.stdout).toMatch(new RegExp(`^id +${task?.id}$`, 'm'));
    expect(run.stdout).toMatch(/^state +pending$/m);
  });

  it('a --timeout over 2147483 s (longest timer) is a usage error naming the flag, before any API call', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const run = await ricloud(['webhook-config', 'test', cfg.id, '--timeout', '99999999'], env(token));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(
      "error: option '--timeout <seconds>' argument '99999999' is invalid. " +
        'Not a positive number of seconds up to 2147483.',
    );
    // Only the test that create started: the command created none.
    expect(
      mock()
        .api.store.tasks()
        .filter((t) => t.target === cfg.id),
    ).toHaveLength(1);
  });

  it('--timeout implies --wait', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const run = await ricloud(['webhook-config', 'test', cfg.id, '--timeout', '10', '--json'], env(token));
    expect(json(run)).toMatchObject({ state: 'succeeded' });
  });
});
