/**
 * `ricloud event listen` as ricloud-py's takes it: the signature tolerance from `--tolerance`, `RICLOUD_DELTA` or
 * `[webhooks] delta`, and the address as `HOST PORT` arguments.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedRequest } from '../../src/webhooks/index';
import { configTestEvent, freePort, type Launched, ricloud, start, tempHome } from './support';

const running: Launched[] = [];
afterEach(() => {
  for (const { child } of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `ricloud event listen args…` and resolves with its URL once it listens. */
async function listen(args: string[], env: Record<string, string | undefined> = {}) {
  const listener = start(['event', 'listen', ...args], env);
  running.push(listener);
  const [, url] = await listener.waitFor('stderr', /Listening on (http:\/\/\S+) /);
  return { listener, url: url as string };
}

/** The status a delivery signed `age` seconds ago gets from the listener at `url`. */
async function statusOfDeliveryAged(url: string, age: number): Promise<number> {
  const event = configTestEvent(`evt_${age}_${crypto.randomUUID()}`);
  const timestamp = Math.floor(Date.now() / 1000) - age;
  return (await fetch(await createSignedRequest(event, 'whsec_t', { url: `${url}/webhooks`, timestamp }))).status;
}

/** A HOME whose ~/.ricloud.ini has `[webhooks] delta = <delta>`. */
function homeWithDelta(delta: string): string {
  const home = tempHome();
  writeFileSync(join(home, '.ricloud.ini'), `[webhooks]\nsecret = whsec_t\ndelta = ${delta}\n`);
  return home;
}

describe('ricloud event listen: the signature tolerance', () => {
  it('refuses a delivery signed longer ago than --tolerance, and says so; 0 turns the check off', async () => {
    const strict = await listen(['--port', '0', '--secret', 'whsec_t', '--tolerance', '30']);
    expect(await statusOfDeliveryAged(strict.url, 0)).toBe(200);
    expect(await statusOfDeliveryAged(strict.url, 120)).toBe(400);
    await strict.listener.waitFor('stderr', /refused a delivery: .*the tolerance is 30 s/);
    const off = await listen(['--port', '0', '--secret', 'whsec_t', '--tolerance', '0']);
    expect(await statusOfDeliveryAged(off.url, 100_000)).toBe(200);
  });

  it('keeps 600 s by default', async () => {
    const { url } = await listen(['--port', '0', '--secret', 'whsec_t']);
    expect(await statusOfDeliveryAged(url, 500)).toBe(200);
    expect(await statusOfDeliveryAged(url, 700)).toBe(400);
  });

  it("reads ricloud-py's [webhooks] delta, under RICLOUD_DELTA, under --tolerance", async () => {
    const fromFile = await listen(['--port', '0'], { HOME: homeWithDelta('30') });
    expect(await statusOfDeliveryAged(fromFile.url, 120)).toBe(400);
    const fromEnv = await listen(['--port', '0'], { HOME: homeWithDelta('30'), RICLOUD_DELTA: '200' });
    expect(await statusOfDeliveryAged(fromEnv.url, 120)).toBe(200);
    expect(await statusOfDeliveryAged(fromEnv.url, 300)).toBe(400);
    const fromFlag = await listen(['--port', '0', '--tolerance', '0'], {
      HOME: homeWithDelta('30'),
      RICLOUD_DELTA: '200',
    });
    expect(await statusOfDeliveryAged(fromFlag.url, 300)).toBe(200);
  });

  it("reads delta as ricloud-py's int() does: a sign, underscores and spaces around it", async () => {
    const signed = await listen(['--port', '0'], { HOME: homeWithDelta('+30') });
    expect(await statusOfDeliveryAged(signed.url, 0)).toBe(200);
    expect(await statusOfDeliveryAged(signed.url, 120)).toBe(400);
    const grouped = await listen(['--port', '0', '--secret', 'whsec_t'], { RICLOUD_DELTA: ' 2_00 ' });
    expect(await statusOfDeliveryAged(grouped.url, 120)).toBe(200);
    expect(await statusOfDeliveryAged(grouped.url, 300)).toBe(400);
    for (const delta of ['-5', '2__00', '_200']) {
      const odd = await ricloud(['event', 'listen', '--port', '0', '--secret', 's'], { RICLOUD_DELTA: delta });
      expect(odd).toMatchObject({ code: 2, stdout: '' });
      expect(odd.stderr).toMatch(/^error: invalid RICLOUD_DELTA: /);
    }
  });

  it('refuses a tolerance that is no number of seconds (exit 2), naming where it came from', async () => {
    const flag = await ricloud(['event', 'listen', '--port', '0', '--secret', 's', '--tolerance', '-1']);
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toContain("error: option '--tolerance <seconds>' argument '-1' is invalid.");
    const env = await ricloud(['event', 'listen', '--port', '0', '--secret', 's'], { RICLOUD_DELTA: 'soon' });
    expect(env).toMatchObject({ code: 2, stdout: '' });
    expect(env.stderr).toMatch(/^error: invalid RICLOUD_DELTA: /);
    // Only decimal digits: a hexadecimal or exponent form is refused, not read as another number.
    for (const delta of ['0x1F', '1e3']) {
      const odd = await ricloud(['event', 'listen', '--port', '0', '--secret', 's'], { RICLOUD_DELTA: delta });
      expect(odd).toMatchObject({ code: 2, stdout: '' });
      expect(odd.stderr).toMatch(/^error: invalid RICLOUD_DELTA: /);
    }
    const home = homeWithDelta('ten');
    const file = await ricloud(['event', 'listen', '--port', '0'], { HOME: home });
    expect(file).toMatchObject({ code: 2, stdout: '' });
    expect(file.stderr).toMatch(`error: invalid ${join(home, '.ricloud.ini')} [webhooks] delta: `);
  });
});

describe('ricloud event listen HOST PORT', () => {
  it("takes ricloud-py's positional address", async () => {
    const port = await freePort();
    const { url } = await listen(['127.0.0.1', String(port), '--secret', 'whsec_t']);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(await statusOfDeliveryAged(url, 0)).toBe(200);
  });

  it('refuses an address given both ways, or a bad one, by name (exit 2)', async () => {
    const both = await ricloud(['event', 'listen', '127.0.0.1', '0', '--port', '0', '--secret', 's']);
    expect(both).toMatchObject({ code: 2, stdout: '', stderr: 'error: pass the port as PORT or --port, not both\n' });
    const host = await ricloud(['event', 'listen', '127.0.0.1', '--host', '::1', '--secret', 's']);
    expect(host).toMatchObject({ code: 2, stdout: '', stderr: 'error: pass the host as HOST or --host, not both\n' });
    const port = await ricloud(['event', 'listen', '127.0.0.1', 'http', '--secret', 's']);
    expect(port).toMatchObject({ code: 2, stdout: '' });
    expect(port.stderr).toContain("error: command-argument value 'http' is invalid for argument 'port'.");
  });
});
