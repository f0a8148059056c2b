/** Fault plans: make the mock fail, slow down, hang, drop connections or cut bodies, for chosen requests. */
import { InvalidInputError } from '../core/errors';
import { checkKeys, checkRules } from '../core/params';
import { MAX_TIMER_MS, numberIn, type Rule, typed } from '../core/rules';

/** One fault: which requests it hits, how many times, and what goes wrong. */
export interface Fault {
  /**
   * HTTP method to match, any case (any when unset): GET, HEAD, POST, DELETE, or one the mock answers 405. A HEAD is
   * matched as HEAD, not as the GET it is answered like.
   */
  method?: string | undefined;
  /**
   * API path to match (`/configs/webhook`: no origin, query, or path of the mock's `baseUrl`): exactly, or by a RegExp
   * (any when unset).
   */
  path?: string | RegExp | undefined;
  /** How many matching requests it applies to: a whole number (default 1), or `Infinity` for all. */
  times?: number | undefined;
  /** Answer with this status (400 to 599) and an API error body, without acting. */
  status?: number | undefined;
  /** With `status` (refused without it): a `Retry-After` header, in seconds or as an HTTP date. */
  retryAfter?: number | string | undefined;
  /** Milliseconds to wait before handling the request. */
  latency?: number | undefined;
  /** Never answer (the request ends only when the client gives up). */
  hang?: boolean | undefined;
  /** Drop the connection `before` the server acts, or `after` it acted (e.g. the config exists, no answer came). */
  reset?: 'before' | 'after' | undefined;
  /** Act, then send the first half of the body and cut it off: reading the body rejects, in process as over HTTP. */
  truncate?: boolean | undefined;
  /**
   * Answer this text as the body: a malformed 200 (`'{"data": ['`) after acting, or with `status` a proxy's page
   * (`'<html>Bad gateway</html>'`) without acting. Its headers are the API's (JSON).
   */
  body?: string | undefined;
}

/** The methods a fault may name: those the mock serves, and those it answers 405. */
const HTTP_METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'];

/** What each field of a fault takes: values the mock can play (a Response takes no status outside 200-599). */
const FAULT_RULES: Record<keyof Fault, Rule> = {
  // A method no request has (`GTE`) would silently never play.
  method: [(v) => typeof v === 'string' && HTTP_METHODS.includes(v.toUpperCase()), `one of ${HTTP_METHODS.join(', ')}`],
  // Not `instanceof`: a RegExp made in another realm (a vm context, Jest's environment) would fail it.
  // A string is compared with the request's path alone: one without its leading `/`, or with an origin or a query,
  // would never match, and the fault would silently never play.
  path: [
    (v) => (typeof v === 'string' && /^\/[^?#]*$/.test(v)) || Object.prototype.toString.call(v) === '[object RegExp]',
    'a path such as /configs/webhook (no origin or query), or a RegExp',
  ],
  times: [
    (v) => v === Number.POSITIVE_INFINITY || (Number.isInteger(v) && (v as number) >= 1),
    'a whole number from 1, or Infinity',
  ],
  status: numberIn(400, 599, ' (an error status)', true),
  retryAfter: [
    (v) =>
      (typeof v === 'number' && Number.isFinite(v) && v >= 0) || (typeof v === 'string' && /^[\x20-\x7e]+$/.test(v)),
    'seconds from 0, or an HTTP date',
  ],
  latency: numberIn(0, MAX_TIMER_MS, ' of milliseconds'),
  hang: typed('boolean'),
  reset: [(v) => v === 'before' || v === 'after', 'before or after'],
  truncate: typed('boolean'),
  body: typed('string'),
};

/**
 * A checked copy of one fault, before it is planned: a field the mock could not play would make its handler throw.
 * @throws InvalidInputError naming `field` (a fault that is not an object) or `${field}.<name>` (a bad or unknown
 *   field).
 */
function checkFault(fault: unknown, field: string): Fault {
  if (typeof fault !== 'object' || fault === null || Array.isArray(fault))
    throw new InvalidInputError(field, 'must be an object of fault fields');
  // A copy, checked: a change the caller makes to its object afterwards must not bypass the checks.
  const copy = { ...fault } as Fault;
  checkKeys(copy, Object.keys(FAULT_RULES), 'a field of a fault', field);
  checkRules(copy as Record<string, unknown>, field, FAULT_RULES);
  if (copy.retryAfter !== undefined && copy.status === undefined)
    throw new InvalidInputError(`${field}.retryAfter`, 'goes with a status (e.g. 429 or 503), which answers it');
  return copy;
}

/**
 * Checked copies of a list of faults (the `faults` option), before any is planned.
 * @throws InvalidInputError naming `field`, `${field}[i]` or one of its fields.
 */
export function checkFaults(faults: unknown, field: string): Fault[] {
  if (!Array.isArray(faults)) throw new InvalidInputError(field, 'must be a list of faults');
  return faults.map((fault, at) => checkFault(fault, `${field}[${at}]`));
}

/** The faults in force, consumed as requests match them. */
export class FaultPlan {
  #faults: { fault: Fault; left: number }[] = [];
  // The plan it was made with, which `reset()` plans again.
  readonly #initial: readonly Fault[];

  /**
   * Plans `faults` in order: a request takes the first one that matches it.
   * @throws InvalidInputError naming `options.faults[i]` or its field, for a fault the mock could not play.
   */
  constructor(faults: readonly Fault[] = []) {
    this.#initial = checkFaults(faults, 'options.faults');
    this.reset();
  }

  /**
   * Adds a fault after those already planned.
   * @throws InvalidInputError naming `fault` or its field, for a fault the mock could not play.
   */
  add(fault: Fault): void {
    this.#push(checkFault(fault, 'fault'));
  }

  #push(fault: Fault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** Back to the faults it was made with (the `faults` option), each with all its `times`; those added since go. */
  reset(): void {
    this.clear();
    for (const fault of this.#initial) this.#push(fault);
  }

  /** The first fault matching this request, counted as used; undefined when none applies. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.#faults.find(({ fault, left }) => {
      if (left <= 0) return false;
      if (fault.method && fault.method.toUpperCase() !== method) return false;
      if (fault.path === undefined) return true;
      // search(), not test(): a /g or /y RegExp keeps a lastIndex between test() calls, and would miss every other one.
      return typeof fault.path === 'string' ? fault.path === path : path.search(fault.path) !== -1;
    });
    if (!entry) return undefined;
    entry.left--;
    return entry.fault;
  }
}
