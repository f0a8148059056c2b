/** `ricloud mock`: serves the mock API on this machine, for trying the command and for tests. */
import type { Command } from 'commander';
import { action, namingFlag } from '../context';
import { errorLine, exitCode } from '../errors';
import { bytes, port, scale, seconds } from '../parse';
import { host, listenFailure } from '../address';
import { drained, stopped } from '../stop';

/** The token the export line suggests: the mock takes any token, and each one is its own organisation. */
const MOCK_TOKEN = 'mock';

/** The flags of `ricloud mock`, as commander parses them. */
interface MockOptions {
  host: string;
  port: number;
  cors?: true | string;
  sessionLifetime?: number;
  resultLifetime?: number;
  resultSize?: number;
  intervalScale?: number;
}

/** Seconds from a flag as the mock's milliseconds; undefined stays undefined (the mock's default). */
const milliseconds = (seconds: number | undefined) => (seconds === undefined ? undefined : seconds * 1000);

/** Adds `mock` to `program`. */
export function addMockCommand(program: Command): void {
  program
    .command('mock')
    .description('serve a mock of the ricloud API on this machine (state in memory, real signed deliveries)')
    .option('--host <host>', 'address to listen on', host, '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', port, 8787)
    .option(
      '--cors [origin]',
      "answer browsers' CORS checks, for a page that calls the mock (any origin, or only <origin>)",
    )
    .option(
      '--session-lifetime <seconds>',
      'how long an active session lives before it expires (default: a day)',
      seconds,
    )
    .option('--result-lifetime <seconds>', 'how long a result lives before it expires (default: seven days)', seconds)
    .option('--result-size <bytes>', 'the size of each file result, served as a stream (default: 4096)', bytes)
    .option(
      '--interval-scale <ms>',
      "milliseconds of the mock per second of a subscription's interval " +
        '(default: 1000, real time; 1 makes an hour 3.6 s)',
      scale,
    )
    .addHelpText(
      'after',
      `
Run it in one terminal, then in another run the export line it prints and use any command:
  ricloud webhook-config create --url http://127.0.0.1:8080/webhooks --wait
The mock takes any token; each token is its own organisation. Ctrl-C stops it.

To forget everything (configs, users, sessions, every token's organisation) without a restart, e.g. between tests:
  curl -X POST http://127.0.0.1:8787/__mock/reset

To try downloads and expiries quickly:
  ricloud mock --result-size 104857600 --result-lifetime 600 --session-lifetime 300 --interval-scale 1`,
    )
    .action(
      action(async (ctx, options: MockOptions) => {
        // Loaded (msw with it) only for this command; without msw, its import throws the error that says to install it.
        const { RESET_PATH, startMockServer } = await import('../../mock/index');
        // The other options' values were checked by their flags' parsers; the mock checks the origin itself.
        const server = await namingFlag('options.cors', '--cors', () =>
          startMockServer({
            host: options.host,
            port: options.port,
            cors: options.cors,
            sessionLifetime: milliseconds(options.sessionLifetime),
            resultLifetime: milliseconds(options.resultLifetime),
            resultSize: options.resultSize,
            intervalScale: options.intervalScale,
          }),
        ).catch((error: unknown) => {
          throw listenFailure(error, options.host, options.port);
        });
        const env = { RICLOUD_URL: server.url, RICLOUD_TOKEN: MOCK_TOKEN };
        const reset = `${server.url}${RESET_PATH}`;
        if (ctx.out.json) ctx.out.jsonLine({ url: server.url, env, reset });
        else {
          ctx.out.line(`Mock ricloud API listening on ${server.url}`);
          ctx.out.line('Use it from another terminal:');
          ctx.out.line(
            `  export ${Object.entries(env)
              .map(([name, value]) => `${name}=${value}`)
              .join(' ')}`,
          );
        }
        ctx.out.note(`Reset it between tests: POST ${reset}`);
        ctx.out.note('Press Ctrl-C to stop.');
        await stopped(ctx.signal);
        await server.close();
        ctx.out.note('Mock stopped.');
        // msw opens a BroadcastChannel at import that Deno cannot unref: without this the run never ends there.
        await drained(process.stdout);
        const line = errorLine(undefined, ctx.signal);
        if (line) process.stderr.write(`${line}\n`);
        process.exit(exitCode(undefined, ctx.signal));
      }),
    );
}
