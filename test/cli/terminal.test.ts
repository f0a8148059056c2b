/**
 * The command on a terminal: run inside `script`, which gives it a pseudo-terminal for stdin, stdout and stderr, as a
 * person at a shell has. What it prints comes back as one stream, as the person sees it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { activeSession, configureOrganisation } from './flow-support';
import { newToken, OK_URL, onTerminal, tempHome, useMockServer } from './support';

const { mock, env, client } = useMockServer();

describe('the password prompt', () => {
  it('asks without echo, takes backspace, sends what was typed: "wrong" fails (exit 3), never shown', async () => {
    const token = newToken();
    await configureOrganisation(client(token), OK_URL);
    const user = await client(token).users.create({ identifier: 'terminal' });
    const run = onTerminal(
      ['session', 'create', '--user', user.id, '--identifier', 'john@example.com', '--wait'],
      env(token),
    );
    await run.waitFor('stdout', /Password for john@example\.com: $/);
    run.child.stdin.write('wronX\u007fg\r');
    const done = await run.done;
    expect(done.code).toBe(3);
    expect(done.stdout).toMatch(/error: session \S+ is failed \(invalid-credentials\)/);
    expect(done.stdout).not.toMatch(/wron/);
  });

  it('with --password-stdin on a terminal, asks with echo off as without it: what is typed never shows', async () => {
    const token = newToken();
    await configureOrganisation(client(token), OK_URL);
    const user = await client(token).users.create({ identifier: 'terminal-stdin' });
    const run = onTerminal(
      ['session', 'create', '--user', user.id, '--identifier', 'jane@example.com', '--password-stdin', '--wait'],
      env(token),
    );
    await run.waitFor('stdout', /Password for jane@example\.com: $/);
    run.child.stdin.write('wrong\r');
    const done = await run.done;
    expect(done.code).toBe(3);
    expect(done.stdout).toMatch(/error: session \S+ is failed \(invalid-credentials\)/);
    expect(done.stdout).not.toMatch(/wrong/);
  });

  it('Ctrl-C at the prompt stops the run (exit 130) and sends nothing', async () => {
    const token = newToken();
    const before = mock().api.requests.length;
    const run = onTerminal(['session', 'create', '--user', 'u', '--identifier', 'john@example.com'], env(token));
    await run.waitFor('stdout', /Password for john@example\.com: $/);
    run.child.stdin.write('abc\u0003');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(done.stdout).not.toContain('abc');
    expect(mock().api.requests.slice(before)).toEqual([]);
  });

  it.each([
    ['no token is set', ['--user', 'u', '--identifier', 'john@example.com'], {}, /no API token/],
    ['--user is empty', ['--user', '', '--identifier', 'john@example.com'], undefined, /invalid --user: /],
    ['--identifier is empty', ['--user', 'u', '--identifier', ''], undefined, /invalid --identifier: /],
    ['--identifier is blank', ['--user', 'u', '--identifier', ' '], undefined, /invalid --identifier: /],
  ])('refuses the run before asking for the password when %s (exit 2)', async (_, flags, environment, error) => {
    const before = mock().api.requests.length;
    const run = onTerminal(['session', 'create', ...flags], environment ?? env(newToken()));
    // A prompt would wait for a person: Ctrl-C ends it, and the assertions below say why the run failed.
    run.waitFor('stdout', /Password for/).then(
      () => run.child.stdin.write('\u0003'),
      () => undefined,
    );
    const done = await run.done;
    expect(done.code).toBe(2);
    expect(done.stdout).toMatch(error);
    expect(done.stdout).not.toMatch(/Password for/);
    expect(mock().api.requests.slice(before)).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/cmdline'))(
    'SIGTERM at the prompt stops the run (exit 143) and sends nothing',
    async () => {
      const token = newToken();
      const before = mock().api.requests.length;
      const identifier = `${crypto.randomUUID()}@example.com`;
      const run = onTerminal(['session', 'create', '--user', 'u', '--identifier', identifier], env(token));
      await run.waitFor('stdout', /Password for \S+: $/);
      process.kill(pidWith(identifier), 'SIGTERM');
      const done = await run.done;
      expect(done.code).toBe(143);
      expect(mock().api.requests.slice(before)).toEqual([]);
    },
  );
});

describe('--token-stdin and --secret-stdin typed on a terminal', () => {
  it('asks for the token with echo off, so it never shows on the screen, and uses it', async () => {
    const token = newToken();
    await client(token).webhookConfigs.create({ url: OK_URL });
    const run = onTerminal(['--token-stdin', 'webhook-config', 'list', '--json'], { RICLOUD_URL: mock().url });
    await run.waitFor('stdout', /API token \(--token-stdin\): $/);
    run.child.stdin.write(`${token}\r`);
    const done = await run.done;
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('"url": "https://hooks.test/ok"');
    expect(done.stdout).not.toContain(token);
  });

  it('a token typed or pasted past 64 KiB is a usage error (exit 2) before Enter: nothing kept growing', async () => {
    const run = onTerminal(['--token-stdin', 'webhook-config', 'list'], { RICLOUD_URL: mock().url });
    await run.waitFor('stdout', /API token \(--token-stdin\): $/);
    run.child.stdin.write('t'.repeat(64 * 1024 + 1));
    await run.waitFor('stdout', /error: more than 65536 bytes typed at the prompt/);
    const done = await run.done;
    expect(done.code).toBe(2);
    expect(done.stdout).not.toContain('tttt');
  });

  it('asks for the webhook secret with echo off', async () => {
    const run = onTerminal(['event', 'listen', '--port', '0', '--secret-stdin'], {});
    await run.waitFor('stdout', /Webhook secret \(--secret-stdin\): $/);
    run.child.stdin.write('whsec_typed_on_the_terminal\r');
    await run.waitFor('stdout', /Listening on http/);
    run.child.stdin.write('\u0003');
    const done = await run.done;
    expect(done.code).toBe(130);
    expect(done.stdout).not.toContain('whsec_typed');
  });
});

describe('--wait on a terminal', () => {
  it('draws its spinner with colours, and without any under --no-color', async () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: an SGR sequence is what it looks for
    const sgr = /\u001b\[[\d;]*m/;
    const token = newToken();
    const args = ['webhook-config', 'create', '--url', OK_URL, '--wait'];
    const coloured = await onTerminal(args, env(token)).done;
    expect(coloured.code).toBe(0);
    expect(stripVTControlCharacters(coloured.stdout)).toMatch(/✔ webhook_config \S+ valid/);
    expect(coloured.stdout).toMatch(sgr);
    const plain = await onTerminal(['--no-color', ...args], env(token)).done;
    expect(plain.code).toBe(0);
    expect(stripVTControlCharacters(plain.stdout)).toMatch(/✔ webhook_config \S+ valid/);
    expect(plain.stdout).not.toMatch(sgr);
  });
});

/** The id of the running process whose command line holds `word`. */
function pidWith(word: string): number {
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(word)) return Number(entry);
    } catch {
      // The process ended since the directory was read.
    }
  }
  throw new Error(`no process with ${word}`);
}

describe('result download on a terminal', () => {
  it('draws a progress bar on stderr and ends at 100%', async () => {
    const token = newToken();
    const sdk = client(token);
    const poll = await sdk.polls.create({
      session: await activeSession(sdk),
      payload: { files: ['notes-1'] },
    });
    await poll.wait({ timeout: 10_000 });
    const [result] = (await sdk.results.list({ poll })).data;
    const path = join(tempHome(), 'notes.bin');
    const run = await onTerminal(['result', 'download', result?.id ?? '', '--output', path], env(token)).done;
    expect(run.code).toBe(0);
    expect(stripVTControlCharacters(run.stdout)).toMatch(
      new RegExp(`✔ result ${result?.id} █{24} 100% 4\\.10 kB of 4\\.10 kB \\d+\\.\\d s`),
    );
    expect(readFileSync(path, 'utf8')).toMatch(/^notes-1\n/);
  });

  it('refuses to write the file to the terminal itself (exit 2)', async () => {
    const run = await onTerminal(['result', 'download', 'res_1'], env(newToken())).done;
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('error: result download writes the file: pass --output PATH, or pipe stdout');
  });
});
