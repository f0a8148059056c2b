/**
 * `ricloud result`: list, show, acknowledge and download the results of polls. A download is checked against the
 * result's size and MD5 checksum as it streams, with a progress bar on a terminal.
 */
import { Option, type Command } from 'commander';
import { lstatSync, type Stats, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { DownloadOptions, Result } from '../../index';
import { action, type Context, namingFlag } from '../context';
import { UsageError } from '../errors';
import { addListOptions, printList, type ListOptions } from '../list';
import { formatBytes, withProgressBar } from '../spinner';
import { RESULT_STATES } from '../sdk';

const COLUMNS = ['id', 'identifier', 'type', 'size', 'state', 'date_created'];

/**
 * Prints results: one as `key  value` lines, several as a table. JSON is an array however many there are, so a
 * script that acknowledges a varying number of ids reads one shape.
 */
function showResults(ctx: Context, results: Result[]): void {
  if (ctx.out.json) ctx.out.document(results);
  else if (results.length === 1) ctx.out.resource(results[0] as Result);
  else ctx.out.table(results, COLUMNS);
}

/** Runs `download` beside a progress bar on an interactive stderr, giving it the progress callback. */
function withBar(ctx: Context, result: Result, download: (options: DownloadOptions) => Promise<void>): Promise<void> {
  return withProgressBar(ctx, `result ${result.id}`, result.size ?? 0, (received) =>
    download({ signal: ctx.signal, onProgress: ({ bytes }) => received(bytes) }),
  );
}

/** Streams the result's file to stdout, checked as it goes; stdout stays open, as main.ts still reports the end. */
function downloadToStdout(ctx: Context, result: Result): Promise<void> {
  return withBar(ctx, result, async (options) => {
    const body = await result.download(options);
    // With the stop signal, a stdout that fails (its reader gone) ends the copy as the stop it caused: 141, quietly.
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), process.stdout, {
      end: false,
      signal: ctx.signal,
    });
  });
}

/**
 * Checks `--output` before anything is sent: a file's path, in a directory that exists, and no file already there
 * unless `overwrite`, nor a symbolic link, device, pipe or socket.
 * @throws UsageError saying what is wrong with `path`.
 */
function checkOutput(path: string, overwrite: boolean): void {
  if (path === '') throw new UsageError('invalid --output: must be a non-empty file path');
  // A link would be replaced, not written through: /dev/stdout is one, to a file when stdout is redirected to it.
  if (statOf(path, lstatSync)?.isSymbolicLink())
    throw new UsageError(
      `--output ${path} is a symbolic link, which the file would replace: pass the path it points to`,
    );
  const found = statOf(path);
  if (found?.isDirectory()) throw new UsageError(`--output ${path} is a directory: name the file to write`);
  // The checked file is renamed into place: over /dev/null or a named pipe, it would replace them, not write to them.
  if (found && !found.isFile())
    throw new UsageError(
      `--output ${path} is no regular file (a device, a pipe or a socket), which the file would replace: ` +
        'pass -o - and redirect stdout there',
    );
  if (found && !overwrite) throw alreadyExists(path);
  if (!statOf(dirname(resolve(path)))?.isDirectory())
    throw new UsageError(`--output ${path}: no such directory as ${dirname(path)}`);
}

/**
 * What is at `path` (a link itself with `lstatSync`), or undefined when nothing is or it cannot be read (`ENOTDIR`: a
 * file where a directory should be).
 */
function statOf(path: string, stat: typeof statSync = statSync): Stats | undefined {
  try {
    return stat(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Downloads to `path` with `ricloud/node`'s `downloadToFile`: the file appears there only once checked.
 * @throws UsageError when a file appeared at `path` meanwhile and `overwrite` is off, or naming `--output` when the SDK
 *   refuses the path (a directory that refuses the file).
 */
async function downloadToPath(ctx: Context, result: Result, path: string, overwrite: boolean): Promise<void> {
  // Node-only, so loaded when used.
  const { downloadToFile } = await import('../../node');
  try {
    await namingFlag('path', '--output', () =>
      withBar(ctx, result, (options) => downloadToFile(result, path, { ...options, overwrite })),
    );
  } catch (error) {
    // Made by something else since checkOutput or while the file downloaded: kept, as one there before is. The SDK's
    // refusal names its option, `overwrite`, where the command line's is --force.
    if (!overwrite && error instanceof UsageError && lstatSync(path, { throwIfNoEntry: false }))
      throw alreadyExists(path);
    throw error;
  }
}

/** Why a result has no file to download: it expired, or its storage config signs no URLs (the API's default). */
const whyNoFile = (result: Result): string =>
  result.state === 'expired'
    ? `result ${result.id} is expired: its file is gone`
    : `result ${result.id} has no signed_url: its storage config signs no URLs. Turn them on ` +
      '(ricloud storage-config update ID --signed-urls on) and poll again, or read the file from its url ' +
      `(${result.url ?? 'the bucket'})`;

/** The refusal to replace the file at `path`. */
const alreadyExists = (path: string) => new UsageError(`${path} already exists: pass --force to overwrite it`);

/** Adds `result` and its commands to `program`. */
export function addResultCommands(program: Command): void {
  const group = program
    .command('result')
    .description('read what polls published: list, show, download and acknowledge results');

  addListOptions(
    group
      .command('list')
      .description('list results, newest first (consumed and expired ones only with --state)')
      .option('--poll <id>', 'only the results of this poll')
      .option('--task <id>', 'only the results of this task')
      .addOption(new Option('--state <state>', 'only results in this state').choices(RESULT_STATES)),
    { dates: false },
  ).action(
    action(async (ctx, options: ListOptions & { poll?: string; task?: string; state?: Result['state'] }) => {
      const client = await ctx.client();
      const results = client.results.list(
        { limit: options.limit, poll: options.poll, task: options.task, state: options.state },
        { signal: ctx.signal },
      );
      await printList(ctx, results, options, COLUMNS, 'results');
    }),
  );

  group
    .command('retrieve')
    .description('show one result')
    .argument('<id>', 'the result id')
    .action(
      action(async (ctx, id: string) => {
        const client = await ctx.client();
        ctx.out.resource(await client.results.retrieve(id, { signal: ctx.signal }));
      }),
    );

  group
    .command('ack')
    .description(
      'acknowledge results: consumed from now on (their files stay until they expire); --json prints an array',
    )
    .argument('<ids...>', 'the result ids (several go in one request, all or none)')
    .action(
      action(async (ctx, ids: string[]) => {
        const client = await ctx.client();
        const results =
          ids.length === 1
            ? [await client.results.acknowledgeWithId(ids[0] as string, { signal: ctx.signal })]
            : await client.results.acknowledge(ids, { signal: ctx.signal });
        showResults(ctx, results);
      }),
    );

  group
    .command('download')
    .description("download a result's file, checked against its size and MD5 checksum")
    .argument('<id>', 'the result id')
    .option('-o, --output <path>', 'write the file here (else, or with -, to stdout when it is piped)')
    .option('--force', 'overwrite the file at --output PATH (stdout has none: refused without it)')
    .addHelpText(
      'after',
      `
The download is checked as it streams. With --output, the file appears at the path only once every
byte arrived and the MD5 checksum matched; a failed or interrupted download leaves nothing there. On a
piped stdout, a mismatch exits 1 after the bytes went out: use them only when the exit code is 0.
On a terminal, a progress bar shows on stderr (not with --quiet). With --output, --json prints the result once done.

Examples:
  ricloud result download <id> --output messages.bin
  ricloud result download <id> | gunzip > messages.db`,
    )
    .action(
      action(async (ctx, id: string, given: { output?: string; force?: boolean }) => {
        // `-o -` is stdout, as curl's and wget's are: not a file named `-`.
        const options = given.output === '-' ? { ...given, output: undefined } : given;
        if (options.force && options.output === undefined)
          throw new UsageError('--force overwrites the file at --output: pass --output PATH, or leave --force out');
        // Bytes on a terminal would garble it, and could drive it: they go to a file or a pipe.
        if (options.output === undefined && process.stdout.isTTY)
          throw new UsageError('result download writes the file: pass --output PATH, or pipe stdout (… > file)');
        if (options.output !== undefined) checkOutput(options.output, Boolean(options.force));
        const client = await ctx.client();
        const result = await client.results.retrieve(id, { signal: ctx.signal });
        // The SDK would call it bad input (exit 2); the id was right, but the file is gone or never signed (exit 1).
        if (!result.signed_url) throw new Error(whyNoFile(result));
        if (options.output !== undefined) await downloadToPath(ctx, result, options.output, Boolean(options.force));
        else await downloadToStdout(ctx, result);
        const where = options.output ? ` to ${options.output}` : '';
        ctx.out.note(`Downloaded result ${result.id}${where}: ${formatBytes(result.size ?? 0)}, checksum verified.`);
        if (options.output && ctx.out.json) ctx.out.resource(result);
      }),
    );
}
