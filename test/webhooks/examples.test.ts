import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs an example the way its header says (`npx tsx`); rejects on a non-zero exit code or after 60 s. */
const example = (file: string) => run('npx', ['tsx', `examples/${file}`], { cwd: root, timeout: 60_000 });

describe.concurrent('the webhook examples', () => {
  it.each(['receiver-node.ts', 'receiver-web.ts', 'receiver-express.ts'])(
    'examples/%s receives the mock test event, prints that the config is valid, and exits 0',
    async (file) => {
      const { stdout, stderr } = await example(file);
      const tested = /received webhook_config\.test for (\S+) /.exec(stdout)?.[1];
      expect(tested).toBeDefined();
      expect(stdout).toContain(`webhook config ${tested} is valid`);
      expect(stderr).not.toMatch(/refused a delivery/);
    },
    60_000,
  );

  it('examples/testing-webhooks.ts handles the signed event once, acknowledges its replay, ' +
    'and refuses the wrong secret and the stale one', async () => {
    const { stdout } = await example('testing-webhooks.ts');
    expect(stdout).toBe('task task_1 is succeeded\n200\n200\n400\n400\nsucceeded\ntask_1\n');
  }, 60_000);
});
