import { describe, expect, it } from 'vitest';
import { FAILING_URL, json, ndjson, newToken, OK_URL, ricloud, useMockServer } from './support';

const { mock, env, client } = useMockServer();

/** Two delivered test events and one failed one, in the organisation of `token`. */
async function someEvents(token: string): Promise<void> {
  for (const url of [OK_URL, OK_URL, FAILING_URL]) await client(token).webhookConfigs.create({ url });
  await mock().api.settle();
}

describe('ricloud event retrieve', () => {
  it('prints the event with its data as compact JSON, or the event as one JSON document', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    await mock().api.settle();
    const [event] = (await client(token).events.list()).data;
    expect(event).toBeDefined();
    const text = await ricloud(['event', 'retrieve', event?.id ?? ''], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^type +webhook_config$/m);
    expect(text.stdout).toMatch(/^action +test$/m);
    expect(text.stdout).toMatch(/^state +delivered$/m);
    expect(text.stdout).toMatch(new RegExp(`^data +\\{"id":"${cfg.id}",.*\\}$`, 'm'));
    const doc = await ricloud(['event', 'retrieve', event?.id ?? '', '--json'], env(token));
    expect(json(doc)).toMatchObject({ id: event?.id, type: 'webhook_config', action: 'test', data: { id: cfg.id } });
  });

  it('exits 6 naming 404 not-found for an unknown event', async () => {
    const run = await ricloud(['event', 'retrieve', 'nope'], env(newToken()));
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^error: event nope not found \(404 not-found\)/);
  });
});

describe('ricloud event list', () => {
  it('prints a table, filters by --type, --action and --state, and prints JSON with --json', async () => {
    const token = newToken();
    await someEvents(token);
    const text = await ricloud(['event', 'list'], env(token));
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +TYPE +ACTION +STATE +DATE_CREATED$/);
    expect(lines).toHaveLength(4);
    const failed = json<{ data: { state: string }[] }>(
      await ricloud(['event', 'list', '--json', '--state', 'failed'], env(token)),
    );
    expect(failed.data.map((e) => e.state)).toEqual(['failed']);
    const tests = ndjson(
      (await ricloud(['event', 'list', '--all', '--json', '--type', 'webhook_config', '--action', 'test'], env(token)))
        .stdout,
    );
    expect(tests).toHaveLength(3);
    const none = await ricloud(['event', 'list', '--type', 'task'], env(token));
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'No events.\n' });
  });
});
