/**
 * Exit codes a script can branch on: a refused token, a missing resource and an API out of reach each have their own,
 * apart from the API's other failures (1), so `retrieve || create` never creates on a network failure.
 */
import { describe, expect, it } from 'vitest';
import { exitCode } from '../../src/cli/errors';
import { TimeoutError } from '../../src/index';
import { freePort, newToken, ricloud, useHostileServer, useMockServer } from './support';

const { env } = useMockServer();

/** An API that answers every request with the status its last path segment names (`/configs/webhook/403`). */
const api = useHostileServer((request) => {
  const status = Number(request.url?.split('/').at(-1));
  return { status, body: JSON.stringify({ error: `error-${status}`, message: `status ${status}` }) };
});

describe('exit codes', () => {
  it('exits 5 when the API refuses the token (401) or its permission (403), with its error line', async () => {
    for (const status of [401, 403]) {
      const run = await ricloud(['webhook-config', 'retrieve', String(status), '--json'], {
        RICLOUD_URL: api.url(),
        RICLOUD_TOKEN: newToken(),
      });
      expect({ status, code: run.code, stdout: run.stdout }).toEqual({ status, code: 5, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^error: .*\\(${status} error-${status}\\)`));
    }
  });

  it('exits 6 for a resource the API does not have (404), in text and with --json', async () => {
    for (const json of [[], ['--json']]) {
      const run = await ricloud(['webhook-config', 'retrieve', 'no-such-config', ...json], env(newToken()));
      expect({ json, code: run.code, stdout: run.stdout }).toEqual({ json, code: 6, stdout: '' });
      expect(run.stderr).toMatch(/^error: webhook_config no-such-config not found \(404 not-found\)/);
    }
  });

  it('exits 7 when the API cannot be reached', async () => {
    const run = await ricloud(['task', 'list', '--quiet'], {
      RICLOUD_URL: `http://127.0.0.1:${await freePort()}`,
      RICLOUD_TOKEN: newToken(),
    });
    expect(run.code).toBe(7);
    expect(run.stderr).toMatch(/^error: task list: connection failed/);
  });

  it('exits 7 for a request that timed out on its own limits, not a wait or the global --timeout', () => {
    expect(exitCode(new TimeoutError('task list: timed out after 30 s'), new AbortController().signal)).toBe(7);
  });

  it("keeps 1 for the API's other refusals and failures (400, 409)", async () => {
    for (const status of [400, 409]) {
      const run = await ricloud(['webhook-config', 'retrieve', String(status)], {
        RICLOUD_URL: api.url(),
        RICLOUD_TOKEN: newToken(),
      });
      expect({ status, code: run.code }).toEqual({ status, code: 1 });
    }
  });

  it('the top-level help lists the codes', async () => {
    const { stdout } = await ricloud(['--help']);
    for (const code of ['  5    the API refused the token', '  6    the API has no such', '  7    the API could not'])
      expect(stdout).toContain(code);
  });
});
