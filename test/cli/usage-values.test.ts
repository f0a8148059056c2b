/**
 * Malformed option values are usage errors (exit 2) that say what is wrong, before anything starts: the listen address
 * of `mock` and `event listen`, and global flags given empty, which would otherwise fall through to another setting.
 */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { newToken, ricloud, useMockServer } from './support';

const { env, mock } = useMockServer();

describe('--host of mock and event listen', () => {
  const commands = [
    ['mock', '--port', '0'],
    ['event', 'listen', '--port', '0', '--secret', 'whsec_host'],
  ];

  it.each(
    commands.flatMap((command) => ['', 'not a host', '999.1.1.1', '-bad', 'a..b'].map((host) => [command, host])),
  )('%j --host %j exits 2 and says the value is no address', async (command, host) => {
    const run = await ricloud([...(command as string[]), '--host', host as string], env(newToken()));
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain(
      `option '--host <host>' argument '${host}' is invalid. Not an IP address or a host name.`,
    );
  });

  it.each(commands.map((command) => [command.slice(0, 2).join(' '), command]))(
    '%s exits 2 for a host name that resolves to nothing, or an address not of this machine',
    async (_, command) => {
      // .invalid never resolves (RFC 6761); 192.0.2.1 is for documentation (RFC 5737), on no machine.
      const unknown = await ricloud([...command, '--host', 'nosuch.invalid'], env(newToken()));
      expect(unknown).toMatchObject({
        code: 2,
        stderr: 'error: invalid --host: nosuch.invalid names no address (ENOTFOUND)\n',
      });
      const foreign = await ricloud([...command, '--host', '192.0.2.1'], env(newToken()));
      expect(foreign).toMatchObject({
        code: 2,
        stderr: 'error: invalid --host: 192.0.2.1 is not an address of this machine\n',
      });
    },
  );

  it.each(commands.map((command) => [command.slice(0, 2).join(' '), command]))(
    '%s on a port in use exits 1 (the flags are right, the machine is busy), naming --port and what to do',
    async (_, command) => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const { port } = taken.address() as { port: number };
      try {
        const args = command.filter((arg, i) => arg !== '--port' && command[i - 1] !== '--port');
        const run = await ricloud([...args, '--host', '127.0.0.1', '--port', String(port)], env(newToken()));
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('EADDRINUSE');
        // One line, not Node's bare `listen EADDRINUSE: address already in use`.
        expect(run).toMatchObject({
          stdout: '',
          stderr:
            `error: --port ${port} is in use on 127.0.0.1 (EADDRINUSE): ` +
            'choose another port, or --port 0 for any free port\n',
        });
      } finally {
        taken.close();
      }
    },
  );
});

describe('global flags given empty', () => {
  it.each([
    ['--token', ['--token', '', 'task', 'list'], 'empty'],
    ['--token', ['--token', '  ', 'task', 'list'], 'only whitespace'],
    ['--url', ['--url', '', 'task', 'list'], 'empty'],
    ['--url', ['--url', '\t', 'task', 'list'], 'only whitespace'],
  ])('%s %j exits 2 instead of falling through to RICLOUD_TOKEN or the default API', async (flag, args, what) => {
    const before = mock().api.requests.length;
    const run = await ricloud(args as string[], env(newToken()));
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `error: ${flag} is ${what}: give it a value, or leave it out\n`,
    });
    expect(mock().api.requests.length).toBe(before);
  });

  it('event listen --secret "" exits 2 instead of taking RICLOUD_SECRET', async () => {
    const run = await ricloud(
      ['event', 'listen', '--port', '0', '--secret', ''],
      env(newToken(), { RICLOUD_SECRET: 'whsec_env' }),
    );
    expect(run).toMatchObject({ code: 2, stderr: 'error: --secret is empty: give it a value, or leave it out\n' });
  });
});

it("a bad value is quoted in commander's message with its control characters shown, not obeyed", async () => {
  const run = await ricloud(['task', 'list', '--limit', '\u001b]0;pwned\u0007'], env(newToken()));
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("option '--limit <n>' argument '\\x1b]0;pwned\\x07' is invalid");
  expect(run.stderr).not.toContain('\u001b');
});

it('RICLOUD_LOG that is no log level exits 2 naming the levels, before anything is sent', async () => {
  const before = mock().api.requests.length;
  const run = await ricloud(['task', 'list'], env(newToken(), { RICLOUD_LOG: 'verbose' }));
  expect(run).toMatchObject({
    code: 2,
    stdout: '',
    stderr: 'error: RICLOUD_LOG=verbose is not a log level: use off, error, warn, info or debug\n',
  });
  expect(mock().api.requests.length).toBe(before);
});

describe('numbers are decimal, as people and ricloud-py write them', () => {
  it.each([
    [['task', 'list', '--limit', '0x10'], '--limit <n>', '0x10', 'Not a whole number.'],
    [['task', 'list', '--limit', '1e2'], '--limit <n>', '1e2', 'Not a whole number.'],
    [
      ['subscription', 'create', '--session', 's', '--data-types', 'a', '--interval', '0x15180'],
      '--interval <seconds>',
      '0x15180',
      'Not a whole number.',
    ],
    [
      ['task', 'wait', 't', '--timeout', '0x10'],
      '--timeout <seconds>',
      '0x10',
      'Not a positive number of seconds up to 2147483.',
    ],
    [
      ['task', 'wait', 't', '--timeout', '1e3'],
      '--timeout <seconds>',
      '1e3',
      'Not a positive number of seconds up to 2147483.',
    ],
    // A second bad flag after it: before the fix the first was taken, and the mock would have started on it.
    [['mock', '--port', '0o17', '--result-size', 'x'], '--port <port>', '0o17', 'Not a whole number.'],
    [
      ['mock', '--interval-scale', '0b1'],
      '--interval-scale <ms>',
      '0b1',
      'Not a number of milliseconds above 0, up to 1000000.',
    ],
    // Past 2^53 not every whole number is a number: 99999999999999999999 would be sent as 1e20.
    [
      ['storage-config', 'update', 'x', '--signed-urls-expiry', '99999999999999999999'],
      '--signed-urls-expiry <seconds>',
      '99999999999999999999',
      'Not a whole number within ±9007199254740991.',
    ],
    [
      ['task', 'list', '--limit', '-99999999999999999999'],
      '--limit <n>',
      '-99999999999999999999',
      'Not a whole number within ±9007199254740991.',
    ],
  ])(
    '%j exits 2 before anything is sent: hex, octal, binary, exponents and digits past 2^53 are refused',
    async (args, flags, value, why) => {
      const before = mock().api.requests.length;
      const run = await ricloud(args, env(newToken()));
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`option '${flags}' argument '${value}' is invalid. ${why}`);
      expect(mock().api.requests.length).toBe(before);
    },
  );

  it('decimals still read as before: --timeout 0.5 and 90, --limit 5', async () => {
    const token = newToken();
    expect((await ricloud(['task', 'list', '--limit', '5'], env(token))).code).toBe(0);
    const waited = await ricloud(['task', 'wait', 'nope', '--timeout', '0.5'], env(token));
    expect(waited.stderr).toMatch(/404 not-found|no answer within 0.5 s/);
  });
});

it('--created-after at or past --created-before is refused before sending (exit 2): no item could match', async () => {
  const before = mock().api.requests.length;
  for (const [after, until] of [
    ['2026-01-01', '2025-01-01'],
    ['2025-01-31T13:00:00+01:00', '2025-01-31T12:00:00Z'],
    ['2025-01-31T12:00:00.168999Z', '2025-01-31T12:00:00.168354Z'],
  ]) {
    const run = await ricloud(
      ['task', 'list', '--created-after', after as string, '--created-before', until as string],
      env(newToken()),
    );
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        `error: invalid --created-before: ${until} is not after --created-after ${after}, ` +
        'so nothing could match\n',
    });
  }
  expect(mock().api.requests.length).toBe(before);
});

it('--created-after and --created-before within one millisecond, the API keeping microseconds, are sent', async () => {
  // The API's own date_created (…00.168354Z), as a script takes it from one item to bound the next list.
  const run = await ricloud(
    [
      'task',
      'list',
      '--created-after',
      '2025-01-31T12:00:00.168354Z',
      '--created-before',
      '2025-01-31T12:00:00.168999Z',
    ],
    env(newToken()),
  );
  expect(run).toMatchObject({ code: 0, stderr: 'No tasks.\n' });
  expect(mock().api.requests.at(-1)?.query).toMatchObject({
    date_created__gt: '2025-01-31T12:00:00.168354Z',
    date_created__lt: '2025-01-31T12:00:00.168999Z',
  });
});
