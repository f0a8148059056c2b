/**
 * ricloud-py's `max_retries` setting reaches the command as it reaches `readRicloudConfig()`: a CI job that wants a
 * failing API reported at once sets `RICLOUD_MAX_RETRIES=0`, and a machine set up for ricloud-py keeps its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newToken, ricloud, tempHome, useHostileServer } from './support';

// An API that is down: every request is a 503, which the SDK sends again while it has retries left.
let requests = 0;
const down = useHostileServer(() => {
  requests++;
  return { status: 503, body: JSON.stringify({ error: 'unavailable', message: 'down' }) };
});

/** Runs `task list` against the API that is down, and counts the requests it sent. */
async function taskList(env: Record<string, string>) {
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
    expect((await taskList({})).requests).toBeGreaterThan(1);
  });

  it("is read from ricloud-py's config file, where the variable is not set", async () => {
    const conf = join(tempHome(), 'ricloud.ini');
    writeFileSync(conf, '[api]\nmax_retries = 1\n');
    expect(await taskList({ RICLOUD_CONF: conf })).toMatchObject({ code: 1, requests: 2 });
    expect(await taskList({ RICLOUD_CONF: conf, RICLOUD_MAX_RETRIES: '0' })).toMatchObject({ code: 1, requests: 1 });
  });

  it('a value that is no whole number from 0 to 10 is refused by name before anything is sent', async () => {
    for (const value of ['abc', '-1', '11', '1.5']) {
      const run = await taskList({ RICLOUD_MAX_RETRIES: value });
      expect({ value, code: run.code, requests: run.requests }).toEqual({ value, code: 2, requests: 0 });
      expect(run.stderr).toMatch(/^error: invalid RICLOUD_MAX_RETRIES: must be a whole number from 0 to 10, got .+\n$/);
    }
  });
});
