import { spawn, spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  BIN,
  collect,
  FAILING_URL,
  hasAnsi,
  json,
  ndjson,
  newToken,
  OK_URL,
  ricloud,
  start,
  tempHome,
  useMockServer,
} from './support';
import { activeSession, until } from './flow-support';

const { mock, env, client } = useMockServer();
// Tasks on this one stay pending for a minute: for timeouts and interruptions.
const slow = useMockServer({ taskDelay: 60_000 });

/** A finished test task of a new config on `url`. */
async function finishedTask(token: string, url = OK_URL) {
  const cfg = await client(token).webhookConfigs.create({ url });
  const task = await client(token).webhookConfigs.test(cfg.id);
  return task.wait({ timeout: 5_000 });
}

describe('ricloud task retrieve', () => {
  it('prints the task as key/value lines, or as one JSON document', async () => {
    const token = newToken();
    const task = await finishedTask(token);
    const text = await ricloud(['task', 'retrieve', task.id], env(token));
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^id +${task.id}$`, 'm'));
    expect(text.stdout).toMatch(/^state +succeeded$/m);
    expect(text.stdout).toMatch(/^error +-$/m);
    const doc = await ricloud(['task', 'retrieve', task.id, '--json'], env(token));
    expect(json(doc)).toEqual(JSON.parse(JSON.stringify(task)));
  });

  it('exits 6 naming 404 not-found for an unknown task', async () => {
    const run = await ricloud(['task', 'retrieve', 'nope'], env(newToken()));
    expect(run.code).toBe(6);
    expect(run.stderr).toMatch(/^error: task nope not found \(404 not-found\)/);
  });
});

describe('ricloud task list', () => {
  it('prints a table of tasks with their states, and the page as JSON with --json', async () => {
    const token = newToken();
    const ok = await finishedTask(token);
    const failed = await finishedTask(token, FAILING_URL);
    const text = await ricloud(['task', 'list', '--state', 'failed'], env(token));
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +TYPE +STATE +ERROR +DATE_CREATED$/);
    expect(lines.slice(1).every((line) => / failed /.test(line))).toBe(true);
    expect(text.stdout).toContain(failed.id);
    expect(text.stdout).not.toContain(ok.id);
    const doc = json<{ data: { id: string }[]; has_more: boolean }>(
      await ricloud(['task', 'list', '--json', '--type', 'webhook_config.test'], env(token)),
    );
    expect(doc.has_more).toBe(false);
    expect(doc.data.map((t) => t.id)).toContain(ok.id);
    const all = ndjson((await ricloud(['task', 'list', '--all', '--json'], env(token))).stdout);
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([ok.id, failed.id]));
  });
});

describe('ricloud task wait', () => {
  it('waits until the task succeeded, prints it and exits 0; piped, no spinner is drawn', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const task = await client(token).webhookConfigs.test(cfg.id);
    const run = await ricloud(['task', 'wait', task.id], env(token));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^state +succeeded$/m);
    expect(hasAnsi(run.stdout + run.stderr)).toBe(false);
  });

  it('exits 3 when the task failed, with --json too', async () => {
    const token = newToken();
    const task = await finishedTask(token, FAILING_URL);
    const run = await ricloud(['task', 'wait', task.id, '--json'], env(token));
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ id: task.id, state: 'failed', error: 'webhook-bad-status' });
  });

  it('exits 3 when the task was suspended, at once rather than at --timeout, printing it', async () => {
    const token = newToken();
    const sdk = client(token);
    const poll = await sdk.polls.create({ session: await activeSession(sdk), payload: { data_types: ['a.suspend'] } });
    await until(async () => (await poll.refresh()).state !== 'pending');
    const [task] = (await poll.listTasks()).data;
    const run = await ricloud(['task', 'wait', task?.id ?? '', '--timeout', '10', '--json'], env(token));
    expect(run.code).toBe(3);
    expect(json(run)).toMatchObject({ id: task?.id, state: 'suspended' });
    expect(run.stderr).toBe(`error: task ${task?.id} is suspended\n`);
  });

  it('exits 4, the wait timed out, when --timeout passes first, and prints the task still pending', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    const [pending] = slow
      .mock()
      .api.store.tasks()
      .filter((t) => t.target === cfg.id);
    const run = await ricloud(['task', 'wait', pending?.id ?? '', '--timeout', '1', '--json'], slow.env(token));
    expect(run.code).toBe(4);
    // Printed as last known, as the --wait of other commands does.
    expect(json(run)).toMatchObject({ id: pending?.id, state: 'pending' });
    expect(run.stderr).toBe(`error: task ${pending?.id} is still pending after 1 s\n`);
  });

  it('exits 130, with no error line, on Ctrl-C (SIGINT), the task printed as last known', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    const [pending] = slow
      .mock()
      .api.store.tasks()
      .filter((t) => t.target === cfg.id);
    const { child, done } = start(['task', 'wait', pending?.id ?? ''], slow.env(token));
    // Interrupt once the command is waiting on the server.
    while (!slow.mock().api.requests.some((r) => r.path === `/tasks/${pending?.id}` && r.headers['ricloud-await']))
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    const run = await done;
    expect(run).toMatchObject({ code: 130, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^id +${pending?.id}\n(.*\n)*state +pending$`, 'm'));
  });

  it('a bad --timeout is a usage error (exit 2) naming the flag', async () => {
    const run = await ricloud(['task', 'wait', 'x', '--timeout', '0'], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--timeout <seconds>' argument '0' is invalid");
  });

  it('--timeout goes to 2147483 s, the longest timer; one more is refused (exit 2) before any API call', async () => {
    const token = newToken();
    const task = await finishedTask(token);
    expect(await ricloud(['task', 'wait', task.id, '--timeout', '2147483'], env(token))).toMatchObject({
      code: 0,
      stderr: '',
    });
    const sent = () => mock().api.requests.filter((r) => r.headers.authorization === `Token ${token}`).length;
    const before = sent();
    const over = await ricloud(['task', 'wait', task.id, '--timeout', '2147484'], env(token));
    expect(over).toMatchObject({ code: 2, stdout: '' });
    expect(over.stderr).toContain(
      "error: option '--timeout <seconds>' argument '2147484' is invalid. " +
        'Not a positive number of seconds up to 2147483.',
    );
    expect(sent()).toBe(before);
  });
});

// `script` runs the command on a pseudo-terminal, as a user at a terminal would.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('the --wait spinner on a terminal', () => {
  /** Runs `ricloud args…` under `script`, on a pseudo-terminal; returns what the terminal showed, colours removed. */
  async function onTerminal(
    args: string[],
    environment: Record<string, string>,
  ): Promise<{ raw: string; text: string }> {
    const command = [process.execPath, BIN, ...args].join(' ');
    // Spawned, not spawnSync: the mock answers from this process.
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { PATH: process.env.PATH, HOME: tempHome(), ...environment },
    });
    const { stdout } = await collect(child).done;
    return { raw: stdout, text: stripVTControlCharacters(stdout) };
  }

  it('shows the task, its state and the time taken, and ends with the final state', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    const task = await client(token).webhookConfigs.test(cfg.id);
    const { raw, text } = await onTerminal(['task', 'wait', task.id], env(token));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the spinner hides the cursor while it draws
    expect(raw).toMatch(/\u001b\[\?25l/);
    expect(text).toMatch(new RegExp(`✔ task ${task.id} succeeded \\d+\\.\\d s`));
  });

  it('shows the state while it waits, and stops cleanly when the wait times out', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    const [pending] = slow
      .mock()
      .api.store.tasks()
      .filter((t) => t.target === cfg.id);
    const { raw, text } = await onTerminal(['task', 'wait', pending?.id ?? '', '--timeout', '1'], slow.env(token));
    expect(text).toContain(`task ${pending?.id} pending`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the cursor is shown again
    expect(raw).toMatch(/\u001b\[\?25h/);
    expect(text).toMatch(/error: task \S+ is still pending after 1 s/);
  });
});
