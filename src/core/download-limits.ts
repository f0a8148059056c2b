/** A download's time limits (an idle timeout, a minimum speed, an optional deadline) and its cancellation. */
import type { DownloadOptions } from './download';
import { abortError } from './abort';
import { ConnectionError, TimeoutError } from './errors';
import { RicloudError } from './ricloud-error';
import { follow } from './signal';
import { hiddenCopy } from './hidden-copy';

/**
 * Releases a download's following of the caller's signal once its stream is collected. Absent where the platform lacks
 * weak references (workerd without its `enable_weak_ref` compatibility flag): a download is then followed until it
 * ends. Marked pure, so a bundle that never downloads drops it.
 */
const collected =
  typeof FinalizationRegistry === 'function' && typeof WeakRef === 'function'
    ? /* @__PURE__ */ new FinalizationRegistry<() => void>((release) => release())
    : undefined;

/** Calls `cleanup` once `target` is collected, where the platform has weak references (else never). */
export const whenCollected = (target: object, cleanup: () => void): void => collected?.register(target, cleanup);

/**
 * `follow`, holding `own` weakly: a stream its reader drops, unread or mid-way, leaves nothing lasting on a signal
 * shared by many downloads. A function of its own, so that no closure here holds `own` (nor the `Limits` holding it).
 */
function followWeakly(signal: AbortSignal, own: AbortController): () => void {
  if (!collected) return follow(signal, own);
  const ref = new WeakRef(own);
  const release = follow(signal, { abort: (reason) => ref.deref()?.abort(reason) });
  collected.register(own, release, ref);
  return () => {
    collected.unregister(ref);
    release();
  };
}

/**
 * A download's default `minSpeed`, in bytes per second: 1 KiB/s, slower than any working connection (a 9.6 kbit/s
 * modem), so only a server that trickles its bytes to dodge `timeout` fails it.
 */
const DEFAULT_MIN_SPEED = 1024;

/** What stopped a download: a read waiting past `timeout`, a window of `timeout` under `minSpeed`, the deadline. */
type Why = 'idle' | 'slow' | 'deadline';

/** The call's time limits and cancellation: they abort `own`, which the request and its body follow. */
export class Limits {
  readonly timeout: number;
  readonly #minSpeed: number;
  #why: Why | undefined;
  #release: (() => void) | undefined;
  #deadline: ReturnType<typeof setTimeout> | undefined;
  #idle: ReturnType<typeof setTimeout> | undefined;
  #onAbort: (() => void) | undefined;
  #onStall: ((reason: DOMException) => boolean) | undefined;
  // When the pending read began (0: none pending): a slow reader of the stream is not the server's stall.
  #readSince = 0;
  // The speed window: the milliseconds its ended reads waited on the server, and the bytes they brought. A reader that
  // does not read is not the server's slowness, as for the idle timeout.
  #windowMs = 0;
  #windowBytes = 0;

  constructor(
    readonly own: AbortController,
    readonly options: DownloadOptions,
    timeout: number,
    readonly what: string,
    /** Hides the signed URL's credentials in what the platform's errors say. */
    readonly hide: (text: string) => string,
  ) {
    this.timeout = timeout;
    this.#minSpeed = options.minSpeed ?? DEFAULT_MIN_SPEED;
    // From the request to the stream's end: an abort between reads closes the connection at once.
    this.#release = options.signal && followWeakly(options.signal, own);
    own.signal.addEventListener('abort', () => this.#onAbort?.(), { once: true });
    if (options.deadline === undefined) return;
    this.#deadline = setTimeout(() => this.#stop('deadline'), options.deadline);
    // The request and the pending reads keep the process alive while they run; a stream left unread must not.
    (this.#deadline as { unref?: () => void }).unref?.();
  }

  #stop(why: Why): void {
    this.#why ??= why;
    this.own.abort(this.#timeUp(why));
  }

  #timeUp(why: Why): DOMException {
    return new DOMException(`${this.what}: ${why === 'slow' ? 'too slow' : `${why} time passed`}`, 'TimeoutError');
  }

  /** Calls `stop` once the download is aborted or timed out: a body that ignores the signal is cancelled with it. */
  onAbort(stop: () => void): void {
    this.#onAbort = stop;
  }

  /**
   * Calls `resume` with the reason when the body stalls: no data for `timeout`, or under `minSpeed` over a window of
   * `timeout`. True when it ended only the current answer, to resume it; false stops the whole download.
   */
  onStall(resume: (reason: DOMException) => boolean): void {
    this.#onStall = resume;
  }

  /** True once the download was aborted or timed out. */
  get stopped(): boolean {
    return this.own.signal.aborted;
  }

  /** A read of the body begins. */
  reading(): void {
    // Elapsed time, not the date: a wall clock set back would hide a stall for as long.
    this.#readSince = performance.now();
    this.#idle ??= setTimeout(this.#check, this.timeout);
    (this.#idle as { ref?: () => void }).ref?.();
  }

  /**
   * The pending read ended, with a chunk of `bytes` (none at the body's end or failure, which is not judged). Once the
   * reads of the speed window have waited `timeout` in all, their bytes are judged against `minSpeed`: a whole read's
   * wait and bytes, so a chunk still coming is no shortfall.
   */
  read(bytes?: number): void {
    const waited = this.#readSince === 0 ? 0 : performance.now() - this.#readSince;
    this.#readEnded();
    if (bytes === undefined) return;
    this.#windowMs += waited;
    this.#windowBytes += bytes;
    if (this.#windowMs < this.timeout) return;
    const slow = this.#windowBytes < (this.#minSpeed * this.#windowMs) / 1000;
    this.#windowMs = this.#windowBytes = 0;
    if (slow) this.#stall('slow');
  }

  /** The answer is resumed: its pending read ends uncounted, and the next answer's speed is judged on its own. */
  resumed(): void {
    this.#windowMs = this.#windowBytes = 0;
    this.#readEnded();
  }

  #readEnded(): void {
    this.#readSince = 0;
    // Only a pending read keeps the process alive: a stream its reader leaves mid-way does not.
    (this.#idle as { unref?: () => void } | undefined)?.unref?.();
  }

  // One timer for the whole stream, moved on as reads end, rather than one per chunk; none while no read is pending
  // that keeps the process alive, so a stream left unread or mid-way does not.
  #check = (): void => {
    this.#idle = undefined;
    if (this.#readSince === 0) return;
    const waited = performance.now() - this.#readSince;
    if (waited < this.timeout) this.#idle = setTimeout(this.#check, this.timeout - waited);
    else this.#stall('idle');
  };

  /** Ends the current answer to resume it, or else the download. */
  #stall(why: 'idle' | 'slow'): void {
    if (!this.#onStall?.(this.#timeUp(why))) this.#stop(why);
  }

  /** The error for a failure of the body while it was read. */
  failure(error: unknown): RicloudError {
    const signal = this.options.signal;
    if (signal?.aborted) return abortError(this.what, signal);
    // A resume's own failure is already typed.
    if (error instanceof RicloudError) return error;
    const cause = hiddenCopy(error, this.hide);
    if (this.#why === 'idle') return new TimeoutError(`${this.what}: no data for ${this.timeout} ms`, { cause });
    if (this.#why === 'slow') {
      const slow = `${this.what}: slower than ${this.#minSpeed} bytes per second for ${this.timeout} ms`;
      return new TimeoutError(slow, { cause });
    }
    if (this.#why === 'deadline')
      return new TimeoutError(`${this.what}: not done within the deadline of ${this.options.deadline} ms`, { cause });
    return new ConnectionError(`${this.what}: the connection failed during the download`, { cause });
  }

  /** True once the deadline passed. */
  pastDeadline(): boolean {
    return this.#why === 'deadline';
  }

  /** Stops the timers and the following of the caller's signal. */
  end(): void {
    this.#release?.();
    clearTimeout(this.#deadline);
    clearTimeout(this.#idle);
  }
}
