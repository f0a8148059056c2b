/**
 * `npm run test:ricloud-py` without what it needs runs nothing and exits 2, saying how to get it (docs/ricloud-py.md):
 * here, a machine with no python3 at all.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('exits 2 with its instructions when python3 is not installed, nothing run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ricloud-py-run-'));
  dirs.push(dir);
  // A checkout as the command recognises one, and a PATH that holds node alone.
  const checkout = join(dir, 'checkout');
  for (const file of ['ricloud/__init__.py', 'tests/test_integration.py']) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    writeFileSync(join(checkout, file), '');
  }
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const run = spawnSync(process.execPath, [join(import.meta.dirname, 'run.mjs'), checkout], {
    env: { PATH: bin },
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(
    /^python3 could not be run \(ENOENT\): nothing was run\.\n.*Give the path of a ricloud-py 3\.2\.0/s,
  );
  expect(run.stdout).not.toMatch(/building/);
});
