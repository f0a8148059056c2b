/**
 * Secrets the API shows only once (a new webhook config's secret, a rotated key's token), printed with `--json`: when
 * they never reach stdout's reader (`| jq` where jq is not installed), stderr says so, as the run otherwise stops
 * quietly (141) and the user would not know that the config or the rotation exists.
 */
import type { Context } from './context';
import { OutputError } from './errors';
import { drained, stopped } from './stop';

/** Once stdout has taken what was printed, or failed, warns `warning: ${lost}` on stderr if it failed. */
export async function warnIfLost(ctx: Context, lost: string): Promise<void> {
  // Without --json the secret is masked: there is nothing to lose.
  if (!ctx.out.json) return;
  await Promise.race([drained(process.stdout), stopped(ctx.signal)]);
  const { reason } = ctx.signal;
  if (ctx.signal.aborted && (reason === 'SIGPIPE' || reason instanceof OutputError)) ctx.out.warn(`warning: ${lost}`);
}
