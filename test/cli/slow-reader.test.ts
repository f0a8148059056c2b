import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import { until } from './flow-support';
import { configTestEvent, freePort, type Launched, ndjson, newToken, OK_URL, start, useMockServer } from './support';

const { mock, env, client } = useMockServer();

/**
 * A token with 1001 webhook configs of long URLs: the walk takes two pages, the first far more than a pipe holds. The
 * 1001 creates get a minute, not the default 10 s: the runtimes check runs this suite on two Node versions at once.
 */
const token = newToken();
beforeAll(async () => {
  for (let batch = 0; batch < 1001; batch += 77) {
    await Promise.all(
      Array.from({ length: Math.min(77, 1001 - batch) }, (_, i) =>
        client(token).webhookConfigs.create({ url: `${OK_URL}/${batch + i}/${'x'.repeat(1000)}` }),
      ),
    );
  }
}, 60_000);

/** The list requests of the token's walks the mock has received so far. */
const pageRequests = () =>
  mock().api.requests.filter(
    (request) =>
      request.method === 'GET' &&
      request.path === '/configs/webhook' &&
      request.headers.authorization?.includes(token) === true,
  ).length;

/** Starts `webhook-config list --all` with `format`, its stdout left unread until the test reads it. */
async function walkUnread(format: string[]): Promise<Launched> {
  const walk = start(['webhook-config', 'list', '--all', ...format], env(token));
  walk.child.stdout.pause();
  // The first page arrived and the command began to print it: it now waits for its reader, or asks for the second.
  while (walk.child.stdout.readableLength === 0 && walk.child.exitCode === null) await sleep(10);
  // Time enough to ask for the second page, had it not waited for its reader.
  await sleep(500);
  return walk;
}

describe('a reader slower than the API (`list --all | slow-consumer`)', () => {
  it('list --all fetches the next page only once stdout took the last: memory holds a page, not the list', async () => {
    for (const format of [[], ['--json']]) {
      const before = pageRequests();
      const walk = await walkUnread(format);
      expect({ format, pages: pageRequests() - before }).toEqual({ format, pages: 1 });
      walk.child.stdout.resume();
      const run = await walk.done;
      expect({ format, code: run.code, pages: pageRequests() - before }).toEqual({ format, code: 0, pages: 2 });
      expect(run.stdout.split(OK_URL).length - 1).toBe(1001);
    }
  });
});

describe('a reader that stopped reading', () => {
  it('SIGTERM or Ctrl-C still ends the run at once, with 143 or 130: what stdout did not take is dropped', async () => {
    for (const [sent, code] of [
      ['SIGTERM', 143],
      ['SIGINT', 130],
    ] as const) {
      const walk = await walkUnread(['--json']);
      walk.child.kill(sent);
      expect({ sent, ...(await walk.done) }).toMatchObject({ sent, code, stderr: '' });
    }
  });
});

/** The listener a test started, stopped after it if it still runs. */
let running: Launched | undefined;
afterEach(() => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
});

/** Starts `event listen --secret whsec_slow args…` on a free port; resolves once it said all it says at start. */
async function listenOnFreePort(args: string[]): Promise<{ listener: Launched; url: string }> {
  const port = await freePort();
  const listener = start(
    ['event', 'listen', '--port', String(port), '--secret', 'whsec_slow', ...args],
    env(newToken()),
  );
  running = listener;
  await listener.waitFor('stderr', /Press Ctrl-C/);
  return { listener, url: `http://127.0.0.1:${port}/webhooks` };
}

describe('event listen with a reader that stopped reading', () => {
  it(
    'refuses deliveries (500, for the API to deliver again later) while stdout is backed up, ' +
      'instead of queueing them',
    async () => {
      const { listener, url } = await listenOnFreePort(['--json']);
      listener.child.stdout.pause();
      // Events of 200 KB: one is more than a pipe and stdout's buffer hold together.
      const deliver = async (id: string) => {
        const event = {
          ...configTestEvent(id),
          data: { resource: 'webhook_config', id: 'cfg_1', note: 'x'.repeat(2e5) },
        };
        return (await fetch(await createSignedRequest(event, 'whsec_slow', { url }))).status;
      };
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push(await deliver(`evt_${i}`));
      const accepted = statuses.indexOf(500);
      expect(accepted).toBeGreaterThan(0);
      expect(statuses.slice(0, accepted)).toEqual(Array(accepted).fill(200));
      expect(statuses.slice(accepted)).toEqual(Array(20 - accepted).fill(500));
      listener.child.stdout.resume();
      // Delivered again once the reader reads (as the API retries a refused delivery), the event is printed.
      await until(async () => (await deliver(`evt_${accepted}`)) === 200, 'a delivery accepted again');
      listener.child.kill('SIGINT');
      const run = await listener.done;
      expect(run.code).toBe(130);
      const printed = ndjson<{ id: string }>(run.stdout).map((event) => event.id);
      expect(printed).toEqual(Array.from({ length: accepted + 1 }, (_, i) => `evt_${i}`));
      expect(run.stderr.match(/stdout is not taking events/g)).toHaveLength(1);
      expect(run.stderr).not.toContain('refused a delivery');
    },
  );
});

describe('event listen with a stderr that stopped reading', () => {
  it('counts the refused deliveries it cannot report, not queueing a line for each: anyone can send them', async () => {
    const { listener, url } = await listenOnFreePort([]);
    listener.child.stderr.pause();
    const forged = async (i: number) => {
      const request = await createSignedRequest(configTestEvent(`evt_${i}`), 'whsec_other', { url });
      return (await fetch(request)).status;
    };
    const sent = 3000;
    for (let i = 0; i < sent; i += 100) {
      const statuses = await Promise.all(Array.from({ length: 100 }, (_, j) => forged(i + j)));
      expect(statuses.every((status) => status === 400)).toBe(true);
    }
    listener.child.stderr.resume();
    await listener.waitFor('stderr', /more lines like these were not shown/);
    listener.child.kill('SIGINT');
    const run = await listener.done;
    expect(run.code).toBe(130);
    const shown = run.stderr.match(/^refused a delivery: /gm)?.length ?? 0;
    const counted = [
      ...run.stderr.matchAll(/^\((\d+) more lines like these were not shown: stderr was backed up\)$/gm),
    ];
    expect(shown).toBeLessThan(sent);
    expect(shown + counted.reduce((sum, [, n]) => sum + Number(n), 0)).toBe(sent);
  });
});
