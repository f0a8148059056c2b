/**
 * `ricloud session`: open, follow, list and close sessions on a source (an iCloud account or a Relay instance).
 * The password of an iCloud account is never a flag: it is asked on the terminal or read with `--password-stdin`.
 */
import { Option, type Command } from 'commander';
import type { Session } from '../../index';
import { action, type Context } from '../context';
import { UsageError } from '../errors';
import { escapeControls } from '../escape';
import { addListOptions, listParams, printList, type ListOptions } from '../list';
import { readPassword } from '../password';
import { showAfterWait, throwUnlessActive, timeoutOption, waitForResource, waitForResourceId } from '../progress';
import { SESSION_STATES } from '../sdk';

const COLUMNS = ['id', 'state', 'error', 'source', 'date_created'];
const SOURCE_TYPES = ['icloud.account', 'rirelay.instance'] as const;

interface CreateOptions {
  user: string;
  type: (typeof SOURCE_TYPES)[number];
  identifier?: string;
  passwordStdin?: boolean;
  code?: string;
  wait?: boolean;
  timeout: number;
}

/** A session as text: its source as `type identifier (id)` rather than a JSON object. */
function show(ctx: Context, session: Session): void {
  if (ctx.out.json) {
    ctx.out.resource(session);
    return;
  }
  const { source } = session;
  const about = typeof source === 'object' ? `${source.type} ${source.identifier} (${source.id})` : source;
  ctx.out.fields(Object.entries({ ...session, source: about }));
}

/** A session's table row: its source by id. */
const row = (session: Session) => ({
  ...session,
  source: typeof session.source === 'object' ? session.source.id : session.source,
});

/** The session's payload: the password (asked, or from stdin) and the 2FA code of an iCloud account; a Relay code. */
async function payloadOf(ctx: Context, options: CreateOptions) {
  if (options.type !== 'icloud.account') return { code: options.code };
  // The SDK would refuse these too, but only once the password was typed.
  if (options.identifier === undefined)
    throw new UsageError('invalid --identifier: is required for an icloud.account session');
  for (const [flag, value] of [
    ['--user', options.user],
    ['--identifier', options.identifier],
  ] as const)
    if (!value.trim()) throw new UsageError(`invalid ${flag}: must not be ${value ? 'only whitespace' : 'empty'}`);
  const password = await readPassword(
    { fromStdin: Boolean(options.passwordStdin), stdin: process.stdin, prompt: process.stderr, stop: ctx.signal },
    `Password for ${escapeControls(options.identifier)}: `,
  );
  return { password, code: options.code };
}

/** Adds `session` and its commands to `program`. */
export function addSessionCommands(program: Command): void {
  const group = program
    .command('session')
    .description("manage sessions: a source's credentials checked by the API, so it can be polled");

  group
    .command('create')
    .description('open a session on a source; the API checks its credentials (pending, then active or failed)')
    .requiredOption('--user <id>', 'the user the source belongs to')
    .addOption(new Option('--type <type>', 'the kind of source').choices(SOURCE_TYPES).default('icloud.account'))
    .option('--identifier <identifier>', "the source's identifier: an Apple ID (required), a Relay instance id")
    .addOption(
      new Option(
        '--password-stdin',
        "read an iCloud account's password from stdin (else it is asked, unechoed)",
      ).conflicts('tokenStdin'),
    )
    .option('--code <code>', "a 2FA code for an iCloud account; a Relay instance's pairing code (required)")
    .option('--wait', 'wait until the session leaves pending: exit 0 when active, 3 when failed or expired')
    .addOption(timeoutOption())
    .addHelpText(
      'after',
      `
An iCloud account's password is never a flag (flags show in ps and stay in your shell's history): it is
asked on the terminal without echo, or piped to --password-stdin. It is sent once and never printed.

Examples:
  ricloud session create --user <id> --identifier john@example.com --wait
  pass show icloud/john | ricloud session create --user <id> --identifier john@example.com --password-stdin --wait
  ricloud session create --user <id> --type rirelay.instance --identifier <instance> --code 123456`,
    )
    .action(
      action(async (ctx, options: CreateOptions) => {
        // The token and the API URL are checked before the password is asked for.
        const client = await ctx.client();
        const payload = await payloadOf(ctx, options);
        const session = await client.sessions.create(
          { source: { user: options.user, type: options.type, identifier: options.identifier }, payload },
          { signal: ctx.signal },
        );
        if (!options.wait) return show(ctx, session);
        // The session, refreshed in place, is printed however the wait ends: its id is not lost.
        await showAfterWait(
          () => waitForResource(ctx, 'session', session, options.timeout, (done) => done.state === 'active'),
          () => show(ctx, session),
        );
        throwUnlessActive('session', session);
      }),
    );

  group
    .command('retrieve')
    .description('show one session')
    .argument('<id>', 'the session id')
    .option('--wait', 'first wait until it leaves pending: exit 0 when active, 3 when failed or expired')
    .addOption(timeoutOption())
    .action(
      action(async (ctx, id: string, options: { wait?: boolean; timeout: number }) => {
        const client = await ctx.client();
        if (!options.wait) return show(ctx, await client.sessions.retrieve(id, { signal: ctx.signal }));
        const session = await waitForResourceId(
          ctx,
          'session',
          id,
          options.timeout,
          (request) => client.sessions.retrieve(id, request),
          (done) => done.state === 'active',
          (waited) => show(ctx, waited),
        );
        throwUnlessActive('session', session);
      }),
    );

  addListOptions(
    group
      .command('list')
      .description('list sessions, newest first')
      .option('--source <id>', 'only sessions on this source')
      .addOption(new Option('--state <state>', 'only sessions in this state').choices(SESSION_STATES)),
  ).action(
    action(async (ctx, options: ListOptions & { source?: string; state?: Session['state'] }) => {
      const client = await ctx.client();
      const list = client.sessions.list(
        { ...listParams(options), source: options.source, state: options.state },
        { signal: ctx.signal },
      );
      await printList(ctx, list, options, COLUMNS, 'sessions', row);
    }),
  );

  group
    .command('delete')
    .description('close a session: it is expired at once, and polls on it are refused')
    .argument('<id>', 'the session id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        show(ctx, await client.sessions.delete(id, { signal: ctx.signal }));
      }),
    );
}
