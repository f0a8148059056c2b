/**
 * Shared set-up of the CLI tests: the built command run as a user runs it (`node dist/cli/main.js`, piped stdio, a
 * temporary HOME and only the environment a test gives it), against one mock server per test file.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { constants } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { Client } from '../../src/index';
import { startMockServer, type MockServer } from '../../src/mock/index';

// Every test starts node processes, several for some: give them time on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

/** The bin, as built by `npm run build`. */
export const BIN = resolve(import.meta.dirname, '../../dist/cli/main.js');

/** What a finished run left behind. */
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fresh, distinctive token: each token is its own organisation in the mock, so tests never see each other's data. */
export const newToken = (): string => `tok_cli_${crypto.randomUUID().replace(/-/g, '')}`;

/** A new empty directory, to be HOME. Removed after the file's tests. */
const homes: string[] = [];
export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'ricloud-cli-'));
  homes.push(home);
  return home;
}
afterAll(() => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

/** A running command: its process, what it has printed so far, and its end. */
export interface Launched {
  child: ChildProcessWithoutNullStreams;
  output: { stdout: string; stderr: string };
  done: Promise<Run>;
  /** Resolves with the first match of `pattern` in what the stream printed, or prints within `ms`. */
  waitFor(stream: 'stdout' | 'stderr', pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
}

/** Starts `ricloud args…` with piped stdio and only PATH, a HOME and `env` in its environment, in `cwd` if given. */
export function start(args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Launched {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build it first with \`npm run build\` (npm test does)`);
  const clean = Object.fromEntries(
    Object.entries({ PATH: process.env.PATH, HOME: tempHome(), ...env }).filter(([, v]) => v !== undefined),
  );
  return collect(spawn(process.execPath, [BIN, ...args], { env: clean as NodeJS.ProcessEnv, cwd }));
}

/** Collects a child's output from the start, so nothing it printed is missed. */
export function collect(child: ChildProcessWithoutNullStreams): Launched {
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, ...output })));
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp, ms = 20_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const look = () => {
        const match = pattern.exec(output[stream]);
        if (match) return resolve(match);
        if (Date.now() - started > ms || child.exitCode !== null)
          return reject(new Error(`no ${pattern} on ${stream}; got: ${output[stream]}`));
        setTimeout(look, 10);
      };
      look();
    });
  return { child, output, done, waitFor };
}

/** Starts `ricloud args…` on a pseudo-terminal (util-linux `script`) with only PATH, HOME, `TERM=xterm` and `env`. */
export function onTerminal(args: string[], environment: Record<string, string>): Launched {
  const command = [process.execPath, BIN, ...args].map((word) => `'${word}'`).join(' ');
  const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: tempHome(), TERM: 'xterm', ...environment },
  });
  return collect(child);
}

/** Runs `ricloud args…` to the end. */
export function ricloud(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return start(args, env).done;
}

/**
 * Runs `ricloud args…` to the end with its stdout where the shell's `redirect` points it: by default /dev/full, where
 * every write fails with ENOSPC; `1</dev/null`, open for reading only, fails every write with EBADF.
 */
export function ricloudWithStdout(
  args: string[],
  env: Record<string, string | undefined>,
  redirect = '> /dev/full',
): Promise<Run> {
  const child = spawn('sh', ['-c', `exec "$@" ${redirect}`, 'sh', process.execPath, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: tempHome(), ...env },
  });
  return collect(child).done;
}

/** A `webhook_config.test` event as the API delivers it: event `id`, about the config `config`. */
export const configTestEvent = (id: string, config = 'cfg_1') => ({
  id,
  resource: 'event',
  organisation: 'org_1',
  type: 'webhook_config',
  action: 'test',
  state: 'pending',
  date_created: '2026-01-01T00:00:00.000000Z',
  data: { resource: 'webhook_config', id: config },
});

/**
 * True once the process `pid` has opened its stdin for reading: Node then makes it non-blocking (Linux: the flags of
 * fd 0 in /proc). Its signal handlers are installed before that.
 */
export function readsStdin(pid: number): boolean {
  const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/0`, 'utf8'))?.[1] ?? '0';
  return (Number.parseInt(flags, 8) & constants.O_NONBLOCK) !== 0;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Receiver URLs the mock answers itself: `…/ok` takes a delivery (2xx), anything else on this host refuses (500). */
export const OK_URL = 'https://hooks.test/ok';
export const FAILING_URL = 'https://hooks.test/fail';

/**
 * One mock server for the file's tests. Deliveries to `hooks.test` are answered in process; any other URL (an
 * `event listen` on loopback) gets a real HTTP request.
 */
export function useMockServer(options: { taskDelay?: number } = {}) {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMockServer({
      taskDelay: options.taskDelay ?? 20,
      deliveryTimeout: 2_000,
      deliver: async (request) => {
        if (new URL(request.url).hostname !== 'hooks.test') return fetch(request);
        return new Response(null, { status: request.url.startsWith(OK_URL) ? 200 : 500 });
      },
    });
  });
  afterAll(() => server?.close());
  const mock = () => server as MockServer;
  return {
    mock,
    /** The environment that points the command at the mock with `token`. */
    env: (token: string, extra: Record<string, string | undefined> = {}) => ({
      RICLOUD_URL: mock().url,
      RICLOUD_TOKEN: token,
      ...extra,
    }),
    /** An SDK client on the mock, to set up state and check it without the command. */
    client: (token: string) => new Client({ token, baseUrl: mock().url, logLevel: 'off' }),
  };
}

/** A JSON document from a run's stdout. */
export const json = <T = Record<string, unknown>>(run: Run): T => JSON.parse(run.stdout) as T;

/** NDJSON: one object per line. */
export const ndjson = <T = Record<string, unknown>>(text: string): T[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

/** True when the text holds an ANSI escape sequence (colour, cursor moves, a spinner). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what it looks for
export const hasAnsi = (text: string): boolean => /\u001b\[/.test(text);

/** A server that answers every request with `answer(request)`: a hostile API, for what the mock will not do. */
export function useHostileServer(
  answer: (request: IncomingMessage) => { status: number; body: string; headers?: Record<string, string> },
) {
  let server: Server | undefined;
  beforeAll(async () => {
    server = createHttpServer((request, response) => {
      const { status, body, headers } = answer(request);
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));
  return { url: () => `http://127.0.0.1:${((server as Server).address() as { port: number }).port}` };
}
