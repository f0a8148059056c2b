/**
 * The global `--timeout S` bounds a whole run, whatever it waits on (a server that stops answering, a wait, a listen):
 * past it the run stops as on Ctrl-C and exits 4. A command with a `--timeout` of its own (`--wait`'s) keeps it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, json, newToken, OK_URL, ricloud, start, useMockServer } from './support';

const { mock, env, client } = useMockServer();

afterEach(() => mock().api.faults.clear());

/** Holds every answer to `method path` unanswered: a server that stopped answering. */
const hang = (method: string, path: RegExp) => mock().api.faults.add({ method, path, hang: true, times: Infinity });

describe('the global --timeout', () => {
  it('ends a call to a server that stops answering with exit 4, before or after the command', async () => {
    const token = newToken();
    hang('GET', /^\/configs\/webhook$/);
    for (const args of [
      ['--timeout', '1', 'webhook-config', 'list'],
      ['webhook-config', 'list', '--timeout', '0.5'],
      ['webhook-config', 'list', '--all', '--json', '--timeout', '1'],
    ]) {
      const seconds = args[args.indexOf('--timeout') + 1];
      const run = await ricloud(args, env(token));
      expect({ args, ...run }).toEqual({
        args,
        code: 4,
        signal: null,
        stdout: '',
        stderr: `error: ran out of time (--timeout ${seconds} s): webhook_config list: aborted\n`,
      });
    }
  });

  it('says a create it cut may have been applied', async () => {
    const token = newToken();
    hang('POST', /^\/configs\/webhook$/);
    const run = await ricloud(['--timeout', '1', 'webhook-config', 'create', '--url', OK_URL], env(token));
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'error: ran out of time (--timeout 1 s): create webhook_config: aborted; the request may have been applied\n',
    );
  });

  it("goes before a command with a --timeout of its own, which stays its wait's", async () => {
    const token = newToken();
    hang('GET', /^\/configs\/webhook\/[^/]+$/);
    const cut = await ricloud(
      // 3 s, so that a loaded machine still creates the config in time: the wait's hanging status check runs it out.
      ['--timeout', '3', 'webhook-config', 'create', '--url', OK_URL, '--wait', '--timeout', '60', '--json'],
      env(token),
    );
    expect(cut.code).toBe(4);
    expect(json(cut)).toMatchObject({ url: OK_URL, state: 'new' });
    expect(cut.stderr).toMatch(/^error: ran out of time \(--timeout 3 s\): /);
    const waited = await ricloud(
      ['--timeout', '60', 'webhook-config', 'create', '--url', OK_URL, '--timeout', '1'],
      env(token),
    );
    expect(waited.code).toBe(4);
    // In text, the note that the new config's secret cannot be shown again comes first.
    expect(waited.stderr).toMatch(/^Webhook config (\S+) was created, but its secret is masked .*\n(?=error: )/);
    expect(waited.stderr).toMatch(/\nerror: webhook_config \S+ is still new after 1 s\n$/);
  });

  it('ends event listen --webhook-url as Ctrl-C does: its config deleted, exit 4', async () => {
    const token = newToken();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/webhooks`;
    const run = await start(
      ['--timeout', '3', 'event', 'listen', '--port', String(port), '--webhook-url', url],
      env(token),
    ).done;
    expect(run.code).toBe(4);
    const [, id] = /Created webhook config (\S+) for/.exec(run.stderr) ?? [];
    expect(run.stderr).toContain(`Deleted webhook config ${id}.`);
    expect(run.stderr).toMatch(/error: ran out of time \(--timeout 3 s\)\n$/);
    expect((await client(token).webhookConfigs.list()).data).toEqual([]);
  });

  it('bounds the cleanup of event listen --webhook-url, and says what a stalled cleanup left behind', async () => {
    const token = newToken();
    const key = await client(token).keys.current();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/webhooks`;
    // The API stops answering once the run has set up: the cleanup's look at the key and its delete get no answer.
    hang('GET', /^\/keys\/[^/]+$/);
    hang('DELETE', /^\/configs\/webhook\/[^/]+$/);
    const run = await start(
      ['--timeout', '3', 'event', 'listen', '--port', String(port), '--webhook-url', url],
      env(token),
    ).done;
    const [, id] = /Created webhook config (\S+) for/.exec(run.stderr) ?? [];
    expect(run.code).toBe(7);
    expect(run.stderr).toContain(
      `warning: key ${key.id} may still point at webhook config ${id}: ` +
        `ricloud key update ${key.id} --webhook-config none points it back\n`,
    );
    expect(run.stderr).toContain(
      `warning: webhook config ${id} for ${url} may be left: ` +
        `ricloud webhook-config update ${id} --state deactivated switches it off\n`,
    );
    // Each call of the cleanup had 5 s, not the SDK's 90 s; the first that failed is the error.
    expect(run.stderr).toMatch(
      new RegExp(`\\nerror: key ${key.id}: no answer within the deadline of 5000 ms\\b.*\\n$`),
    );
    mock().api.faults.clear();
    expect((await key.refresh()).webhook_config).toBe(id);
  }, 60_000);

  it('bounds a read of --token-stdin that never ends, as in a CI job whose stdin stays open', async () => {
    const run = await start(['--timeout', '1', '--token-stdin', 'webhook-config', 'list'], {
      RICLOUD_URL: mock().url,
    }).done;
    expect(run).toMatchObject({ code: 4, stdout: '', stderr: 'error: ran out of time (--timeout 1 s)\n' });
  });

  it('does not hold a run that ends first', async () => {
    const run = await ricloud(['--timeout', '2147483', 'webhook-config', 'list', '--json'], env(newToken()));
    expect(run).toMatchObject({ code: 0, stderr: '' });
  });

  it('takes a positive decimal number of seconds, else exit 2', async () => {
    for (const value of ['0', '-1', '1e3', '0x10', 'soon', '2147484']) {
      const run = await ricloud(['--timeout', value, 'webhook-config', 'list'], env(newToken()));
      expect({ value, code: run.code }).toEqual({ value, code: 2 });
      expect(run.stderr).toContain(`option '--timeout <seconds>' argument '${value}' is invalid`);
    }
  });
});
