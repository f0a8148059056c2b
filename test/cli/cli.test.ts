import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { buildProgram } from '../../src/cli/program';
import { EVENT_STATES, TASK_STATES, WEBHOOK_CONFIG_STATES } from '../../src/index';
import {
  BIN,
  FAILING_URL,
  hasAnsi,
  json,
  newToken,
  OK_URL,
  ricloud,
  ricloudWithStdout,
  start,
  useMockServer,
} from './support';

const { mock, env, client } = useMockServer();

/** Every command path below `command`, e.g. `['webhook-config', 'create']`. */
function commandPaths(command: Command, above: string[] = []): string[][] {
  return command.commands
    .filter((sub) => sub.name() !== 'help')
    .flatMap((sub) => [[...above, sub.name()], ...commandPaths(sub, [...above, sub.name()])]);
}

describe('help and version', () => {
  it('--help works at every level: it prints the usage on stdout and exits 0', async () => {
    const paths = [[], ...commandPaths(buildProgram())];
    expect(paths.map((path) => path.join(' '))).toEqual(
      expect.arrayContaining([
        '',
        'webhook-config create',
        'webhook-config retrieve',
        'webhook-config list',
        'webhook-config update',
        'webhook-config test',
      ]),
    );
    expect(paths.map((path) => path.join(' '))).toEqual(
      expect.arrayContaining([
        'task retrieve',
        'task list',
        'task wait',
        'event retrieve',
        'event list',
        'event listen',
        'mock',
        'config init',
        'config view',
      ]),
    );
    for (const path of paths) {
      const run = await ricloud([...path, '--help']);
      expect({ path, code: run.code, stderr: run.stderr }).toEqual({ path, code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: ricloud${path.map((p) => ` ${p}`).join('')} `));
      expect(run.stdout).toContain('--json');
    }
  });

  it('the top-level help documents the quick start, the exit codes and the environment', async () => {
    const { stdout } = await ricloud(['--help']);
    for (const text of [
      'ricloud mock',
      'export RICLOUD_URL=http://127.0.0.1:8787',
      'Exit codes:',
      '  4    a wait ran out of time (--timeout)',
      '130',
      '141',
      'RICLOUD_CONF',
    ])
      expect(stdout).toContain(text);
  });

  it("the help of each command with a --url of its own says where the API's URL goes instead", async () => {
    for (const [command, own] of [
      ['webhook-config create', "the receiver's URL (absolute http or https)"],
      ['webhook-config update', "the receiver's new URL"],
      ['storage-config create', 'the bucket: gs://<bucket>/<path> or s3://<bucket>/<path>'],
      ['storage-config update', 'the new bucket URL'],
    ] as const) {
      const { stdout } = await ricloud([...command.split(' '), '--help']);
      expect({ command, help: stdout.replace(/\s+/g, ' ') }).toEqual({
        command,
        help: expect.stringContaining(
          `Here --url is ${own}. To set the API's URL, put --url before the command ` +
            `(ricloud --url http://127.0.0.1:8787 ${command} --url ...) or set RICLOUD_URL.`,
        ),
      });
    }
    expect((await ricloud(['task', 'list', '--help'])).stdout).not.toContain('Here --url');
  });

  it("the list filters' help names every state the SDK knows", async () => {
    const help = async (...path: string[]) => (await ricloud([...path, 'list', '--help'])).stdout.replace(/\s+/g, ' ');
    // commander's own list of the --state choices.
    const choices = (states: readonly string[]) =>
      `(choices: ${states.map((state) => JSON.stringify(state)).join(', ')})`;
    expect(await help('webhook-config')).toContain(choices(WEBHOOK_CONFIG_STATES));
    expect(await help('task')).toContain(choices(TASK_STATES));
    expect(await help('event')).toContain(choices(EVENT_STATES));
  });

  it("the update commands' help names the states --state may set, for webhook and storage configs alike", async () => {
    for (const group of ['webhook-config', 'storage-config']) {
      const help = (await ricloud([group, 'update', '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help).toMatch(/--state <state> (?:(?!--).)*\(choices: "new", "deactivated"\)/);
    }
  });

  it('--version prints the package version', async () => {
    expect(await ricloud(['--version'])).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
  });
});

describe('usage errors exit 2 and name what is wrong', () => {
  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['task', 'list', '--bogus'], "unknown option '--bogus'"],
    [['event', 'retrieve'], "missing required argument 'id'"],
    [['event', 'listen', '--port', 'eighty'], "option '--port <port>' argument 'eighty' is invalid"],
    [['task', 'list', '--limit', '1001'], 'invalid --limit: must be a whole number from 1 to 1000'],
    [['task', 'list', '--type', ''], 'invalid --type: must be a non-empty string'],
    [['poll', 'list', '--requestor', ' '], 'invalid --requestor: must be a non-empty string'],
    [
      ['task', 'list', '--state', ''],
      `option '--state <state>' argument '' is invalid. Allowed choices are ${TASK_STATES.join(', ')}.`,
    ],
    [
      ['task', 'list', '--state', 'bogus'],
      `option '--state <state>' argument 'bogus' is invalid. Allowed choices are ${TASK_STATES.join(', ')}.`,
    ],
    [
      ['webhook-config', 'list', '--state', 'bogus'],
      `option '--state <state>' argument 'bogus' is invalid. Allowed choices are ${WEBHOOK_CONFIG_STATES.join(', ')}.`,
    ],
    [
      ['webhook-config', 'update', 'any', '--state', 'valid'],
      "option '--state <state>' argument 'valid' is invalid. Allowed choices are new, deactivated.",
    ],
    [
      ['storage-config', 'update', 'any', '--state', 'valid'],
      "option '--state <state>' argument 'valid' is invalid. Allowed choices are new, deactivated.",
    ],
    [
      ['event', 'list', '--state', 'succeeded'],
      `option '--state <state>' argument 'succeeded' is invalid. Allowed choices are ${EVENT_STATES.join(', ')}.`,
    ],
  ])('ricloud %j', async (args, message) => {
    const run = await ricloud(args, env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });

  it('a mistyped option with its value glued on (--tokn=<token>) is named without printing the value', async () => {
    const run = await ricloud(['task', 'list', '--tokn=tok_typed_0123456789abcdef'], env(newToken()));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--tokn=…'");
    expect(run.stdout + run.stderr).not.toContain('tok_typed_0123456789abcdef');
  });

  it('no command prints the help on stderr', async () => {
    const run = await ricloud([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Usage: ricloud /);
  });

  it('no token is a usage error that says how to give one', async () => {
    const run = await ricloud(['task', 'list'], { RICLOUD_URL: 'http://127.0.0.1:1' });
    expect(run).toMatchObject({
      code: 2,
      stderr: 'error: no API token: pass --token or set RICLOUD_TOKEN (`ricloud config init --token T` saves one)\n',
    });
  });

  it('a token that cannot be sent is a usage error naming where it came from, --token or RICLOUD_TOKEN', async () => {
    const token = 'tok_€_not_latin1';
    const reason = 'cannot be sent in an HTTP header: it has a line break or a character outside Latin-1';
    const flag = await ricloud(['task', 'list', '--token', token], { RICLOUD_URL: env('').RICLOUD_URL });
    expect(flag).toMatchObject({ code: 2, stdout: '', stderr: `error: invalid token (from --token): ${reason}\n` });
    const variable = await ricloud(['task', 'list'], env(token));
    expect(variable).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `error: invalid token (from RICLOUD_TOKEN): ${reason}\n`,
    });
  });
});

describe('global options', () => {
  it('work before or after the command', async () => {
    const token = newToken();
    await client(token).webhookConfigs.create({ url: OK_URL });
    const before = await ricloud(['--json', 'webhook-config', 'list'], env(token));
    const after = await ricloud(['webhook-config', 'list', '--json'], env(token));
    const middle = await ricloud(['webhook-config', '--json', 'list'], env(token));
    expect(json(before)).toEqual(json(after));
    expect(json(middle)).toEqual(json(after));
    const flags = await ricloud(
      ['webhook-config', 'list', '--token', token, '--url', env(token).RICLOUD_URL, '--json'],
      {},
    );
    expect(json(flags)).toEqual(json(after));
  });

  it('colour states only on a terminal or with FORCE_COLOR, never with --no-color or NO_COLOR', async () => {
    const token = newToken();
    await client(token).webhookConfigs.create({ url: OK_URL });
    expect(hasAnsi((await ricloud(['webhook-config', 'list'], env(token))).stdout)).toBe(false);
    const forced = await ricloud(['webhook-config', 'list'], env(token, { FORCE_COLOR: '1' }));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
    expect(forced.stdout).toMatch(/\u001b\[3\dm(new|valid)\u001b\[39m/);
    expect(
      hasAnsi((await ricloud(['webhook-config', 'list', '--no-color'], env(token, { FORCE_COLOR: '1' }))).stdout),
    ).toBe(false);
    expect(
      hasAnsi((await ricloud(['--no-color', 'webhook-config', 'list'], env(token, { FORCE_COLOR: '1' }))).stdout),
    ).toBe(false);
    expect(
      hasAnsi((await ricloud(['webhook-config', 'list'], env(token, { FORCE_COLOR: '1', NO_COLOR: '1' }))).stdout),
    ).toBe(false);
  });

  it('colours a state in a table whatever its column width: valid beside invalid is green too', async () => {
    const token = newToken();
    for (const url of [OK_URL, FAILING_URL])
      await ricloud(['webhook-config', 'create', '--url', url, '--wait', '--quiet'], env(token));
    const run = await ricloud(['webhook-config', 'list'], env(token, { FORCE_COLOR: '1' }));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
    expect(run.stdout).toMatch(/\u001b\[32mvalid\u001b\[39m {4}/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes start with ESC
    expect(run.stdout).toMatch(/\u001b\[31minvalid\u001b\[39m {2}/);
  });

  it.each(['0', 'false'])('FORCE_COLOR=%s forces no colour on a pipe, as Node reads it', async (value) => {
    const token = newToken();
    await client(token).webhookConfigs.create({ url: OK_URL });
    const run = await ricloud(['webhook-config', 'list'], env(token, { FORCE_COLOR: value }));
    expect(run.code).toBe(0);
    expect(hasAnsi(run.stdout)).toBe(false);
  });

  it('--quiet drops hints from stderr but keeps the result and the errors', async () => {
    const token = newToken();
    for (let i = 0; i < 2; i++) await client(token).webhookConfigs.create({ url: OK_URL });
    const noisy = await ricloud(['webhook-config', 'list', '--limit', '1'], env(token));
    expect(noisy.stderr).toContain('Use --limit N or --all for more.');
    const quiet = await ricloud(['webhook-config', 'list', '--limit', '1', '--quiet'], env(token));
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(noisy.stdout);
    expect((await ricloud(['task', 'retrieve', 'nope', '-q'], env(token))).stderr).toMatch(/^error: .*404 not-found/);
  });

  it('the token never appears in any output, even in errors', async () => {
    const token = newToken();
    const runs = await Promise.all([
      ricloud(['webhook-config', 'retrieve', 'nope'], env(token)),
      ricloud(['config', 'view'], env(token)),
      ricloud(['config', 'view', '--json'], env(token)),
      ricloud(['--url', 'http://127.0.0.1:1', 'task', 'list', '--quiet'], { RICLOUD_TOKEN: token }),
    ]);
    for (const run of runs) expect(run.stdout + run.stderr).not.toContain(token);
  });
});

describe('a reader that goes away, or a full disk', () => {
  it('`list --all --json | head -1`: the walk stops at once, quietly, exit 141 as git and coreutils do', async () => {
    const token = newToken();
    // One more than the largest page: the walk needs a second page, which hangs until the command gives up on it.
    for (let batch = 0; batch < 1001; batch += 77) {
      await Promise.all(
        Array.from({ length: Math.min(77, 1001 - batch) }, (_, i) =>
          client(token).webhookConfigs.create({ url: `${OK_URL}/${batch + i}` }),
        ),
      );
    }
    const listPath = /^\/configs\/webhook$/;
    mock().api.faults.add({ method: 'GET', path: listPath });
    mock().api.faults.add({ method: 'GET', path: listPath, hang: true });
    try {
      const walk = start(['webhook-config', 'list', '--all', '--json'], env(token));
      walk.child.stdout.destroy();
      const run = await walk.done;
      expect(run).toMatchObject({ code: 141, stderr: '' });
    } finally {
      mock().api.faults.clear();
    }
  });

  it('`list | head -1` on a page that has more: 141 and quiet, no hint about the rest on stderr', async () => {
    const token = newToken();
    await Promise.all(Array.from({ length: 3 }, (_, i) => client(token).users.create({ identifier: `reader-${i}` })));
    const run = start(['user', 'list', '--limit', '2'], env(token));
    run.child.stdout.destroy();
    expect(await run.done).toMatchObject({ code: 141, stderr: '' });
  });

  it('a reader gone before the only write still ends the run with 141, not 0 nor a stack trace', async () => {
    const token = newToken();
    await client(token).webhookConfigs.create({ url: OK_URL });
    const run = start(['webhook-config', 'list', '--json'], env(token));
    run.child.stdout.destroy();
    expect(await run.done).toMatchObject({ code: 141, stderr: '' });
  });

  it('--help and --version to a failing stdout end as any output (141 for a reader gone, else 1), not 0', async () => {
    for (const args of [['--help'], ['--version'], ['webhook-config', 'list', '--help']]) {
      const gone = start(args);
      gone.child.stdout.destroy();
      expect({ args, ...(await gone.done) }).toMatchObject({ args, code: 141, stderr: '' });
      const unwritable = await ricloudWithStdout(args, {}, '1</dev/null');
      expect({ args, ...unwritable }).toMatchObject({
        args,
        code: 1,
        stderr: 'error: cannot write to stdout: EBADF: bad file descriptor, write\n',
      });
    }
  });

  it(
    'a closed stdout (`>&-`) ends as `> /dev/null` does, 0 and quiet: Node opens ' +
      '/dev/null in its place at start-up',
    async () => {
      // The command cannot tell the two apart (docs/cli.md, "A closed stdout"): it must neither hang nor crash.
      const token = newToken();
      await client(token).webhookConfigs.create({ url: OK_URL });
      for (const args of [['--version'], ['--help'], ['webhook-config', 'list', '--json']]) {
        const closed = await ricloudWithStdout(args, env(token), '>&-');
        expect({ args, ...closed }).toEqual({ args, ...(await ricloudWithStdout(args, env(token), '> /dev/null')) });
        expect({ args, ...closed }).toMatchObject({ args, code: 0, stderr: '' });
      }
    },
  );

  it.skipIf(!existsSync('/dev/full'))(
    'a stdout that fails otherwise (ENOSPC on /dev/full) is one line on stderr and exit 1',
    async () => {
      const token = newToken();
      await client(token).webhookConfigs.create({ url: OK_URL });
      for (const args of [
        ['webhook-config', 'list', '--all', '--json'],
        ['webhook-config', 'list'],
      ]) {
        const run = await ricloudWithStdout(args, env(token));
        expect({ args, code: run.code }).toEqual({ args, code: 1 });
        expect(run.stderr).toBe('error: cannot write to stdout: ENOSPC: no space left on device, write\n');
      }
    },
  );
});

describe('start-up', () => {
  /** The files `file` imports statically, and theirs, within dist/; plus every bare package they import. */
  function staticImports(file: string, seen = new Set<string>(), packages = new Set<string>()) {
    if (seen.has(file)) return { files: seen, packages };
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, from] of code.matchAll(/^import\s[^;]*?["']([^"']+)["'];?$/gms)) {
      if (from?.startsWith('.')) staticImports(join(dirname(file), from), seen, packages);
      else if (from) packages.add(from);
    }
    return { files: seen, packages };
  }

  it('loads neither msw, ky nor zod before a command needs them: the mock and the SDK are separate chunks', () => {
    const { packages } = staticImports(BIN);
    // Node's own modules, the parser and the colours; msw, ky, zod and the spinner load only when used.
    expect([...packages].filter((name) => !isBuiltin(name))).toEqual(['commander', 'picocolors']);
    const code = readFileSync(BIN, 'utf8');
    expect(code).toMatch(/await import\("\.\.\/mock-[\w-]+\.js"\)/);
  });
});
