/**
 * ricloud-py's `max_retries` setting reaches the command as it reaches `readRicloudConfig()`: a CI job that wants a
 * failing API reported at once sets `RICLOUD_MAX_RETRIES=0`, and a machine set up for ricloud-py keeps its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RETRIES } from '../../src/index';
import { newToken, ricloud, tempHome, useHostileServer } from './support';

// An API that is down: every request is a 503, which the SDK sends again while it has retries left.
let requests = 0;
const down = useHostileServer(() => {
  requests++;
  return { status: 503, body: JSON.stringify({ error: 'unavailable', message: 'down' }) };
});

/** Runs `task list` against the API that is down, and counts the requests it sent. */
async function taskList(env: Record<string, string | undefined>) {
  requests = 0;
  const run = await ricloud(['task', 'list'], { RICLOUD_URL: down.url(), RICLOUD_TOKEN: newToken(), ...env });
  return { code: run.code, stderr: run.stderr, requests };
}

describe('max_retries', () => {
  it('the top-level help names RICLOUD_MAX_RETRIES', async () => {
    expect((await ricloud(['--help'])).stdout).toContain('RICLOUD_MAX_RETRIES (0 to 10');
  });

  it('RICLOUD_MAX_RETRIES=0 sends a failing request once; unset, the SDK retries it', async () => {
    expect(await taskList({ RICLOUD_MAX_RETRIES: '0' })).toMatchObject({ code: 1, requests: 1 });
    expect((await taskList({})).requests).toBe(DEFAULT_MAX_RETRIES + 1);
  });

  /** A config file with the token, the URL of the API that is down, and `max_retries = 1`. */
  const configFile = () => {
    const conf = join(tempHome(), 'ricloud.ini');
    writeFileSync(conf, `[api]\ntoken = ${newToken()}\nurl = ${down.url()}\nmax_retries = 1\n`);
    return { RICLOUD_CONF: conf, RICLOUD_TOKEN: undefined, RICLOUD_URL: undefined };
  };

  it("is read from ricloud-py's config file, where the variable is not set", async () => {
    const fromFile = configFile();
    expect(await taskList(fromFile)).toMatchObject({ code: 1, requests: 2 });
    expect(await taskList({ ...fromFile, RICLOUD_MAX_RETRIES: '0' })).toMatchObject({ code: 1, requests: 1 });
  });

  it('is not taken from the file when the token and URL are not: the file is then not read at all', async () => {
    const { RICLOUD_CONF } = configFile();
    expect(await taskList({ RICLOUD_CONF, RICLOUD_MAX_RETRIES: '0' })).toMatchObject({ code: 1, requests: 1 });
    expect((await taskList({ RICLOUD_CONF })).requests).toBe(DEFAULT_MAX_RETRIES + 1);
  });

  it('is not taken from a file when the token comes from RICLOUD_TOKEN_FILE, even naming a config file', async () => {
    // The token file is the path of ~/.ricloud.ini: the token still came from the variable, not from a config file.
    const home = tempHome();
    writeFileSync(join(home, '.ricloud.ini'), `${newToken()}\n`);
    const { RICLOUD_CONF } = configFile();
    const env = { HOME: home, RICLOUD_CONF, RICLOUD_TOKEN: undefined, RICLOUD_TOKEN_FILE: join(home, '.ricloud.ini') };
    expect(await taskList(env)).toMatchObject({ code: 1, requests: DEFAULT_MAX_RETRIES + 1 });
  });

  it('config view shows it and where it came from; --json as a number', async () => {
    const { RICLOUD_CONF: conf } = configFile();
    const text = await ricloud(['config', 'view'], { RICLOUD_CONF: conf });
    expect(text.stdout).toMatch(new RegExp(`^max_retries +1  \\(from ${conf}\\)$`, 'm'));
    const doc = await ricloud(['config', 'view', '--json'], { RICLOUD_CONF: conf, RICLOUD_MAX_RETRIES: '0' });
    expect(JSON.parse(doc.stdout).max_retries).toEqual({ value: 0, source: 'RICLOUD_MAX_RETRIES' });
  });

  it("takes what ricloud-py's int() takes: a sign, surrounding whitespace, underscores between digits", async () => {
    for (const [value, requests] of [
      ['+1', 2],
      [' 1 ', 2],
      ['0_1', 2],
      ['-0', 1],
    ] as const) {
      const run = await taskList({ RICLOUD_MAX_RETRIES: value });
      expect({ value, code: run.code, requests: run.requests }).toEqual({ value, code: 1, requests });
      expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
    }
  });

  it('a value that is no whole number is refused by name before anything is sent', async () => {
    for (const value of ['abc', '-1', '1.5', '0x1', '1__0', '_1', '1_']) {
      const run = await taskList({ RICLOUD_MAX_RETRIES: value });
      expect({ value, code: run.code, requests: run.requests }).toEqual({ value, code: 2, requests: 0 });
      expect(run.stderr).toMatch(
        /^error: invalid RICLOUD_MAX_RETRIES: must be a whole number, 0 or more \(above 10 counts as 10\), got .+\n$/,
      );
    }
  });

  describe('above 10, as ricloud-py takes it', () => {
    // An API that is down, and asks for each retry at once (Retry-After: 0), so ten take no time; it answers again
    // after `failures` requests.
    let failures = Number.POSITIVE_INFINITY;
    let sent = 0;
    const flaky = useHostileServer(() => {
      sent++;
      if (sent > failures)
        return { status: 200, body: JSON.stringify({ data: [], has_more: false, total_count: 0, url: '/tasks' }) };
      return {
        status: 503,
        body: JSON.stringify({ error: 'unavailable', message: 'down' }),
        headers: { 'retry-after': '0' },
      };
    });
    const warning = (name: string, value: string) =>
      `warning: ${name} is ${value}; using 10, the most retries this client sends\n`;

    /** Runs `task list args…` against the flaky API, which answers again after `down` failed requests. */
    async function run(down: number, env: Record<string, string | undefined>, ...args: string[]) {
      [failures, sent] = [down, 0];
      const result = await ricloud(['task', 'list', ...args], {
        RICLOUD_URL: flaky.url(),
        RICLOUD_TOKEN: newToken(),
        ...env,
      });
      return { code: result.code, stderr: result.stderr, requests: sent };
    }

    it('RICLOUD_MAX_RETRIES=20 sends 10 retries, and says so once on stderr, even with --quiet', async () => {
      expect(await run(10, { RICLOUD_MAX_RETRIES: '20' }, '--quiet')).toEqual({
        code: 0,
        stderr: warning('RICLOUD_MAX_RETRIES', '20'),
        requests: 11,
      });
      const down = await run(Number.POSITIVE_INFINITY, { RICLOUD_MAX_RETRIES: '20' });
      expect(down).toMatchObject({ code: 1, requests: 11 });
      expect(down.stderr).toMatch(new RegExp(`^${warning('RICLOUD_MAX_RETRIES', '20')}error: [^\n]+\n$`));
    });

    it('RICLOUD_MAX_RETRIES=1_0 sends 10 retries and warns of nothing; 2_0 warns as 20 does', async () => {
      expect(await run(10, { RICLOUD_MAX_RETRIES: '1_0' }, '--quiet')).toEqual({ code: 0, stderr: '', requests: 11 });
      expect(await run(10, { RICLOUD_MAX_RETRIES: '2_0' }, '--quiet')).toEqual({
        code: 0,
        stderr: warning('RICLOUD_MAX_RETRIES', '2_0'),
        requests: 11,
      });
    });

    it("[api] max_retries = 20 in ricloud-py's config file is used as 10, the warning naming the file", async () => {
      const conf = join(tempHome(), 'ricloud.ini');
      writeFileSync(conf, `[api]\ntoken = ${newToken()}\nurl = ${flaky.url()}\nmax_retries = 20\n`);
      const fromFile = { RICLOUD_CONF: conf, RICLOUD_TOKEN: undefined, RICLOUD_URL: undefined };
      expect(await run(10, fromFile, '--quiet')).toEqual({
        code: 0,
        stderr: warning(`${conf} [api] max_retries`, '20'),
        requests: 11,
      });
      const view = await ricloud(['config', 'view', '--json'], { RICLOUD_CONF: conf });
      expect({ code: view.code, stderr: view.stderr }).toEqual({
        code: 0,
        stderr: warning(`${conf} [api] max_retries`, '20'),
      });
      expect(JSON.parse(view.stdout).max_retries).toEqual({ value: 10, source: conf });
    });
  });
});
