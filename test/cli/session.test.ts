import { describe, expect, it } from 'vitest';
import { activeSession, configureOrganisation, ricloudWithInput } from './flow-support';
import { json, newToken, OK_URL, ricloud, useMockServer } from './support';

const { mock, env, client } = useMockServer();

/** A token whose organisation may open sessions, and a user of it. */
async function userOfNewOrganisation() {
  const token = newToken();
  await configureOrganisation(client(token), OK_URL);
  const user = await client(token).users.create({ identifier: 'cli-session' });
  return { token, user };
}

const PASSWORD = 'correct horse battery staple';

describe('ricloud session create', () => {
  it('reads the password from --password-stdin, waits until active (exit 0), and never prints it', async () => {
    const { token, user } = await userOfNewOrganisation();
    const args = ['session', 'create', '--user', user.id, '--identifier', 'john@example.com', '--password-stdin'];
    const run = await ricloudWithInput([...args, '--wait'], env(token), `${PASSWORD}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^state +active$/m);
    expect(run.stdout).toMatch(/^source +icloud\.account john@example\.com \(\S+\)$/m);
    const doc = await ricloudWithInput([...args, '--json'], env(token), PASSWORD);
    expect(json<{ state: string }>(doc).state).toBe('pending');
    for (const output of [run.stdout, run.stderr, doc.stdout, doc.stderr]) expect(output).not.toContain('horse');
  });

  it(
    'sends the password without its final line break: "wrong" fails with invalid-credentials (exit 3), ' +
      'the session printed',
    async () => {
      const { token, user } = await userOfNewOrganisation();
      const run = await ricloudWithInput(
        ['session', 'create', '--user', user.id, '--identifier', 'john@example.com', '--password-stdin', '--wait'],
        env(token),
        'wrong\r\n',
      );
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^state +failed$/m);
      expect(run.stdout).toMatch(/^error +invalid-credentials$/m);
      expect(run.stderr).toMatch(/^error: session \S+ is failed \(invalid-credentials\)$/m);
    },
  );

  it('sends the spaces around the password as they are: " wrong " is not "wrong", the session is active', async () => {
    const { token, user } = await userOfNewOrganisation();
    const run = await ricloudWithInput(
      ['session', 'create', '--user', user.id, '--identifier', 'john@example.com', '--password-stdin', '--wait'],
      env(token),
      ' wrong \n',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^state +active$/m);
  });

  it(
    'asks for the password only on a terminal: piped stdin without --password-stdin is refused before ' +
      'anything is sent (exit 2)',
    async () => {
      const { token, user } = await userOfNewOrganisation();
      const before = mock().api.requests.length;
      const run = await ricloud(
        ['session', 'create', '--user', user.id, '--identifier', 'john@example.com'],
        env(token),
      );
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'error: no terminal to ask the password on: pipe it to --password-stdin (it is never a flag)\n',
      );
      expect(
        mock()
          .api.requests.slice(before)
          .filter((request) => request.path === '/sessions'),
      ).toEqual([]);
    },
  );

  it('has no --password flag: --password=… is refused (exit 2) without printing the value back', async () => {
    const run = await ricloud(['session', 'create', '--user', 'u', '--identifier', 'i', `--password=${PASSWORD}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--password=…'");
    expect(run.stderr).not.toContain('horse');
  });

  it.each([
    [
      'after the command',
      ['session', 'create', '--user', 'u', '--identifier', 'i', '--password-stdin', '--token-stdin'],
    ],
    ['before it', ['--token-stdin', 'session', 'create', '--user', 'u', '--identifier', 'i', '--password-stdin']],
  ])('refuses --password-stdin with --token-stdin %s: stdin holds one of them (exit 2)', async (_, args) => {
    const run = await ricloudWithInput(args, { RICLOUD_URL: mock().url }, 'x');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--password-stdin' cannot be used with option '--token-stdin'");
    expect(mock().api.requests.filter((r) => r.headers.authorization === 'Token x')).toEqual([]);
  });

  it('refuses an empty --password-stdin (exit 2)', async () => {
    const run = await ricloudWithInput(
      ['session', 'create', '--user', 'u', '--identifier', 'i', '--password-stdin'],
      env(newToken()),
      '\n',
    );
    expect(run).toMatchObject({ code: 2, stderr: 'error: stdin for --password-stdin is empty\n' });
  });

  it('opens a Relay session with its pairing code, and no password is asked', async () => {
    const { token, user } = await userOfNewOrganisation();
    const run = await ricloud(
      [
        'session',
        'create',
        '--user',
        user.id,
        '--type',
        'rirelay.instance',
        '--identifier',
        'relay-1',
        '--code',
        '123456',
        '--wait',
      ],
      env(token),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^source +rirelay\.instance relay-1 \(\S+\)$/m);
  });

  it(
    'opens a Relay session without --identifier, as the SDK and ricloud-py do: the API names the instance, ' +
      'and the code is never printed',
    async () => {
      const { token, user } = await userOfNewOrganisation();
      const args = ['session', 'create', '--user', user.id, '--type', 'rirelay.instance', '--code', '654321', '--wait'];
      const run = await ricloud(args, env(token));
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^state +active$/m);
      expect(run.stdout).toMatch(/^source +rirelay\.instance \S+ \(\S+\)$/m);
      const doc = await ricloud([...args, '--json'], env(token));
      expect(doc.code).toBe(0);
      for (const output of [run.stdout, run.stderr, doc.stdout, doc.stderr]) expect(output).not.toContain('654321');
    },
  );

  it('refuses an iCloud session without --identifier before asking for the password (exit 2)', async () => {
    const { token, user } = await userOfNewOrganisation();
    const before = mock().api.requests.length;
    const run = await ricloudWithInput(
      ['session', 'create', '--user', user.id, '--password-stdin'],
      env(token),
      PASSWORD,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: invalid --identifier: is required for an icloud\.account session$/m);
    expect(mock().api.requests.slice(before)).toEqual([]);
  });

  it('refuses a Relay session without --code, naming it (exit 2)', async () => {
    const { token, user } = await userOfNewOrganisation();
    const run = await ricloud(
      ['session', 'create', '--user', user.id, '--type', 'rirelay.instance', '--identifier', 'relay-1'],
      env(token),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: invalid --code: /);
  });
});

describe('ricloud session retrieve, list and delete', () => {
  it('retrieve --wait shows an active session; list shows it with its source id; delete expires it', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const shown = await ricloud(['session', 'retrieve', session.id, '--wait'], env(token));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^state +active$/m);

    const list = await ricloud(['session', 'list', '--state', 'active'], env(token));
    expect(list.code).toBe(0);
    const source = typeof session.source === 'object' ? session.source.id : String(session.source);
    expect(list.stdout).toMatch(new RegExp(`^${session.id} +active +- +${source} +\\S+$`, 'm'));

    const deleted = await ricloud(['session', 'delete', session.id, '--json'], env(token));
    expect(json<{ state: string }>(deleted).state).toBe('expired');
    const after = await ricloud(['session', 'list', '--state', 'active'], env(token));
    expect(after.stderr).toBe('No sessions.\n');
  });

  it('retrieve --wait exits 3 for a failed session, and 6 naming 404 for an unknown one', async () => {
    const { token, user } = await userOfNewOrganisation();
    const failed = await client(token).sessions.create({
      source: { user, type: 'icloud.account', identifier: 'john@example.com' },
      payload: { password: 'wrong' },
    });
    const run = await ricloud(['session', 'retrieve', failed.id, '--wait'], env(token));
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^error +invalid-credentials$/m);
    const unknown = await ricloud(['session', 'retrieve', 'nope'], env(token));
    expect(unknown.code).toBe(6);
    expect(unknown.stderr).toMatch(/\(404 not-found\)/);
  });

  it('refuses a session on an unconfigured organisation with the API error (exit 1)', async () => {
    const token = newToken();
    const user = await client(token).users.create({ identifier: 'nobody' });
    const run = await ricloudWithInput(
      ['session', 'create', '--user', user.id, '--identifier', 'john@example.com', '--password-stdin'],
      env(token),
      PASSWORD,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\(400 unconfigured\)/);
    expect(run.stderr).not.toContain('horse');
  });
});
