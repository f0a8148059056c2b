/**
 * A `--wait` (or `task wait`) that runs out of time exits 4, so a script can tell "still running: wait again" from
 * an API failure (exit 1). The config, task, session or poll is printed as last known. `webhook-config.test.ts` and
 * `task.test.ts` hold the cases of those commands.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../src/index';
import { activeSession, configureOrganisation, ricloudWithInput } from './flow-support';
import { json, newToken, OK_URL, ricloud, useMockServer } from './support';

const { mock, env, client } = useMockServer();
// Tests on this one stay pending for a minute.
const slow = useMockServer({ taskDelay: 60_000 });
// Sessions and polls on this one stay pending for 3 s, long enough for a first look to find them so.
const steady = useMockServer({ taskDelay: 3_000 });

afterEach(() => {
  mock().api.faults.clear();
  steady.mock().api.faults.clear();
});

/** Holds every look at a session or a poll (`GET /sessions/{id}`) unanswered: the wait never sees it end. */
const holdLooks = (what: 'sessions' | 'polls') =>
  mock().api.faults.add({ method: 'GET', path: new RegExp(`^/${what}/[^/]+$`), hang: true, times: Infinity });

/** A new session, still pending, of a new user of the token's organisation (configured first). */
async function newSession(sdk: Client) {
  await configureOrganisation(sdk, OK_URL);
  const user = await sdk.users.create({ identifier: 'cli-wait' });
  return sdk.sessions.create({
    source: { user, type: 'icloud.account', identifier: 'john@example.com' },
    payload: { password: 'correct horse' },
  });
}

/** `session create --wait` for a new user of a configured organisation, with `extra` flags. */
async function createSession(token: string, extra: string[]) {
  await configureOrganisation(client(token), OK_URL);
  const user = await client(token).users.create({ identifier: 'cli-wait' });
  return ricloudWithInput(
    ['session', 'create', '--user', user.id, '--identifier', 'john@example.com', '--password-stdin', ...extra],
    env(token),
    'correct horse',
  );
}

describe('a wait that times out exits 4', () => {
  it('storage-config test --wait: the task printed as last known', async () => {
    const token = newToken();
    const config = await slow
      .client(token)
      .storageConfigs.create({ url: 'gs://acme/x', credentials: { type: 'service_account' } });
    const run = await ricloud(['storage-config', 'test', config.id, '--timeout', '1', '--json'], slow.env(token));
    expect(run.code).toBe(4);
    const task = json<{ id: string }>(run);
    expect(task).toMatchObject({ resource: 'task', type: 'storage_config.test', state: 'pending' });
    expect(run.stderr).toBe(`error: task ${task.id} is still pending after 1 s\n`);
  });

  it('session create --wait: the session printed as last known', async () => {
    const token = newToken();
    holdLooks('sessions');
    const run = await createSession(token, ['--wait', '--timeout', '1', '--json']);
    expect(run.code).toBe(4);
    const session = json<{ id: string }>(run);
    expect(session).toMatchObject({ resource: 'session', state: 'pending' });
    expect(run.stderr).toBe(`error: session ${session.id} is still pending after 1 s\n`);
  });

  it('poll create --wait: the poll printed as last known', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    holdLooks('polls');
    const run = await ricloud(
      ['poll', 'create', '--session', session.id, '--info-types', '*', '--wait', '--timeout', '1', '--json'],
      env(token),
    );
    expect(run.code).toBe(4);
    const poll = json<{ id: string; state: string }>(run);
    expect(poll).toMatchObject({ resource: 'poll', session: session.id });
    expect(run.stderr).toBe(`error: poll ${poll.id} is still ${poll.state} after 1 s\n`);
  });

  it.each(['session', 'poll'] as const)('%s retrieve --wait that never got an answer', async (noun) => {
    const token = newToken();
    const session = await activeSession(client(token));
    const { id } =
      noun === 'session' ? session : await client(token).polls.create({ session, payload: { info_types: ['*'] } });
    holdLooks(`${noun}s`);
    const run = await ricloud([noun, 'retrieve', id, '--wait', '--timeout', '1'], env(token));
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toBe(`error: ${noun} ${id} got no answer within 1 s\n`);
  });

  it.each(['session', 'poll'] as const)('%s retrieve --wait: printed as last known', async (noun) => {
    const token = newToken();
    const sdk = steady.client(token);
    const { id } =
      noun === 'session'
        ? await newSession(sdk)
        : await sdk.polls.create({ session: await activeSession(sdk), payload: { info_types: ['*'] } });
    // The first look answers, still pending; the next ones never do.
    const path = `/${noun}s/${id}`;
    steady.mock().api.faults.add({ method: 'GET', path, latency: 0 });
    steady.mock().api.faults.add({ method: 'GET', path, hang: true, times: Infinity });
    const run = await ricloud([noun, 'retrieve', id, '--wait', '--timeout', '1', '--json'], steady.env(token));
    expect(run.code).toBe(4);
    const printed = json<{ id: string; state: string }>(run);
    expect(printed).toMatchObject({ id, resource: noun });
    expect(run.stderr).toBe(`error: ${noun} ${id} is still ${printed.state} after 1 s\n`);
  });

  it('but an API failure during the wait exits with its own code, not 4', async () => {
    const token = newToken();
    mock().api.faults.add({ method: 'GET', path: /^\/sessions\/[^/]+$/, status: 404, times: Infinity });
    const run = await createSession(token, ['--wait', '--timeout', '30']);
    expect(run.code).toBe(6);
    expect(run.stdout).toMatch(/^state +pending$/m);
    expect(run.stderr).toMatch(/^error: .*\(404 not-found\)/);
  });
});
