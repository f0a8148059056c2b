/** What every `list` command shares: date and page options, and printing one page or every item. */
import { Option, type Command } from 'commander';
import type { PagePromise } from '../index';
import type { Context } from './context';
import { UsageError } from './errors';
import { integer, isoTime } from './parse';
import { parseIsoInstant } from './sdk';
import { drained, stopped } from './stop';

/** The shared options as commander parses them. */
export interface ListOptions {
  createdAfter?: string;
  createdBefore?: string;
  limit?: number;
  all?: boolean;
}

/**
 * Adds `--created-after`, `--created-before` (unless `dates` is off: the endpoint has no date filter), `--limit` and
 * `--all` to a list command.
 */
export function addListOptions(command: Command, { dates = true } = {}): Command {
  if (dates)
    command
      .option(
        '--created-after <time>',
        'only those created after this ISO 8601 date or time with a zone, e.g. 2025-01-31 or 2025-01-31T12:00:00Z',
        isoTime,
      )
      .option('--created-before <time>', 'only those created before this ISO 8601 date or time with a zone', isoTime);
  return command
    .addOption(
      new Option('--limit <n>', 'how many to show, 1 to 1000 (default: the API page, 10)')
        .argParser(integer)
        .conflicts('all'),
    )
    .option(
      '--all',
      'every match, printed page by page as it arrives: table rows, ' +
        'or with --json JSON lines (one object per line, not an array)',
    );
}

/**
 * The SDK list parameters for the shared options.
 * @throws UsageError when `--created-after` is at or past `--created-before`: the list would be empty, whatever exists.
 */
export function listParams(options: ListOptions): {
  date_created?: { gt?: string | undefined; lt?: string | undefined } | undefined;
  limit?: number | undefined;
} {
  // The SDK skips parameters left undefined.
  const { createdAfter: gt, createdBefore: lt, limit } = options;
  // Swapped in a script, they would list nothing and exit 0.
  if (gt !== undefined && lt !== undefined && emptyRange(gt, lt))
    throw new UsageError(`invalid --created-before: ${lt} is not after --created-after ${gt}, so nothing could match`);
  return { date_created: gt !== undefined || lt !== undefined ? { gt, lt } : undefined, limit };
}

/** A time's digits past the millisecond, which `Date` drops (`…00.168354Z` gives `354000`), padded to compare. */
const finerThanDate = (text: string) => (/\.\d{3}(\d*)/.exec(text)?.[1] ?? '').padEnd(6, '0');

/**
 * True when no instant is after `gt` and before `lt` (both parsed already, by `isoTime`): compared to the API's
 * microsecond, not `Date`'s millisecond, so two of its `date_created` in one millisecond still bound a list.
 */
function emptyRange(gt: string, lt: string): boolean {
  const [after, before] = [gt, lt].map((text) => (parseIsoInstant(text) as Date).getTime()) as [number, number];
  return after > before || (after === before && finerThanDate(gt) >= finerThanDate(lt));
}

/**
 * Prints a list. One page: a table, or the page as one JSON document. With `--all`: every item, page by page as it
 * arrives and as fast as stdout takes it (nothing is collected), as table rows or one JSON object per line. `row`
 * makes an item's table row (a nested resource shown by its id); JSON is always the item itself.
 */
export async function printList<T extends { id: string }>(
  ctx: Context,
  list: PagePromise<T>,
  options: ListOptions,
  columns: string[],
  noun: string,
  row: (item: T) => object = (item) => item,
): Promise<void> {
  const { out } = ctx;
  if (options.all) {
    const rows = out.openTable(columns);
    let count = 0;
    for await (const page of list.pages()) {
      if (out.json) for (const item of page.data) out.jsonLine(item);
      else if (page.data.length > 0) rows(page.data.map(row));
      count += page.data.length;
      // The next page is asked for only once stdout took this one, however slowly its reader reads.
      await out.readyForMore(ctx.signal);
    }
    if (count === 0 && !out.json) out.note(`No ${noun}.`);
    return;
  }
  const page = await list;
  if (out.json) return out.document(page);
  printTable(ctx, page.data.map(row), columns, noun);
  if (!page.has_more) return;
  // Once stdout took the page: a run whose reader went away (`| head -1`) stops quietly, without the hint.
  await Promise.race([drained(process.stdout), stopped(ctx.signal)]);
  if (!ctx.signal.aborted)
    out.note(`Showing ${page.data.length} of ${page.total_count ?? 'more'} ${noun}. Use --limit N or --all for more.`);
}

function printTable(ctx: Context, items: object[], columns: string[], noun: string): void {
  if (items.length === 0) ctx.out.note(`No ${noun}.`);
  else ctx.out.table(items, columns);
}
