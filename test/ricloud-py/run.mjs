/**
 * `npm run test:ricloud-py -- <ricloud-py checkout>` (or RICLOUD_PY=<checkout>): runs the official Python client,
 * ricloud-py 3.2.0, against `ricloud mock` over HTTP: ricloud-py's own integration test (pytest, `-m integration`),
 * then `every_resource.py`, which drives every resource it wraps, then its command line (`cli_commands.py`). The
 * checkout is not ours to ship (AGPL-3.0): it is only put on PYTHONPATH. Without one this exits 2 and says how to get
 * it; any failure exits 1. See docs/ricloud-py.md.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const here = import.meta.dirname;
const root = resolve(here, '../..');
const log = (text) => console.log(`[ricloud-py] ${text}`);

const HOW_TO_GET_ONE = `Give the path of a ricloud-py 3.2.0 checkout:
  npm run test:ricloud-py -- /path/to/ricloud-py     (or RICLOUD_PY=/path/to/ricloud-py npm run test:ricloud-py)
Get one: clone the public repository reincubate/ricloud at its tag v3.2.0 (git clone --branch v3.2.0 <its URL>).
It needs python3 with requests, click, flask and pytest (pip install requests click flask pytest).`;

/** Ends the run with `code` (2: nothing was run) and `message`. */
function stop(code, message) {
  console.error(message);
  process.exit(code);
}

/** Runs `command` with its output passed through; resolves to its exit code (or signal). */
function run(command, args, { cwd = root, env = process.env, timeout = 300_000 } = {}) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    const timer = setTimeout(() => {
      log(`${command} did not end in ${timeout / 1000} s: killed`);
      child.kill('SIGKILL');
    }, timeout);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done(code ?? signal);
    });
  });
}

/** Starts `ricloud mock` (the built CLI) on a free port; resolves with its URL and the child. */
function startMock() {
  const child = spawn(
    process.execPath,
    [join(root, 'dist/cli/main.js'), 'mock', '--port', '0', '--json', '--interval-scale', '1'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error('ricloud mock did not start in 30 s')), 30_000);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`ricloud mock exited ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      done({ url: JSON.parse(line).url, child });
    });
  });
}

const checkout = process.argv[2] ?? process.env.RICLOUD_PY;
if (!checkout) stop(2, `No ricloud-py checkout given: nothing was run.\n${HOW_TO_GET_ONE}`);
const py = resolve(checkout);
if (!existsSync(join(py, 'ricloud/__init__.py')) || !existsSync(join(py, 'tests/test_integration.py')))
  stop(
    2,
    `${py} is not a ricloud-py checkout (no ricloud/__init__.py and tests/test_integration.py).\n${HOW_TO_GET_ONE}`,
  );

// Only our settings reach ricloud-py: no RICLOUD_* of this shell (it reads each as a setting).
const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RICLOUD_')));
const pythonPath = [py, here, process.env.PYTHONPATH].filter(Boolean).join(':');
// No __pycache__ left in the checkout or here; each check is its own organisation (a new token).
const env = (token) => ({
  ...base,
  PYTHONPATH: pythonPath,
  PYTHONDONTWRITEBYTECODE: '1',
  RICLOUD_URL: mock.url,
  RICLOUD_TOKEN: token,
});

// No python3 at all is as much a missing requirement as a missing module: exit 2 with the instructions, not a trace.
const modules = await run('python3', ['-c', 'import requests, click, flask, pytest'], { env: { ...base } }).catch(
  (error) => stop(2, `python3 could not be run (${error.code}): nothing was run.\n${HOW_TO_GET_ONE}`),
);
if (modules !== 0) stop(2, `python3 lacks a module ricloud-py's tests need: nothing was run.\n${HOW_TO_GET_ONE}`);

log('building the package (npm run build)');
if ((await run('npm', ['run', 'build', '--silent'])) !== 0) stop(1, 'the build failed');
const mock = await startMock();
log(`ricloud mock listening on ${mock.url}`);

// Our plugin sets up the organisation first; no cache is written into the checkout.
const PYTEST_OPTIONS = ['-p', 'organisation_plugin', '-p', 'no:cacheprovider', '-v'];

const checks = [
  [
    "ricloud-py's own integration test (tests/test_integration.py)",
    () =>
      run('python3', ['-m', 'pytest', '-m', 'integration', 'tests/test_integration.py', ...PYTEST_OPTIONS], {
        cwd: py,
        env: env('ricloud-py-integration'),
      }),
  ],
  [
    'every resource ricloud-py wraps (every_resource.py)',
    () => run('python3', [join(here, 'every_resource.py')], { cwd: here, env: env('ricloud-py-every-resource') }),
  ],
  [
    "ricloud-py's command line and samples (cli_commands.py)",
    () => run('python3', [join(here, 'cli_commands.py')], { cwd: here, env: env('ricloud-py-cli') }),
  ],
];

const failed = [];
try {
  await run('python3', ['-c', 'import ricloud; print("[ricloud-py] ricloud-py", ricloud.__version__)'], {
    env: env('version'),
  });
  for (const [name, check] of checks) {
    log(`running ${name}`);
    const code = await check();
    log(`${code === 0 ? 'PASSED' : `FAILED (exit ${code})`}: ${name}`);
    if (code !== 0) failed.push(name);
  }
} finally {
  mock.child.removeAllListeners('exit');
  mock.child.kill('SIGINT');
}
log(failed.length === 0 ? `all ${checks.length} passed` : `${failed.length} of ${checks.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
