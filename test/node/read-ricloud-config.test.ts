/**
 * `readRicloudConfig` of `ricloud/node`: a machine set up for ricloud-py (`~/.ricloud.ini`, `RICLOUD_CONF`, its
 * `RICLOUD_*` variables) configures the library too, with the command line's precedence, and the token stays hidden.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AbortError, Client, configure, InvalidInputError, Key } from '../../src/index';
import { readRicloudConfig } from '../../src/node';
import { rejectionOf, TOKEN_A, TOKEN_B, useMockApi } from '../support/core-harness';

const { api } = useMockApi();
let home: string;

/** What ricloud-py's `ricloud config init` writes: its packaged defaults, with the token and URL set. */
const ricloudPyIni = (token: string, url: string) =>
  `[api]\ntoken = ${token}\nurl = ${url}\nmax_retries = 3\nawait_for = 0\n\n[webhooks]\nsecret = \ndelta = 600\n\n` +
  '[logging]\nlog_level = WARNING\n\n[samples]\noutput_directory = output\nuser_identifier = ricloud-py\n\n';

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ricloud-conf-'));
  vi.stubEnv('HOME', home);
  for (const name of ['RICLOUD_TOKEN', 'RICLOUD_TOKEN_FILE', 'RICLOUD_URL', 'RICLOUD_MAX_RETRIES', 'RICLOUD_CONF'])
    vi.stubEnv(name, undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(home, { recursive: true, force: true });
});

describe('readRicloudConfig', () => {
  it("configures the library from ricloud-py's ~/.ricloud.ini alone: token, url and max_retries", async () => {
    writeFileSync(join(home, '.ricloud.ini'), ricloudPyIni(TOKEN_A, api.baseUrl));
    const config = await readRicloudConfig();
    expect({ ...config }).toEqual({ token: TOKEN_A, baseUrl: api.baseUrl, maxRetries: 3 });
    configure({ ...config, logLevel: 'off' });
    const key = await Key.current();
    expect(key.id).toBeTruthy();
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Token ${TOKEN_A}`);
    expect(new Client(config).toJSON()).toMatchObject({ baseUrl: api.baseUrl, maxRetries: 3 });
  });

  it('reads as configparser does: a comment after a section header, [DEFAULT] for keys a section lacks', async () => {
    writeFileSync(
      join(home, '.ricloud.ini'),
      `[DEFAULT]\nurl = ${api.baseUrl}\n\n[api] ; the main account\ntoken = ${TOKEN_A}\n`,
    );
    expect({ ...(await readRicloudConfig()) }).toEqual({ token: TOKEN_A, baseUrl: api.baseUrl });
  });

  it('never shows the token in util.inspect or JSON.stringify', async () => {
    writeFileSync(join(home, '.ricloud.ini'), ricloudPyIni(TOKEN_A, api.baseUrl));
    const config = await readRicloudConfig();
    expect(config.token).toBe(TOKEN_A);
    for (const shown of [inspect(config), JSON.stringify(config), String(config)]) expect(shown).not.toContain('alpha');
    expect(JSON.parse(JSON.stringify(config))).toEqual({ token: '[redacted]', baseUrl: api.baseUrl, maxRetries: 3 });
    expect(inspect(config)).toContain("token: '[redacted]'");
  });

  it('takes RICLOUD_* variables over RICLOUD_CONF, and RICLOUD_CONF over ~/.ricloud.ini, key by key', async () => {
    writeFileSync(join(home, '.ricloud.ini'), ricloudPyIni(TOKEN_A, 'https://home.example'));
    const named = join(home, 'team.ini');
    writeFileSync(named, `[api]\ntoken = ${TOKEN_B}\nurl =\n`);
    vi.stubEnv('RICLOUD_CONF', named);
    expect({ ...(await readRicloudConfig()) }).toEqual({
      token: TOKEN_B,
      baseUrl: 'https://home.example',
      maxRetries: 3,
    });
    vi.stubEnv('RICLOUD_URL', api.baseUrl);
    vi.stubEnv('RICLOUD_MAX_RETRIES', '0');
    expect({ ...(await readRicloudConfig()) }).toEqual({ token: TOKEN_B, baseUrl: api.baseUrl, maxRetries: 0 });
    const tokenFile = join(home, 'token');
    writeFileSync(tokenFile, `${TOKEN_A}\n`);
    vi.stubEnv('RICLOUD_TOKEN_FILE', tokenFile);
    expect((await readRicloudConfig()).token).toBe(TOKEN_A);
  });

  it('returns no options when nothing is set, so the client keeps its own defaults', async () => {
    writeFileSync(join(home, '.ricloud.ini'), '[api]\ntoken =\n');
    expect({ ...(await readRicloudConfig()) }).toEqual({});
  });

  it('takes a variable that is empty or only whitespace as unset: the file or the _FILE variable decides', async () => {
    writeFileSync(join(home, '.ricloud.ini'), ricloudPyIni(TOKEN_A, api.baseUrl));
    const tokenFile = join(home, 'token');
    writeFileSync(tokenFile, `${TOKEN_B}\n`);
    for (const blank of ['', ' \t ']) {
      for (const name of ['RICLOUD_URL', 'RICLOUD_MAX_RETRIES', 'RICLOUD_CONF', 'RICLOUD_TOKEN_FILE'])
        vi.stubEnv(name, blank);
      expect({ ...(await readRicloudConfig()) }).toEqual({ token: TOKEN_A, baseUrl: api.baseUrl, maxRetries: 3 });
      vi.stubEnv('RICLOUD_TOKEN', blank);
      vi.stubEnv('RICLOUD_TOKEN_FILE', tokenFile);
      expect((await readRicloudConfig()).token).toBe(TOKEN_B);
    }
  });

  it('refuses a bad value with an InvalidInputError naming where it came from, before anything is sent', async () => {
    const ini = join(home, '.ricloud.ini');
    writeFileSync(ini, `[api]\ntoken = ${TOKEN_A}\nmax_retries = many\n`);
    const retries = await rejectionOf(readRicloudConfig());
    expect(retries).toBeInstanceOf(InvalidInputError);
    expect(retries).toMatchObject({ field: `${ini} [api] max_retries` });
    expect(retries.message).toMatch(/must be a whole number, 0 or more \(above 10 counts as 10\), got /);
    vi.stubEnv('RICLOUD_URL', 'localhost:8787');
    expect(await rejectionOf(readRicloudConfig())).toMatchObject({ field: 'RICLOUD_URL' });
    for (const shown of [retries.message, inspect(retries)]) expect(shown).not.toContain('alpha');
  });

  it.each([
    ['+5', 5],
    [' 7 ', 7],
    ['1_0', 10],
    ['0_1', 1],
    ['007', 7],
    ['-0', 0],
    ['\u00a02\u2003', 2],
    ['\u00853\u0085', 3],
    ['٣', 3],
    ['1٣', 10],
    ['５', 5],
  ])("takes max_retries %j as ricloud-py's int() reads it: %i", async (value, retries) => {
    vi.stubEnv('RICLOUD_MAX_RETRIES', value);
    expect((await readRicloudConfig()).maxRetries).toBe(retries);
    vi.stubEnv('RICLOUD_MAX_RETRIES', undefined);
    writeFileSync(join(home, '.ricloud.ini'), `[api]\nmax_retries = ${value}\n`);
    expect((await readRicloudConfig()).maxRetries).toBe(retries);
  });

  it.each(['0x10', '0b1', '1.5', '1e3', '-1', '1__0', '_1', '1_', '+_5', '+ 5', '++5', '1 0', '٣_', 'Ⅲ'])(
    'refuses max_retries %j, as int() does or as a negative count',
    async (value) => {
      vi.stubEnv('RICLOUD_MAX_RETRIES', value);
      expect(await rejectionOf(readRicloudConfig())).toMatchObject({
        field: 'RICLOUD_MAX_RETRIES',
        message: expect.stringMatching(/must be a whole number, 0 or more \(above 10 counts as 10\), got /),
      });
    },
  );

  it('takes a max_retries above 10 (ricloud-py takes it) as 10: ten retries are sent, nothing printed', async () => {
    const ini = join(home, '.ricloud.ini');
    writeFileSync(ini, `[api]\ntoken = ${TOKEN_A}\nurl = ${api.baseUrl}\nmax_retries = 20\n`);
    const printed = [vi.spyOn(process.stderr, 'write'), vi.spyOn(process.stdout, 'write'), vi.spyOn(console, 'warn')];
    const config = await readRicloudConfig();
    vi.stubEnv('RICLOUD_MAX_RETRIES', '11');
    expect([config.maxRetries, (await readRicloudConfig()).maxRetries]).toEqual([10, 10]);
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    api.faults.add({ method: 'GET', path: '/configs/webhook', status: 503, retryAfter: 0, times: Infinity });
    const list = new Client({ ...config, logLevel: 'off' }).webhookConfigs.list();
    expect(await rejectionOf(list)).toMatchObject({ status: 503 });
    expect(api.requests.filter((r) => r.path === '/configs/webhook')).toHaveLength(11);
  });

  it('refuses a config file that cannot be read, naming it, and a signal that aborted', async () => {
    mkdirSync(join(home, '.ricloud.ini'));
    const unreadable = await rejectionOf(readRicloudConfig());
    expect(unreadable).toBeInstanceOf(InvalidInputError);
    expect(unreadable).toMatchObject({ field: '~/.ricloud.ini' });
    expect(unreadable.message).toContain(`cannot read the config file ${join(home, '.ricloud.ini')}`);
    await expect(readRicloudConfig({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(readRicloudConfig({ timeout: 1 } as never)).rejects.toMatchObject({ field: 'options.timeout' });
  });
});
