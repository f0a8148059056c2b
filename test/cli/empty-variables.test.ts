/**
 * Every `RICLOUD_*` variable the command reads counts as unset when it is empty or only whitespace, as an empty
 * setting in ricloud-py's config file does (`token =`): the next source decides, and nothing is refused for it.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import { configTestEvent, json, type Launched, newToken, ricloud, start, tempHome, useMockServer } from './support';

const { mock } = useMockServer();

const running: Launched[] = [];
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A HOME whose ~/.ricloud.ini holds `text`. */
function homeWith(text: string): string {
  const home = tempHome();
  writeFileSync(join(home, '.ricloud.ini'), text);
  return home;
}

/** A file holding `value` and a line break, as `RICLOUD_TOKEN_FILE` or `RICLOUD_SECRET_FILE` names it. */
function fileHolding(value: string): string {
  const path = join(tempHome(), 'value');
  writeFileSync(path, `${value}\n`);
  return path;
}

/** Runs `task list` with `env`, and checks that it worked and sent `token`. */
async function listsWith(token: string, env: Record<string, string>): Promise<void> {
  const run = await ricloud(['task', 'list', '--json'], env);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(mock().api.requests.some((r) => r.headers.authorization === `Token ${token}`)).toBe(true);
}

describe.each([
  ['empty', ''],
  ['only whitespace', ' \t '],
])('a RICLOUD_* variable that is %s counts as unset', (_, blank) => {
  it('RICLOUD_URL: the config file gives the URL, else the public API', async () => {
    const token = newToken();
    await listsWith(token, {
      HOME: homeWith(`[api]\nurl = ${mock().url}\n`),
      RICLOUD_TOKEN: token,
      RICLOUD_URL: blank,
    });
    // Without a file, the public API: the call gets as far as the SDK's check of the id, which refuses it unsent.
    const unsent = await ricloud(['webhook-config', 'retrieve', 'a/b'], { RICLOUD_TOKEN: token, RICLOUD_URL: blank });
    expect(unsent).toMatchObject({ code: 2, stderr: 'error: invalid ID: must not contain "/"\n' });
    const view = await ricloud(['config', 'view', '--json'], { RICLOUD_URL: blank });
    expect(json(view).url).toEqual({ value: 'https://ricloud-api.reincubate.com', source: 'default' });
  });

  it('RICLOUD_TOKEN: the file RICLOUD_TOKEN_FILE names gives the token', async () => {
    const token = newToken();
    await listsWith(token, { RICLOUD_URL: mock().url, RICLOUD_TOKEN: blank, RICLOUD_TOKEN_FILE: fileHolding(token) });
  });

  it('RICLOUD_TOKEN_FILE: RICLOUD_TOKEN gives the token', async () => {
    const token = newToken();
    await listsWith(token, { RICLOUD_URL: mock().url, RICLOUD_TOKEN: token, RICLOUD_TOKEN_FILE: blank });
  });

  it('RICLOUD_SECRET and RICLOUD_SECRET_FILE: the other one gives the secret', async () => {
    const path = fileHolding('whsec_from_the_file_0001');
    const fromFile = await ricloud(['config', 'view', '--json'], { RICLOUD_SECRET: blank, RICLOUD_SECRET_FILE: path });
    expect(fromFile.code).toBe(0);
    expect(json(fromFile).secret).toEqual({ value: '****0001', source: path });
    const fromVariable = await ricloud(['config', 'view', '--json'], {
      RICLOUD_SECRET: 'whsec_from_the_variable_0002',
      RICLOUD_SECRET_FILE: blank,
    });
    expect(fromVariable.code).toBe(0);
    expect(json(fromVariable).secret).toEqual({ value: '****0002', source: 'RICLOUD_SECRET' });
  });

  it('RICLOUD_CONF: config init writes ~/.ricloud.ini, and nothing where it runs', async () => {
    const home = tempHome();
    const cwd = tempHome();
    const run = await start(
      ['config', 'init', '--token', newToken(), '--json'],
      { HOME: home, RICLOUD_CONF: blank },
      cwd,
    ).done;
    expect(run.code).toBe(0);
    expect(json(run).file).toBe(join(home, '.ricloud.ini'));
    expect(readdirSync(cwd)).toEqual([]);
    const view = await ricloud(['config', 'view', '--json'], { HOME: home, RICLOUD_CONF: blank });
    expect(json(view).files).toEqual([join(home, '.ricloud.ini')]);
  });

  it("RICLOUD_DELTA: event listen takes ricloud-py's [webhooks] delta", async () => {
    const listener = start(['event', 'listen', '--port', '0'], {
      HOME: homeWith('[webhooks]\nsecret = whsec_t\ndelta = 30\n'),
      RICLOUD_DELTA: blank,
    });
    running.push(listener);
    const [, url] = await listener.waitFor('stderr', /Listening on (http:\/\/\S+) /);
    const event = configTestEvent(`evt_${crypto.randomUUID()}`);
    const timestamp = Math.floor(Date.now() / 1000) - 120;
    const delivered = await fetch(await createSignedRequest(event, 'whsec_t', { url: `${url}/webhooks`, timestamp }));
    expect(delivered.status).toBe(400);
    await listener.waitFor('stderr', /refused a delivery: .*the tolerance is 30 s/);
  });

  it('RICLOUD_LOG: nothing is logged, and nothing refused', async () => {
    const token = newToken();
    await listsWith(token, { RICLOUD_URL: mock().url, RICLOUD_TOKEN: token, RICLOUD_LOG: blank });
  });
});
