import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '../../src/index';
import { configureOrganisation, until, useReceiver } from './flow-support';
import { newToken, ricloud, start, type Launched } from './support';

const running: Launched[] = [];
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const receiver = useReceiver();

/**
 * Starts `ricloud mock` with `flags`; returns a client on it for an organisation ready to poll, and the environment
 * that points the command at that organisation.
 */
async function mockWith(flags: string[]) {
  const mock = start(['mock', '--port', '0', ...flags]);
  running.push(mock);
  const [, url] = await mock.waitFor('stdout', /listening on (http:\/\/\S+)$/m);
  const env = { RICLOUD_URL: url, RICLOUD_TOKEN: newToken() };
  const client = new Client({ token: env.RICLOUD_TOKEN, baseUrl: url, logLevel: 'off' });
  await configureOrganisation(client, receiver.url());
  return { client, env };
}

type Resource = { id: string; state: string };

/** Opens an iCloud session through the API and returns it once it is active. */
async function activeSession(client: Client): Promise<Resource> {
  const user = await client.post<Resource>('/users', { body: { identifier: 'cli-mock-options' } });
  const session = await client.post<Resource>('/sessions', {
    body: {
      source: { user: user.id, type: 'icloud.account', identifier: 'john@example.com' },
      payload: { password: 'pw' },
    },
  });
  await until(async () => (await client.get<Resource>(`/sessions/${session.id}`)).state === 'active', 'session active');
  return session;
}

/** The results of a poll of one file, once it has completed. */
async function pollResults(client: Client, session: Resource) {
  const poll = await client.post<Resource>('/polls', {
    body: { session: session.id, payload: { files: ['file-1'] } },
  });
  await until(async () => (await client.get<Resource>(`/polls/${poll.id}`)).state === 'completed', 'poll completed');
  const page = await client.get<{ data: (Resource & { size: number; signed_url: { url: string } })[] }>('/results', {
    query: { poll: poll.id },
  });
  return page.data;
}

describe('ricloud mock: the flow options', () => {
  it('--result-size sets the bytes of each file result, and the file served has that size', async () => {
    const { client } = await mockWith(['--result-size', '12345']);
    const [result] = await pollResults(client, await activeSession(client));
    expect(result?.size).toBe(12345);
    const file = await fetch(result?.signed_url.url ?? '');
    expect((await file.arrayBuffer()).byteLength).toBe(12345);
  });

  it('--session-lifetime and --result-lifetime (seconds) make sessions and results expire', async () => {
    const { client, env } = await mockWith(['--session-lifetime', '1', '--result-lifetime', '0.5']);
    const session = await activeSession(client);
    const [result] = await pollResults(client, session);
    const expired = async (path: string) => (await client.get<Resource>(path)).state === 'expired';
    await until(() => expired(`/results/${result?.id}`), 'result expired');
    await until(() => expired(`/sessions/${session.id}`), 'session expired');
    const download = await ricloud(['result', 'download', result?.id ?? ''], env);
    expect(download).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `error: result ${result?.id} is expired: its file is gone\n`,
    });
  });

  it("--interval-scale shrinks a subscription's interval: an hour in 36 ms makes a poll after another", async () => {
    const { client } = await mockWith(['--interval-scale', '0.01']);
    const session = await activeSession(client);
    const subscription = await client.post<Resource>('/subscriptions', {
      body: { session: session.id, poll_payload: { data_types: ['ios_messages.messages'] }, interval: 3600 },
    });
    const polls = async () =>
      (await client.get<{ data: unknown[] }>('/polls', { query: { subscription: subscription.id } })).data.length;
    await until(async () => (await polls()) >= 3, 'three subscription polls');
  });

  it.each([
    ['--result-size', '-1', 'Not a whole number of bytes.'],
    ['--result-size', '1.5', 'Not a whole number.'],
    ['--session-lifetime', '0', 'Not a positive number of seconds'],
    ['--result-lifetime', 'week', 'Not a positive number of seconds'],
    ['--interval-scale', '0', 'Not a number of milliseconds above 0'],
  ])('refuses %s %s before it listens (exit 2)', async (flag, value, message) => {
    const run = await ricloud(['mock', '--port', '0', flag, value]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`argument '${value}' is invalid. ${message}`);
    expect(run.stdout).toBe('');
  });

  it.each([[''], ['app.example'], ['https://app.example/page']])(
    'refuses --cors %j before it listens, naming the flag (exit 2)',
    async (origin) => {
      const run = await ricloud(['mock', '--port', '0', '--cors', origin]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: invalid --cors: /);
      expect(run.stdout).toBe('');
    },
  );
});
