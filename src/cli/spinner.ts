/**
 * What a command draws on an interactive stderr while it works: a spinner with the time taken, or a download's
 * progress bar. Piped or `--quiet`, nothing is drawn.
 */
import type { Context } from './context';
import { escapeControls } from './escape';

/**
 * Runs `work()` beside a spinner whose text `line()` gives, redrawn ten times a second with the time taken; ends
 * with the last line, marked as a success when `succeeded(result)`.
 */
export async function withSpinner<T>(
  ctx: Context,
  line: () => string,
  work: () => Promise<T>,
  succeeded: (result: T) => boolean,
): Promise<T> {
  if (!ctx.out.interactive) return work();
  // Loaded only here: most runs never draw a spinner.
  const { default: yoctoSpinner } = await import('yocto-spinner');
  const started = Date.now();
  const text = () => `${line()} ${ctx.out.errColors.dim(`${((Date.now() - started) / 1000).toFixed(1)} s`)}`;
  // Signals are the command's to handle: the stop signal aborts `work`, and the spinner stops below.
  const spinner = yoctoSpinner({ text: text(), handleSignals: false }).start();
  const tick = setInterval(() => (spinner.text = text()), 100);
  try {
    const result = await work();
    if (succeeded(result)) spinner.success(text());
    else spinner.error(text());
    return result;
  } catch (error) {
    spinner.stop();
    throw error;
  } finally {
    clearInterval(tick);
  }
}

/** A number of bytes as people read it: `512 B`, `1.5 MB`, `1.07 GB` (powers of 1000, as drives are sold). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  for (; value >= 1000 && unit < units.length - 1; unit++) value /= 1000;
  return unit === 0 ? `${value} B` : `${value.toPrecision(3)} ${units[unit]}`;
}

/** Cells of the progress bar. */
const BAR_WIDTH = 24;

/**
 * Runs a download beside a progress bar on an interactive stderr: `what`, a bar, the share and the bytes received of
 * `total`. `work` gets the function to call with the bytes received so far. Piped or `--quiet`, nothing is drawn.
 */
export function withProgressBar<T>(
  ctx: Context,
  what: string,
  total: number,
  work: (received: (bytes: number) => void) => Promise<T>,
): Promise<T> {
  let done = 0;
  const line = () => {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${ctx.out.errColors.dim('░'.repeat(BAR_WIDTH - filled))}`;
    return `${escapeControls(what)} ${bar} ${Math.floor(share * 100)}% ${formatBytes(done)} of ${formatBytes(total)}`;
  };
  return withSpinner(
    ctx,
    line,
    () => work((bytes) => (done = bytes)),
    () => true,
  );
}
