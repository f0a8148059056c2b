import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the webhook receiver examples', () => {
  it.concurrent.each(['receiver-node.ts', 'receiver-web.ts', 'receiver-express.ts'])(
    'examples/%s receives the mock test event, prints that the config is valid, and exits 0',
    async (file) => {
      // execFile rejects on a non-zero exit code, so reaching the expectations means it exited 0.
      const { stdout, stderr } = await run('npx', ['tsx', `examples/${file}`], { cwd: root, timeout: 60_000 });
      const tested = /received webhook_config\.test for (\S+) /.exec(stdout)?.[1];
      expect(tested).toBeDefined();
      expect(stdout).toContain(`webhook config ${tested} is valid`);
      expect(stderr).not.toMatch(/refused a delivery/);
    },
    60_000,
  );
});
