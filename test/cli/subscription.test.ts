import { describe, expect, it } from 'vitest';
import { activeRelaySession, activeSession } from './flow-support';
import { json, newToken, ricloud, useMockServer } from './support';

const { env, client } = useMockServer();

describe('ricloud subscription', () => {
  it('create makes a subscription with its poll payload and interval; list shows it; delete stops it', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const made = await ricloud(
      [
        'subscription',
        'create',
        '--session',
        session.id,
        '--data-types',
        'ios_messages.messages',
        '--interval',
        '7200',
        '--start',
        '2100-01-01T00:00:00Z',
        '--json',
      ],
      env(token),
    );
    expect(made.code).toBe(0);
    const subscription = json<{ id: string; state: string; interval: number; poll_payload: unknown }>(made);
    expect(subscription).toMatchObject({ state: 'pending', interval: 7200 });
    expect(subscription.poll_payload).toMatchObject({ data_types: ['ios_messages.messages'] });

    const list = await ricloud(['subscription', 'list', '--session', session.id], env(token));
    expect(list.stdout.split('\n')[0]).toMatch(/^ID +STATE +SESSION +INTERVAL +DATE_START +DATE_END +DATE_CREATED$/);
    expect(list.stdout).toMatch(
      new RegExp(`^${subscription.id} +pending +${session.id} +7200 +2100-01-01T00:00:00`, 'm'),
    );

    const deleted = await ricloud(['subscription', 'delete', subscription.id], env(token));
    expect(deleted.stdout).toMatch(/^state +deleted$/m);
    const left = await ricloud(['subscription', 'list', '--state', 'pending', '--json'], env(token));
    expect(json<{ total_count: number }>(left).total_count).toBe(0);
  });

  it('create --wait exits 0 once its first poll made it active; retrieve --wait exits 4 before the start', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const base = ['subscription', 'create', '--session', session.id, '--info-types', '*', '--json'];
    const active = await ricloud([...base, '--wait'], env(token));
    expect(active.code).toBe(0);
    const made = json<{ id: string; state: string }>(active);
    expect(made.state).toBe('active');
    const shown = await ricloud(['subscription', 'retrieve', made.id, '--json'], env(token));
    expect(json(shown)).toMatchObject({ id: made.id, state: 'active' });

    const later = json<{ id: string }>(await ricloud([...base, '--start', '2100-01-01T00:00:00Z'], env(token)));
    const run = await ricloud(['subscription', 'retrieve', later.id, '--wait', '--timeout', '1', '--json'], env(token));
    expect(run.code).toBe(4);
    // Printed as last known, as the --wait of other commands does.
    expect(json(run)).toMatchObject({ id: later.id, state: 'pending' });
    expect(run.stderr).toBe(`error: subscription ${later.id} is still pending after 1 s\n`);
  });

  it('retrieve --wait exits 3 for a subscription that ended other than active (deleted), printing it', async () => {
    const token = newToken();
    const session = await activeSession(client(token));
    const base = ['subscription', 'create', '--session', session.id, '--info-types', '*', '--json'];
    const later = json<{ id: string }>(await ricloud([...base, '--start', '2100-01-01T00:00:00Z'], env(token)));
    expect((await ricloud(['subscription', 'delete', later.id], env(token))).code).toBe(0);
    const run = await ricloud(['subscription', 'retrieve', later.id, '--wait', '--json'], env(token));
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ id: later.id, state: 'deleted' });
    expect(run.stderr).toBe(`error: subscription ${later.id} is deleted\n`);
  });

  it(
    "poll list --requestor subscription finds a subscription's latest automatic poll, " +
      "as ricloud-py's rirelay sub latest",
    async () => {
      const token = newToken();
      const c = client(token);
      const session = await activeSession(c);
      const sub = await (await c.subscriptions.create({ session, poll_payload: { info_types: ['*'] } })).wait();
      const automatic = (await c.polls.list({ subscription: sub, limit: 1 })).data[0];
      const manual = await c.polls.create({ subscription: sub, payload: { info_types: ['*'] } });
      const base = ['poll', 'list', '--subscription', sub.id, '--limit', '1', '--json'];
      const latest = await ricloud([...base, '--requestor', 'subscription'], env(token));
      expect(latest.code).toBe(0);
      expect(json<{ data: { id: string }[] }>(latest).data.map((poll) => poll.id)).toEqual([automatic?.id]);
      const byClient = await ricloud([...base, '--requestor', 'key'], env(token));
      expect(json<{ data: { id: string }[] }>(byClient).data.map((poll) => poll.id)).toEqual([manual.id]);
    },
  );

  it(
    'create refuses an end before the start, naming --end (exit 2), and a Relay interval under an hour ' +
      'with the API error (exit 1)',
    async () => {
      const token = newToken();
      const session = await activeRelaySession(client(token));
      const base = ['subscription', 'create', '--session', session.id, '--info-types', '*'];
      const dates = await ricloud([...base, '--start', '2100-01-02', '--end', '2100-01-01'], env(token));
      expect(dates.code).toBe(2);
      expect(dates.stderr).toBe('error: invalid --end: must be after --start\n');
      const short = await ricloud([...base, '--interval', '60'], env(token));
      expect(short.code).toBe(1);
      expect(short.stderr).toMatch(/^error: create subscription: .*\(400 invalid-parameter\)/);
    },
  );
});
