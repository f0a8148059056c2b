/**
 * Files and paths the command is given: a file it reads (token, secret, config, credentials) is read to a bound and
 * stoppable, a named pipe with no writer included; a bad path is refused naming the flag that gave it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync, realpathSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activeSession, until } from './flow-support';
import { BIN, collect, newToken, ricloud, start, tempHome, useMockServer } from './support';

const { env, client } = useMockServer();

const MIB = 1024 * 1024;

/** A named pipe in a new directory, which nothing writes to. */
function fifo(): string {
  const path = join(realpathSync(tempHome()), 'pipe');
  execFileSync('mkfifo', [path]);
  return path;
}

/** True once the process `pid` holds `path` open (Linux: its descriptors in /proc). */
function holds(pid: number, path: string): boolean {
  return readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

/** A regular file of `size` bytes (zeros, sparse: nothing is written). */
function fileOf(size: number, name = 'big.json'): string {
  const path = join(tempHome(), name);
  writeFileSync(path, '');
  truncateSync(path, size);
  return path;
}

describe.skipIf(!existsSync('/proc/self/fd'))('a named pipe that never gets a writer', () => {
  it.each([
    ['RICLOUD_TOKEN_FILE', (pipe: string) => ({ args: ['config', 'view'], env: { RICLOUD_TOKEN_FILE: pipe } })],
    ['RICLOUD_SECRET_FILE', (pipe: string) => ({ args: ['config', 'view'], env: { RICLOUD_SECRET_FILE: pipe } })],
    ['RICLOUD_CONF', (pipe: string) => ({ args: ['config', 'view'], env: { RICLOUD_CONF: pipe } })],
    [
      '--credentials-path',
      (pipe: string) => ({
        args: ['storage-config', 'create', '--url', 'gs://bucket/path', '--credentials-path', pipe],
        env: env(newToken()),
      }),
    ],
  ])('as %s: Ctrl-C while the command waits on it exits 130', async (_, given) => {
    const pipe = fifo();
    const { args, env: vars } = given(pipe);
    const run = start(args, vars);
    try {
      // Opened (without waiting for a writer) and being read: its signal handlers are installed before that.
      await until(async () => holds(run.child.pid as number, pipe), 'the command opening the pipe');
      run.child.kill('SIGINT');
      expect(await run.done).toMatchObject({ code: 130, stdout: '' });
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});

it('Ctrl-C that comes while a config file is being opened exits 130, quietly: the stop is not an error', async () => {
  const dir = tempHome();
  const conf = join(dir, 'team.ini');
  writeFileSync(conf, '[api]\ntoken = tok_team\n');
  // Loaded before the command: the file's opening completes only once SIGINT came, so the read then finds the run
  // already stopped.
  const openUntilSigint = join(dir, 'open-until-sigint.mjs');
  writeFileSync(
    openUntilSigint,
    `import fs from 'node:fs';
    import { syncBuiltinESMExports } from 'node:module';
    const open = fs.open;
    fs.open = (path, ...rest) => {
      const callback = rest.pop();
      if (path !== ${JSON.stringify(conf)}) return open(path, ...rest, callback);
      open(path, ...rest, (error, fd) => {
        const alive = setInterval(() => {}, 60_000);
        process.once('SIGINT', () =>
          setImmediate(() => {
            clearInterval(alive);
            callback(error, fd);
          }),
        );
        process.stderr.write('opened\\n');
      });
    };
    syncBuiltinESMExports();`,
  );
  const run = start(['config', 'view'], { RICLOUD_CONF: conf, NODE_OPTIONS: `--import=${openUntilSigint}` });
  await run.waitFor('stderr', /opened/);
  run.child.kill('SIGINT');
  expect(await run.done).toMatchObject({ code: 130, stdout: '', stderr: 'opened\n' });
});

describe.skipIf(!existsSync('/proc/self/fd'))('a named pipe that gets a writer', () => {
  it('as RICLOUD_TOKEN_FILE gives the token written to it, as `<(pass show ricloud)` does', async () => {
    const token = newToken();
    const pipe = fifo();
    const run = start(['config', 'view', '--json'], { RICLOUD_TOKEN_FILE: pipe });
    try {
      await until(async () => holds(run.child.pid as number, pipe), 'the command opening the pipe');
      writeFileSync(pipe, `${token}\n`);
      const done = await run.done;
      expect(done.code).toBe(0);
      expect(JSON.parse(done.stdout).token).toEqual({ value: `****${token.slice(-4)}`, source: pipe });
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});

// util-linux's `script` runs the command on a terminal of its own, which is then its /dev/tty.
describe.skipIf(!existsSync('/usr/bin/script'))('a terminal given as a file', () => {
  it('as RICLOUD_TOKEN_FILE is refused at once, naming it (exit 2), not failed on as EAGAIN', async () => {
    const command = `"${process.execPath}" "${BIN}" config view`;
    const run = collect(
      spawn('script', ['-qec', command, '/dev/null'], {
        env: { PATH: process.env.PATH, HOME: tempHome(), RICLOUD_TOKEN_FILE: '/dev/tty' },
      }),
    );
    const done = await run.done;
    expect(done.code).toBe(2);
    expect(done.stdout).toMatch(
      /^error: cannot read RICLOUD_TOKEN_FILE \/dev\/tty: it is a terminal, not a file\r?\n$/,
    );
  });
});

describe('files past their bound', () => {
  it('a config file of more than 1 MiB is refused, naming it, without being read whole (exit 2)', async () => {
    const path = fileOf(MIB + 1, 'ricloud.ini');
    const run = await ricloud(['config', 'view'], { RICLOUD_CONF: path });
    expect(run).toMatchObject({
      code: 2,
      stderr: `error: the config file ${path} (named by RICLOUD_CONF) holds more than ${MIB} bytes\n`,
    });
  });

  it.each([
    ['RICLOUD_TOKEN_FILE', ['task', 'list']],
    ['RICLOUD_SECRET_FILE', ['event', 'listen', '--port', '0']],
  ])('a %s of more than 64 KiB is refused, naming it, before anything starts (exit 2)', async (name, args) => {
    const path = fileOf(64 * 1024 + 1, 'big.txt');
    // The token from the file alone: RICLOUD_TOKEN beside it would be refused first.
    const run = await ricloud(args, { ...env(newToken()), RICLOUD_TOKEN: undefined, [name]: path });
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `error: ${name} ${path} holds more than ${64 * 1024} bytes\n`,
    });
  });

  it('a credentials file of more than 1 MiB is refused, naming --credentials-path, nothing sent (exit 2)', async () => {
    const token = newToken();
    const path = fileOf(MIB + 1);
    const run = await ricloud(
      ['storage-config', 'create', '--url', 'gs://bucket/path', '--credentials-path', path],
      env(token),
    );
    expect(run).toMatchObject({
      code: 2,
      stderr: `error: invalid --credentials-path: the credentials file ${path} holds more than ${MIB} bytes\n`,
    });
    expect((await client(token).storageConfigs.list()).data).toEqual([]);
  });
});

describe('result download --output', () => {
  it('an empty path is refused naming --output (exit 2), and nothing goes to stdout', async () => {
    const token = newToken();
    const sdk = client(token);
    const session = await activeSession(sdk);
    const poll = await sdk.polls.create({ session, payload: { data_types: ['ios_messages.messages'] } });
    await poll.wait({ timeout: 10_000 });
    const [result] = (await sdk.results.list({ poll: poll.id })).data;
    const run = await ricloud(['result', 'download', result?.id ?? '', '--output', ''], env(token));
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'error: invalid --output: must be a non-empty file path\n',
    });
  });
});
