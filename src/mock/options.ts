/** The options of `createMockApi` and `startMockServer`, and their checks. */
import { checkBaseUrl, checkKeys, checkObject, checkRule, isPlainObject } from '../core/params';
import { MAX_TIMER_MS, MILLISECONDS, type Rule, typed } from '../core/rules';
import type { Deliver } from './deliveries';
import { checkFaults, type Fault } from './faults';

/** Options of `createMockApi` and `startMockServer`. */
export interface MockApiOptions {
  /** The origin the handlers answer for (default the SDK's default base URL). */
  baseUrl?: string | undefined;
  /**
   * Token → organisation id: each token is a key of that organisation (several tokens may share one). When set, other
   * tokens get 401; when unset, each new token is the one key of a new organisation, up to 1000 until `reset()` (then
   * 401).
   */
  tokens?: Record<string, string> | undefined;
  /** Milliseconds between a task's steps: pending → processing → delivery (default 20). */
  taskDelay?: number | undefined;
  /** Milliseconds a receiver has to answer a delivery (default 10 000). */
  deliveryTimeout?: number | undefined;
  /** How deliveries are sent (default `fetch`). A `createWebhookHandler(...)` handler fits as it is. */
  deliver?: Deliver | undefined;
  /** Faults to play from the start. */
  faults?: Fault[] | undefined;
  /**
   * Milliseconds before the first retry of a failed event delivery; each later retry waits 5 times longer, up to 5
   * attempts (default 60 000: retries after 1, 5, 25 and 125 minutes). `settle()` waits for them: make it small in
   * tests.
   */
  retryDelay?: number | undefined;
  /**
   * Whether storage config tests pass (default) or fail (task error `storage-access-denied`); with `pass`, a config
   * whose url ends in `.fail` still fails.
   */
  storageTest?: 'pass' | 'fail' | undefined;
  /** Receives the mock's debug lines, such as the body fields it ignored (names only, never values). */
  debug?: ((line: string) => void) | undefined;
  /** Milliseconds an active session lives before it is `expired` (default a day). */
  sessionLifetime?: number | undefined;
  /** Milliseconds a result lives before it is `expired`, its file gone (default seven days). */
  resultLifetime?: number | undefined;
  /**
   * Bytes of each file result (default 4096). Any size is served as a stream and never held; the checksum
   * is computed once per data type and size, by generating the bytes.
   */
  resultSize?: number | undefined;
  /** Milliseconds of the mock per second of a subscription's `interval` and start (default 1000: real time). */
  intervalScale?: number | undefined;
}

/** `taskDelay` may be 0 (steps on the next turn of the event loop), up to the timer's ceiling. */
const TASK_DELAY: Rule = [
  (v) => typeof v === 'number' && v >= 0 && v <= MAX_TIMER_MS,
  `a number of milliseconds from 0 to ${MAX_TIMER_MS}`,
];

/** `resultSize`: whole bytes, up to what a number counts exactly. */
const RESULT_BYTES: Rule = [
  (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  'a whole number of bytes from 0 to 2^53 - 1',
];

/** `intervalScale`: milliseconds per second, more than 0 (0 would make polls without end). */
const SCALE: Rule = [(v) => typeof v === 'number' && v > 0 && v <= 1_000_000, 'a number above 0, up to 1000000'];

/** `storageTest` says how storage config tests end. */
const STORAGE_TEST: Rule = [(v) => v === 'pass' || v === 'fail', 'pass or fail'];

/** `tokens`: token → organisation id, each id a string (the message never shows a token). */
const TOKENS: Rule = [
  (v) => isPlainObject(v) && Object.values(v).every((id) => typeof id === 'string' && id.trim() !== ''),
  'an object of token → organisation id (a string)',
];

/** Every option of `createMockApi`, so that a misspelt one is refused rather than silently ignored. */
export const MOCK_OPTION_NAMES: Record<keyof MockApiOptions, true> = {
  baseUrl: true,
  tokens: true,
  taskDelay: true,
  deliveryTimeout: true,
  deliver: true,
  faults: true,
  retryDelay: true,
  storageTest: true,
  debug: true,
  sessionLifetime: true,
  resultLifetime: true,
  resultSize: true,
  intervalScale: true,
};

/**
 * Checks the options: their names (`names`, those of `createMockApi` unless a caller such as `startMockServer` takes
 * others), the timings, which timers would otherwise silently turn into 1 ms (Infinity, NaN, negatives, past the
 * timer's ceiling), and the faults, which a handler could otherwise not play.
 * @throws InvalidInputError naming `options` (not an object), an option not in `names`, `options.baseUrl` (not an
 *   absolute http(s) URL to append paths to), or the option of a wrong type or value (`options.tokens`,
 *   `options.taskDelay`, …; a fault the mock could not play is named with its index and field).
 */
export function checkMockOptions(options: MockApiOptions, names: object = MOCK_OPTION_NAMES): void {
  checkObject(options, 'options');
  checkKeys(options, Object.keys(names), 'an option of the mock', 'options');
  if (options.baseUrl !== undefined) checkBaseUrl(options.baseUrl, 'options.baseUrl');
  if (options.tokens !== undefined) checkRule(options.tokens, 'options.tokens', TOKENS);
  if (options.deliver !== undefined) checkRule(options.deliver, 'options.deliver', typed('function'));
  if (options.debug !== undefined) checkRule(options.debug, 'options.debug', typed('function'));
  if (options.taskDelay !== undefined) checkRule(options.taskDelay, 'options.taskDelay', TASK_DELAY);
  if (options.deliveryTimeout !== undefined)
    checkRule(options.deliveryTimeout, 'options.deliveryTimeout', MILLISECONDS);
  if (options.retryDelay !== undefined) checkRule(options.retryDelay, 'options.retryDelay', TASK_DELAY);
  if (options.storageTest !== undefined) checkRule(options.storageTest, 'options.storageTest', STORAGE_TEST);
  if (options.sessionLifetime !== undefined)
    checkRule(options.sessionLifetime, 'options.sessionLifetime', MILLISECONDS);
  if (options.resultLifetime !== undefined) checkRule(options.resultLifetime, 'options.resultLifetime', MILLISECONDS);
  if (options.resultSize !== undefined) checkRule(options.resultSize, 'options.resultSize', RESULT_BYTES);
  if (options.intervalScale !== undefined) checkRule(options.intervalScale, 'options.intervalScale', SCALE);
  if (options.faults !== undefined) checkFaults(options.faults, 'options.faults');
}
