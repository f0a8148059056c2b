/**
 * The command against hostile servers and hostile input (issue 14): bounded waits, clean terminals, streamed lists,
 * a config file nobody else can read or redirect, and tokens that never leak.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import { until } from './flow-support';
import {
  configTestEvent,
  FAILING_URL,
  freePort,
  readsStdin,
  json,
  ndjson,
  newToken,
  OK_URL,
  ricloud,
  start,
  tempHome,
  useHostileServer,
  useMockServer,
  type Launched,
} from './support';

const { mock, env, client } = useMockServer();
// Configs stay new and tasks pending for a minute here.
const slow = useMockServer({ taskDelay: 60_000 });

// Runs still going when a test fails are stopped here.
const running: Launched[] = [];
const launch = (...args: Parameters<typeof start>) => {
  const launched = start(...args);
  running.push(launched);
  return launched;
};
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  mock().api.faults.clear();
  slow.mock().api.faults.clear();
});

const ESC = '\u001b';
const BEL = '\u0007';
/**
 * A window title, an OSC 52 clipboard write, a screen clear, a C1 CSI, DEL, a carriage return and a line break; then
 * what reorders or hides text without a control character (Trojan Source): a right-to-left override that shows
 * `…exe.png` as `…gnp.exe`, a right-to-left isolate and its end, the bidi marks, a zero width space, a line separator
 * and a tag character.
 */
const HOSTILE =
  `${ESC}]0;owned${BEL}${ESC}]52;c;ZWNobyBvd25lZA==${BEL}${ESC}[2J\u009b31m\u007f\rx\ny\tz` +
  '\u202eexe.png\u2067ab\u2069\u200e\u200f\u061c\u200b\u2028\u{e0041}';
/** How the command shows it in text: every control character but the tab, and every invisible one, escaped. */
const SHOWN =
  '\\x1b]0;owned\\x07\\x1b]52;c;ZWNobyBvd25lZA==\\x07\\x1b[2J\\x9b31m\\x7f\\x0dx\\x0ay\tz' +
  '\\u202eexe.png\\u2067ab\\u2069\\u200e\\u200f\\u061c\\u200b\\u2028\\u{e0041}';
/** Any control character but the tab and the line feed that ends each line, or a format character or separator. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/u;

describe('every wait keeps to its --timeout, even when the server stops answering (issue 14, point 3)', () => {
  it('webhook-config create --wait --timeout 2: the refreshes that hang are cut at the end of the wait', async () => {
    const token = newToken();
    slow.mock().api.faults.add({ method: 'GET', path: /^\/configs\/webhook\/[^/]+$/, hang: true, times: Infinity });
    const run = await launch(
      ['webhook-config', 'create', '--url', OK_URL, '--wait', '--timeout', '2', '--json'],
      slow.env(token),
    ).done;
    const printed = json(run);
    expect(run.code).toBe(4);
    expect(printed).toMatchObject({ state: 'new', url: OK_URL });
    expect(run.stderr).toBe(`error: webhook_config ${String(printed.id)} is still new after 2 s\n`);
  });

  it('task wait --timeout 2: a first look at the task that hangs is cut at the end of the wait', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    const [pending] = slow
      .mock()
      .api.store.tasks()
      .filter((t) => t.target === cfg.id);
    slow.mock().api.faults.add({ method: 'GET', path: `/tasks/${pending?.id}`, hang: true, times: Infinity });
    const run = await launch(['task', 'wait', pending?.id ?? '', '--timeout', '2'], slow.env(token)).done;
    expect(run).toMatchObject({ code: 4, stdout: '' });
    expect(run.stderr).toBe(`error: task ${pending?.id} got no answer within 2 s\n`);
  });

  it('webhook-config test --wait --timeout 2 ends at 2 s when the task never answers', async () => {
    const token = newToken();
    const cfg = await slow.client(token).webhookConfigs.create({ url: OK_URL });
    slow.mock().api.faults.add({ method: 'GET', path: /^\/tasks\//, hang: true, times: Infinity });
    const run = await launch(['webhook-config', 'test', cfg.id, '--timeout', '2', '--json'], slow.env(token)).done;
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(`error: task ${String(json(run).id)} is still pending after 2 s\n`);
  });
});

describe('text output shows control characters from the server escaped; --json stays exact (point 4)', () => {
  /**
   * Has the mock answer each GET of `path` with its own answer of now, the JSON string `from` in it replaced by `to`:
   * a value the mock would refuse to hold.
   */
  async function answerWith(token: string, path: string, from: string, to: string) {
    await mock().api.settle();
    const answer = await fetch(`${mock().url}${path}`, { headers: { authorization: `Token ${token}` } });
    const encoded = (text: string) => JSON.stringify(text).slice(1, -1);
    const body = (await answer.text()).replaceAll(encoded(from), encoded(to));
    mock().api.faults.add({ method: 'GET', path, times: Infinity, body });
  }

  /** A config the server shows with `url` (retrieved and listed). */
  async function hostileConfig(token: string, url = `${OK_URL}/${HOSTILE}`) {
    const cfg = await client(token).webhookConfigs.create({ url: OK_URL });
    await answerWith(token, `/configs/webhook/${cfg.id}`, OK_URL, url);
    await answerWith(token, '/configs/webhook', OK_URL, url);
    return cfg;
  }

  it('in a resource and in a table, escaped; in --json, the exact value', async () => {
    const token = newToken();
    const cfg = await hostileConfig(token);
    const shown = await ricloud(['webhook-config', 'retrieve', cfg.id], env(token));
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toMatch(CONTROL);
    expect(shown.stdout).toContain(`url           ${OK_URL}/${SHOWN}\n`);
    for (const args of [[], ['--all']]) {
      const listed = await ricloud(['webhook-config', 'list', ...args], env(token));
      expect(listed.stdout).not.toMatch(CONTROL);
      expect(listed.stdout).toContain(`${OK_URL}/${SHOWN}  2`);
    }
    expect(json(await ricloud(['webhook-config', 'retrieve', cfg.id, '--json'], env(token))).url).toBe(
      `${OK_URL}/${HOSTILE}`,
    );
    const [line] = ndjson((await ricloud(['webhook-config', 'list', '--all', '--json'], env(token))).stdout);
    expect(line?.url).toBe(`${OK_URL}/${HOSTILE}`);
  });

  it(
    '--json escapes DEL, C1 and format characters as \\uXXXX, so even raw JSON on a terminal holds no ' +
      'control or bidi character',
    async () => {
      const token = newToken();
      const cfg = await hostileConfig(token);
      for (const args of [['retrieve', cfg.id], ['list'], ['list', '--all']]) {
        const run = await ricloud(['webhook-config', ...args, '--json'], env(token));
        expect(run.stdout).not.toMatch(CONTROL);
        expect(run.stdout).toContain('\\u009b31m\\u007f');
        expect(run.stdout).toContain('\\u202eexe.png\\u2067ab\\u2069\\u200e\\u200f\\u061c\\u200b\\u2028\\udb40\\udc41');
      }
    },
  );

  it(
    '--json writes U+2028 and U+2029 as \\u2028 and \\u2029: a reader that splits lines as Python ' +
      'does gets one object a line',
    async () => {
      const token = newToken();
      await hostileConfig(token, `${OK_URL}/a\u2028b\u2029c`);
      const run = await ricloud(['webhook-config', 'list', '--all', '--json'], env(token));
      expect(run.stdout).toContain('a\\u2028b\\u2029c');
      // Python's str.splitlines() ends a line at these too (and at \x1c-\x1e and \x85, which JSON already escapes).
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the line ends a reader may split at
      const lines = run.stdout.split(/\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/).filter(Boolean);
      expect(lines.map((line) => (JSON.parse(line) as { url: string }).url)).toEqual([`${OK_URL}/a\u2028b\u2029c`]);
    },
  );

  it('in the error line on stderr', async () => {
    const token = newToken();
    const cfg = await client(token).webhookConfigs.create({ url: FAILING_URL });
    await mock().api.settle();
    const [failed] = mock()
      .api.store.tasks()
      .filter((t) => t.target === cfg.id);
    await answerWith(token, `/tasks/${failed?.id}`, String(failed?.error), HOSTILE);
    const run = await ricloud(['task', 'wait', failed?.id ?? ''], env(token));
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`error: task ${failed?.id} failed (${SHOWN})\n`);
  });

  it('in what event listen prints, and in a refused delivery it reports', async () => {
    const token = newToken();
    const port = await freePort();
    const listener = launch(['event', 'listen', '--port', String(port), '--secret', 'whsec_listen'], env(token));
    await listener.waitFor('stderr', /Listening on/);
    const event = configTestEvent(`evt_${HOSTILE}`, HOSTILE);
    const url = `http://127.0.0.1:${port}/webhooks`;
    expect((await fetch(await createSignedRequest(event, 'whsec_listen', { url }))).status).toBe(200);
    await listener.waitFor('stdout', /evt_/);
    expect(listener.output.stdout).toBe(
      `2026-01-01T00:00:00.000000Z  webhook_config.test  evt_${SHOWN}  webhook_config ${SHOWN}\n`,
    );
    listener.child.kill('SIGINT');
    const run = await listener.done;
    expect(run.stdout + run.stderr).not.toMatch(CONTROL);
  });
});

describe('the SDK log on stderr (RICLOUD_LOG=debug) shows server control characters escaped too (point 4)', () => {
  const hostile = useHostileServer(() => ({
    status: 400,
    body: JSON.stringify({ error: 'bad-request', message: HOSTILE }),
  }));

  it('in the debug lines as in the error line', async () => {
    const run = await ricloud(['webhook-config', 'list'], {
      RICLOUD_URL: hostile.url(),
      RICLOUD_TOKEN: newToken(),
      RICLOUD_LOG: 'debug',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed: .*\\x1b\]0;owned/);
    expect(run.stderr).not.toMatch(CONTROL);
  });
});

describe('list --all streams: each page is printed as it arrives (point 5)', () => {
  it('the first page is out, as table rows or JSON lines, while the second is still coming', async () => {
    const token = newToken();
    // One more than the largest page (1000): the walk needs a second page, which hangs.
    for (let batch = 0; batch < 1001; batch += 77) {
      await Promise.all(
        Array.from({ length: Math.min(77, 1001 - batch) }, (_, i) =>
          client(token).webhookConfigs.create({ url: `${OK_URL}/${batch + i}` }),
        ),
      );
    }
    const listPath = /^\/configs\/webhook$/;
    for (const format of [[], ['--json']]) {
      mock().api.faults.add({ method: 'GET', path: listPath });
      mock().api.faults.add({ method: 'GET', path: listPath, hang: true });
      const walk = launch(['webhook-config', 'list', '--all', ...format], env(token));
      while (walk.output.stdout.split(OK_URL).length <= 1000) {
        expect({ format, code: walk.child.exitCode }).toEqual({ format, code: null });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      walk.child.kill('SIGINT');
      expect({ format, code: (await walk.done).code }).toEqual({ format, code: 130 });
      mock().api.faults.clear();
    }
  });
});

describe('config init writes only what it was given, where it was told (points 9 and 10)', () => {
  const iniOf = (home: string) => join(home, '.ricloud.ini');

  it('refuses a URL or token with a line break or another control character (exit 2) and writes nothing', async () => {
    const home = tempHome();
    for (const [flag, value] of [
      ['--url', 'http://x\ntoken = INJECTED'],
      ['--url', 'http://x/\ntoken = INJECTED'],
      ['--token', 'tok\n[api]\ntoken = INJECTED'],
      // Control characters an HTTP header takes, so only the config file's writer stands in their way.
      ['--token', 'tok\u0001INJECTED'],
      ['--token', 'tok\u007fINJECTED'],
    ] as const) {
      const run = await ricloud(['config', 'init', '--token', 'tok_kept', flag, value], { HOME: home });
      expect({ flag, value, code: run.code, stdout: run.stdout }).toEqual({ flag, value, code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^error: [^\n]*\n$/);
      expect(run.stderr).not.toContain('INJECTED\n');
      expect(readdirSync(home)).toEqual([]);
    }
  });

  it(
    '--force replaces the file by renaming a new 0600 file into place: a hard link to the ' +
      'old one never sees the token',
    async () => {
      const home = tempHome();
      writeFileSync(iniOf(home), '[api]\ntoken = old\n');
      chmodSync(iniOf(home), 0o644);
      const other = join(tempHome(), 'shared.ini');
      linkSync(iniOf(home), other);
      const token = newToken();
      const run = await ricloud(['config', 'init', '--token', token, '--force'], { HOME: home });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(readFileSync(iniOf(home), 'utf8')).toContain(`token = ${token}\n`);
      expect(statSync(iniOf(home)).mode & 0o777).toBe(0o600);
      expect(readFileSync(other, 'utf8')).toBe('[api]\ntoken = old\n');
      expect(readdirSync(home)).toEqual(['.ricloud.ini']);
    },
  );

  it('--force refuses a symbolic link at the path (exit 2): it never writes through it', async () => {
    const home = tempHome();
    const target = join(tempHome(), 'elsewhere.txt');
    writeFileSync(target, 'not a config\n');
    symlinkSync(target, iniOf(home));
    const run = await ricloud(['config', 'init', '--token', newToken(), '--force'], { HOME: home });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: ${iniOf(home)} is a symbolic link: remove it, or set RICLOUD_CONF to a file\n`);
    expect(readFileSync(target, 'utf8')).toBe('not a config\n');
    expect(readdirSync(home)).toEqual(['.ricloud.ini']);
  });

  it('--force refuses a named pipe or a device at the path (exit 2): a file renamed there replaced it', async () => {
    const home = tempHome();
    const pipe = join(home, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const launched = start(['config', 'init', '--token', newToken(), '--force'], { HOME: home, RICLOUD_CONF: pipe });
    // Before the fix it read the pipe for the URL, waiting for a writer: stopped here, it fails in good time.
    const stop = setTimeout(() => launched.child.kill('SIGINT'), 5_000);
    const run = await launched.done;
    clearTimeout(stop);
    expect(run).toMatchObject({
      code: 2,
      stderr: `error: ${pipe} is no regular file (a device, a pipe or a socket): set RICLOUD_CONF to a file\n`,
    });
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(home)).toEqual(['pipe']);
  });
});

describe('a token never leaks, however it is given (points 1 and 15)', () => {
  /** An API that refuses every token, echoing back the Authorization header it received. */
  const echo = useHostileServer((request) => ({
    status: 401,
    body: JSON.stringify({ error: 'invalid-token', message: `bad credentials: ${request.headers.authorization}` }),
  }));

  it("a token with surrounding whitespace (a file's trailing newline) is trimmed, redacted when echoed", async () => {
    for (const pad of [(t: string) => `${t}\n`, (t: string) => `\t${t}\r\n`, (t: string) => ` ${t}  `]) {
      const token = newToken();
      const run = await ricloud(['webhook-config', 'list'], { RICLOUD_URL: echo.url(), RICLOUD_TOKEN: pad(token) });
      expect(run.code).toBe(5);
      expect(run.stderr).toMatch(/^error: .*401/);
      expect(run.stderr).not.toContain(token);
    }
  });

  it('--token-stdin reads the token from stdin, trimmed; it is used, and redacted when echoed', async () => {
    const token = newToken();
    const run = launch(['--token-stdin', 'webhook-config', 'list'], { RICLOUD_URL: echo.url() });
    run.child.stdin.end(`${token}\n`);
    const done = await run.done;
    expect(done.code).toBe(5);
    expect(done.stderr).toMatch(/^error: .*401/);
    expect(done.stderr).not.toContain(token);

    const used = newToken();
    const listed = launch(['--token-stdin', 'webhook-config', 'list', '--json'], { RICLOUD_URL: mock().url });
    listed.child.stdin.end(`${used}\n`);
    expect((await listed.done).code).toBe(0);
    expect(mock().api.requests.at(-1)?.headers.authorization).toBe(`Token ${used}`);
  });

  it('RICLOUD_TOKEN_FILE names a file holding the token, trimmed; config view says where it came from', async () => {
    const token = newToken();
    const file = join(tempHome(), 'token');
    writeFileSync(file, `${token}\n`);
    const run = await ricloud(['webhook-config', 'list', '--json'], {
      RICLOUD_URL: mock().url,
      RICLOUD_TOKEN_FILE: file,
    });
    expect(run.code).toBe(0);
    expect(mock().api.requests.at(-1)?.headers.authorization).toBe(`Token ${token}`);
    const view = json(await ricloud(['config', 'view', '--json'], { RICLOUD_TOKEN_FILE: file }));
    expect(view.token).toEqual({ value: `****${token.slice(-4)}`, source: file });
  });

  it('--token-stdin with --token, or RICLOUD_TOKEN_FILE that cannot be read, is a usage error (exit 2)', async () => {
    const both = launch(['--token-stdin', '--token', 'x', 'webhook-config', 'list'], { RICLOUD_URL: mock().url });
    both.child.stdin.end('tok\n');
    expect(await both.done).toMatchObject({ code: 2, stdout: '' });
    const missing = join(tempHome(), 'nope');
    const run = await ricloud(['webhook-config', 'list'], { RICLOUD_URL: mock().url, RICLOUD_TOKEN_FILE: missing });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error: cannot read RICLOUD_TOKEN_FILE ${missing}: `));
  });

  it.skipIf(!existsSync('/proc/self/fdinfo')).each([
    ['--token-stdin', 'SIGINT', 130, ['--token-stdin', 'webhook-config', 'list']],
    ['--password-stdin', 'SIGTERM', 143, ['session', 'create', '--user', 'u', '--identifier', 'i', '--password-stdin']],
    ['--secret-stdin', 'SIGINT', 130, ['event', 'listen', '--port', '0', '--secret-stdin']],
  ] as const)(
    '%s waiting on a stdin that stays open ends on %s (exit %i), quietly, sending nothing',
    async (_, signal, code, args) => {
      const before = mock().api.requests.length;
      const run = launch([...args], env(newToken()));
      await until(async () => readsStdin(run.child.pid as number), 'the read of stdin');
      run.child.kill(signal);
      expect(await run.done).toMatchObject({ code, stdout: '', stderr: '' });
      expect(mock().api.requests.slice(before)).toEqual([]);
    },
  );

  it('--help warns that flag values are visible to other users, and names the safer ways', async () => {
    const root = (await ricloud(['--help'])).stdout.replace(/\s+/g, ' ');
    expect(root).toContain('--token-stdin');
    expect(root).toContain('RICLOUD_TOKEN_FILE');
    expect(root).toMatch(/visible to other users of this machine \(ps\)/);
    expect(root).toContain("server's control characters escaped (\\x1b)");
    const listen = (await ricloud(['event', 'listen', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(listen).toMatch(/visible to other users of this machine \(ps\)/);
    expect(listen).toContain('--secret-stdin');
    // Its examples follow that advice: none puts the secret in a flag, where ps shows it.
    expect(listen).not.toMatch(/ricloud [^\n]*--secret ["$]/);
  });

  it('event listen --secret-stdin and RICLOUD_SECRET_FILE take the secret from stdin or a file, trimmed', async () => {
    const token = newToken();
    const port = await freePort();
    const secret = 'whsec_from_stdin';
    const listener = launch(['event', 'listen', '--port', String(port), '--secret-stdin'], env(token));
    listener.child.stdin.end(`${secret}\n`);
    await listener.waitFor('stderr', /Listening on/);
    const event = configTestEvent('evt_1');
    const url = `http://127.0.0.1:${port}/webhooks`;
    expect((await fetch(await createSignedRequest(event, secret, { url }))).status).toBe(200);
    listener.child.kill('SIGINT');
    expect((await listener.done).stdout).toContain('evt_1');

    const file = join(tempHome(), 'secret');
    writeFileSync(file, `${secret}\n`);
    const other = await freePort();
    const fromFile = launch(['event', 'listen', '--port', String(other)], env(token, { RICLOUD_SECRET_FILE: file }));
    await fromFile.waitFor('stderr', /Listening on/);
    const at = `http://127.0.0.1:${other}/webhooks`;
    expect((await fetch(await createSignedRequest(event, secret, { url: at }))).status).toBe(200);
    fromFile.child.kill('SIGINT');
    expect((await fromFile.done).stdout).toContain('evt_1');
  });
});
