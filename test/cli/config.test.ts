import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, newToken, ricloud, start, tempHome, useMockServer } from './support';

const { mock } = useMockServer();

const iniOf = (home: string) => join(home, '.ricloud.ini');
const modeOf = (path: string) => statSync(path).mode & 0o777;
/** The tokens the mock received, in order. */
const tokensSeen = () => mock().api.requests.map((r) => r.headers.authorization?.replace(/^Token /, ''));

describe('ricloud config init', () => {
  it("writes ~/.ricloud.ini in ricloud-py's format with mode 0600, and prints the token masked", async () => {
    const home = tempHome();
    const token = newToken();
    const run = await ricloud(['config', 'init', '--token', token, '--url', mock().url], { HOME: home });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(iniOf(home), 'utf8')).toBe(`[api]\ntoken = ${token}\nurl = ${mock().url}\n`);
    expect(modeOf(iniOf(home))).toBe(0o600);
    expect(run.stdout).toMatch(new RegExp(`^file +${iniOf(home)}$`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^token +\\*{4}${token.slice(-4)}$`, 'm'));
    expect(run.stdout).not.toContain(token);
  });

  it('--json prints what it wrote, the token masked; the URL defaults to the public API', async () => {
    const home = tempHome();
    const token = newToken();
    const run = await ricloud(['config', 'init', '--json'], { HOME: home, RICLOUD_TOKEN: token });
    expect(json(run)).toEqual({
      file: iniOf(home),
      token: `****${token.slice(-4)}`,
      url: 'https://ricloud-api.reincubate.com',
    });
    expect(readFileSync(iniOf(home), 'utf8')).toContain(`token = ${token}\n`);
  });

  it('refuses to overwrite a file (exit 2) unless --force, which keeps other sections and sets mode 0600', async () => {
    const home = tempHome();
    const before = '[api]\ntoken = old\nurl = https://old.example\n\n[webhooks]\nsecret = whsec_kept\n';
    writeFileSync(iniOf(home), before);
    chmodSync(iniOf(home), 0o644);
    const refused = await ricloud(['config', 'init', '--token', newToken()], { HOME: home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`error: ${iniOf(home)} already exists: pass --force to overwrite it\n`);
    expect(readFileSync(iniOf(home), 'utf8')).toBe(before);

    const token = newToken();
    const forced = await ricloud(['config', 'init', '--token', token, '--force'], { HOME: home });
    expect(forced.code).toBe(0);
    expect(readFileSync(iniOf(home), 'utf8')).toBe(
      `[api]\ntoken = ${token}\nurl = https://old.example\n\n[webhooks]\nsecret = whsec_kept\n`,
    );
    expect(modeOf(iniOf(home))).toBe(0o600);
  });

  it('--force edits the file in place: comments, other settings and line breaks stay as they were', async () => {
    const home = tempHome();
    writeFileSync(
      iniOf(home),
      "# written by hand\r\n[api]\r\n; the team's key\r\ntoken = old\r\n  old_continuation\r\nmax_retries = 5\r\n" +
        'url: https://old.example\r\n\r\n# receiver\r\n[webhooks]\r\nsecret = whsec_kept\r\n',
    );
    chmodSync(iniOf(home), 0o644);
    const token = newToken();
    const run = await ricloud(['config', 'init', '--token', token, '--url', mock().url, '--force'], { HOME: home });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    // The old token's continuation line (configparser's multi-line value) goes with it.
    expect(readFileSync(iniOf(home), 'utf8')).toBe(
      `# written by hand\r\n[api]\r\n; the team's key\r\ntoken = ${token}\r\nmax_retries = 5\r\n` +
        `url = ${mock().url}\r\n\r\n# receiver\r\n[webhooks]\r\nsecret = whsec_kept\r\n`,
    );
    expect(modeOf(iniOf(home))).toBe(0o600);

    // A file without an [api] section gets one at its end, after a blank line.
    const other = tempHome();
    writeFileSync(iniOf(other), '# mine\n[webhooks]\nsecret = whsec_kept');
    expect((await ricloud(['config', 'init', '--token', token, '--force'], { HOME: other })).code).toBe(0);
    expect(readFileSync(iniOf(other), 'utf8')).toBe(
      `# mine\n[webhooks]\nsecret = whsec_kept\n\n[api]\ntoken = ${token}\nurl = https://ricloud-api.reincubate.com\n`,
    );
  });

  it('writes the file RICLOUD_CONF names instead, when set', async () => {
    const home = tempHome();
    const other = join(tempHome(), 'team.ini');
    const run = await ricloud(['config', 'init', '--token', newToken()], { HOME: home, RICLOUD_CONF: other });
    expect(run.code).toBe(0);
    expect(readFileSync(other, 'utf8')).toMatch(/^\[api\]\ntoken = /);
    expect(() => statSync(iniOf(home))).toThrow();
  });

  it('a RICLOUD_CONF in a directory that does not exist is a usage error (exit 2) naming the file', async () => {
    const other = join(tempHome(), 'missing', 'team.ini');
    const run = await ricloud(['config', 'init', '--token', newToken()], { HOME: tempHome(), RICLOUD_CONF: other });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(
      new RegExp(`^error: cannot write the config file ${other} \\(named by RICLOUD_CONF\\): ENOENT`),
    );
  });

  it('needs a token (exit 2), and refuses a URL that is not http(s), naming it', async () => {
    const home = tempHome();
    const none = await ricloud(['config', 'init'], { HOME: home });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: no API token: pass --token or set RICLOUD_TOKEN/);
    const bad = await ricloud(['config', 'init', '--token', newToken(), '--url', 'localhost:8787'], { HOME: home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: invalid API URL (from --url): must use http or https, not localhost\n');
    expect(() => statSync(iniOf(home))).toThrow();
  });
});

describe('ricloud config view', () => {
  it('shows each setting, masked, and where it comes from; --json the same as one document', async () => {
    const home = tempHome();
    const token = newToken();
    writeFileSync(iniOf(home), `[api]\ntoken = ${token}\n\n[webhooks]\nsecret = whsec_0123456789abcdef\n`);
    const text = await ricloud(['config', 'view'], { HOME: home });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^token +\\*{4}${token.slice(-4)}  \\(from ${iniOf(home)}\\)$`, 'm'));
    expect(text.stdout).toMatch(/^url +https:\/\/ricloud-api\.reincubate\.com {2}\(from default\)$/m);
    expect(text.stdout).toMatch(/^secret +\*{4}cdef {2}\(from /m);
    expect(text.stdout).not.toContain(token);
    expect(text.stdout).not.toContain('whsec_0123456789abcdef');
    const doc = await ricloud(['config', 'view', '--json'], { HOME: home, RICLOUD_URL: 'http://127.0.0.1:1' });
    expect(json(doc)).toEqual({
      files: [iniOf(home)],
      token: { value: `****${token.slice(-4)}`, source: iniOf(home) },
      url: { value: 'http://127.0.0.1:1', source: 'RICLOUD_URL' },
      max_retries: null,
      secret: { value: '****cdef', source: iniOf(home) },
    });
  });

  it.each([
    ['RICLOUD_URL', 'https://user:pw_in_url_0123456789@api.example/v1', 'https://****@api.example/v1'],
    ['RICLOUD_URL', 'https://tok_in_url_0123456789@api.example', 'https://****@api.example'],
    ['the config file', 'http://u:pw_in_url_0123456789@a@api.example:8080/x?y', 'http://****@api.example:8080/x?y'],
    ['RICLOUD_URL', 'https://user:pa/ss_in_url_0123456789@api.example/v1', 'https://****@api.example/v1'],
    ['RICLOUD_URL', 'https://user:pa?ss_in_url_0123456789@api.example', 'https://****@api.example'],
    ['RICLOUD_URL', 'https://user:pa#ss_in_url_0123456789@api.example', 'https://****@api.example'],
    ['the config file', '//user:pw_in_url_0123456789@api.example', '//****@api.example'],
    ['the config file', 'https:\\\\user:pw_in_url_0123456789@api.example', 'https:\\\\****@api.example'],
  ])('masks the user info of a URL from %s, as text and as JSON', async (from, url, shown) => {
    const home = tempHome();
    if (from === 'the config file') writeFileSync(iniOf(home), `[api]\nurl = ${url}\n`);
    const environment = from === 'RICLOUD_URL' ? { HOME: home, RICLOUD_URL: url } : { HOME: home };
    const text = await ricloud(['config', 'view'], environment);
    const doc = await ricloud(['config', 'view', '--json'], environment);
    expect(text.stdout + doc.stdout).not.toMatch(/in_url_0123456789/);
    expect(text.stdout).toMatch(new RegExp(`^url +${shown.replace(/[?*\\]/g, '\\$&')}  \\(from `, 'm'));
    expect(json<{ url: { value: string } }>(doc).url.value).toBe(shown);
  });

  it('says when no file is found and no token is set; --json has every key, null for a setting not set', async () => {
    const run = await ricloud(['config', 'view'], { HOME: tempHome() });
    expect(run.stdout).toMatch(/^files +\(none found\)$/m);
    expect(run.stdout).toMatch(/^token +-$/m);
    const shown = json(await ricloud(['config', 'view', '--json'], { HOME: tempHome() }));
    expect(shown).toEqual({
      files: [],
      token: null,
      url: { value: 'https://ricloud-api.reincubate.com', source: 'default' },
      max_retries: null,
      secret: null,
    });
  });
});

describe('where settings come from', () => {
  it('flags beat RICLOUD_TOKEN/RICLOUD_URL, which beat RICLOUD_CONF, which beats ~/.ricloud.ini', async () => {
    const home = tempHome();
    const [inHome, inConf, inEnv, inFlag] = [newToken(), newToken(), newToken(), newToken()];
    const conf = join(tempHome(), 'conf.ini');
    writeFileSync(iniOf(home), `[api]\ntoken = ${inHome}\nurl = http://127.0.0.1:1\n`);
    writeFileSync(conf, `[api]\ntoken = ${inConf}\nurl = ${mock().url}\n`);
    const cases: [Record<string, string>, string[], string][] = [
      [{ HOME: home }, [], inHome],
      [{ HOME: home, RICLOUD_CONF: conf }, [], inConf],
      [{ HOME: home, RICLOUD_CONF: conf, RICLOUD_TOKEN: inEnv }, [], inEnv],
      [{ HOME: home, RICLOUD_CONF: conf, RICLOUD_TOKEN: inEnv }, ['--token', inFlag], inFlag],
    ];
    for (const [environment, flags, expected] of cases) {
      const view = json<{ token: { value: string } }>(
        await ricloud(['config', 'view', '--json', ...flags], environment),
      );
      expect(view.token.value).toBe(`****${expected.slice(-4)}`);
    }
    // The same order decides what is really sent: the URL from RICLOUD_CONF, each token in turn.
    mock().api.requests.length = 0;
    for (const [environment, flags] of cases.slice(1))
      expect((await ricloud(['task', 'list', ...flags], environment)).code).toBe(0);
    expect(tokensSeen()).toEqual([inConf, inEnv, inFlag]);
    // ~/.ricloud.ini alone points at a closed port: its url is used too (and fails as a network error, exit 7).
    const fromHome = await ricloud(['task', 'list', '--quiet'], { HOME: home });
    expect(fromHome.code).toBe(7);
    expect(fromHome.stderr).toMatch(/^error: task list: connection failed.*\n$/);
    // A flag beats the environment for the URL as well.
    expect(
      (await ricloud(['--url', mock().url, 'task', 'list'], { HOME: home, RICLOUD_URL: 'http://127.0.0.1:1' })).code,
    ).toBe(0);
  });

  it('reads config files with any line ends, as Python does: \\r\\n (Windows) and lone \\r (classic Mac)', async () => {
    for (const end of ['\r\n', '\r']) {
      const conf = join(tempHome(), 'conf.ini');
      const token = newToken();
      writeFileSync(conf, ['[api]', `token = ${token}`, `url = ${mock().url}`, ''].join(end));
      const view = json<{ token: { value: string; source: string } | null; url: { value: string } }>(
        await ricloud(['config', 'view', '--json'], { HOME: tempHome(), RICLOUD_CONF: conf }),
      );
      expect({ end, token: view.token, url: view.url.value }).toEqual({
        end,
        token: { value: `****${token.slice(-4)}`, source: conf },
        url: mock().url,
      });
    }
  });

  it('reads a config file written by ricloud-py as it is', async () => {
    const home = tempHome();
    const token = newToken();
    writeFileSync(
      iniOf(home),
      [
        '# written by `ricloud config init` (ricloud-py)',
        '[api]',
        `token = ${token}`,
        `url: ${mock().url}`,
        'max_retries = 3',
        'await_for = 0',
        '',
        '[webhooks]',
        'secret =',
        'delta = 600',
        '',
        '[logging]',
        '; the Python log level',
        'log_level = WARNING',
        '',
      ].join('\n'),
    );
    mock().api.requests.length = 0;
    const run = await ricloud(['webhook-config', 'list'], { HOME: home });
    expect(run.code).toBe(0);
    expect(tokensSeen()).toEqual([token]);
    // An empty `secret =` is no secret, as in ricloud-py's defaults.
    const view = json<{ secret?: unknown }>(await ricloud(['config', 'view', '--json'], { HOME: home }));
    expect(view.secret).toBeNull();
  });
});

describe('a config file that cannot be read', () => {
  // A directory stands for any file that cannot be read: unlike a file without permission, root cannot read it either.
  it('is a usage error (exit 2) naming the file RICLOUD_CONF names, once a setting falls through to it', async () => {
    const dir = tempHome();
    const run = await ricloud(['task', 'list'], { RICLOUD_CONF: dir, RICLOUD_TOKEN: newToken() });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(
      new RegExp(`^error: cannot read the config file ${dir} \\(named by RICLOUD_CONF\\): EISDIR\\b.*\\n$`),
    );
  });

  it('saved as UTF-16 (Windows PowerShell 5 `>`) is a usage error naming it, not a file of no settings', async () => {
    const conf = join(tempHome(), 'conf.ini');
    const text = `[api]\r\ntoken = ${newToken()}\r\nurl = ${mock().url}\r\n`;
    writeFileSync(conf, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    mock().api.requests.length = 0;
    // The token from the environment, the URL from the file: it must not fall through to the public API.
    for (const extra of [{}, { RICLOUD_TOKEN: newToken() }]) {
      const run = await ricloud(['task', 'list'], { RICLOUD_CONF: conf, ...extra });
      expect({ extra, code: run.code, stdout: run.stdout }).toEqual({ extra, code: 2, stdout: '' });
      expect(run.stderr).toBe(
        `error: the config file ${conf} (named by RICLOUD_CONF) is not UTF-8 text (UTF-16?): save it as UTF-8\n`,
      );
    }
    expect(mock().api.requests).toEqual([]);
  });

  it('is a usage error (exit 2) naming the default file ~/.ricloud.ini', async () => {
    const home = tempHome();
    mkdirSync(iniOf(home));
    for (const args of [
      ['config', 'view'],
      ['task', 'list'],
    ]) {
      const run = await ricloud(args, { HOME: home });
      expect({ args, code: run.code, stdout: run.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(run.stderr).toMatch(
        new RegExp(`^error: cannot read the config file ${iniOf(home)} \\(the default file\\): EISDIR\\b.*\\n$`),
      );
    }
  });

  it('is not read when nothing comes from it: --token/--url, RICLOUD_TOKEN/RICLOUD_URL, or ricloud mock', async () => {
    const dir = tempHome();
    const home = tempHome();
    mkdirSync(iniOf(home));
    const broken = { HOME: home, RICLOUD_CONF: dir };
    expect(await ricloud(['--url', mock().url, 'task', 'list', '--token', newToken()], broken)).toMatchObject({
      code: 0,
      stderr: 'No tasks.\n',
    });
    expect(
      await ricloud(['task', 'list'], { ...broken, RICLOUD_URL: mock().url, RICLOUD_TOKEN: newToken() }),
    ).toMatchObject({ code: 0, stderr: 'No tasks.\n' });
    const served = start(['mock', '--port', '0'], broken);
    const [, url] = await served.waitFor('stdout', /^Mock ricloud API listening on (\S+)$/m);
    served.child.kill('SIGINT');
    expect(await served.done).toMatchObject({
      code: 130,
      stderr: `Reset it between tests: POST ${url}/__mock/reset\nPress Ctrl-C to stop.\nMock stopped.\n`,
    });
  });
});
