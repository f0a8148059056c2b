/** Fault plans: make the mock fail, slow down, hang, drop connections or cut bodies, for chosen requests. */

/** One fault: which requests it hits, how many times, and what goes wrong. */
export interface Fault {
  /** HTTP method to match (any when unset). */
  method?: string | undefined;
  /** URL path to match: exactly, or by a RegExp (any when unset). */
  path?: string | RegExp | undefined;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  times?: number | undefined;
  /** Answer with this status and an API error body, without acting. */
  status?: number | undefined;
  /** With `status`: a `Retry-After` header, in seconds or as an HTTP date. */
  retryAfter?: number | string | undefined;
  /** Milliseconds to wait before handling the request. */
  latency?: number | undefined;
  /** Never answer (the request ends only when the client gives up). */
  hang?: boolean | undefined;
  /** Drop the connection `before` the server acts, or `after` it acted (e.g. the config exists, no answer came). */
  reset?: 'before' | 'after' | undefined;
  /** Act, then send the first half of the body and cut it off: reading the body rejects, in process as over HTTP. */
  truncate?: boolean | undefined;
}

/** The faults in force, consumed as requests match them. */
export class FaultPlan {
  #faults: { fault: Fault; left: number }[] = [];

  /** Plans `faults` in order: a request takes the first one that matches it. */
  constructor(faults: readonly Fault[] = []) {
    for (const fault of faults) this.add(fault);
  }

  /** Adds a fault after those already planned. */
  add(fault: Fault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 });
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** The first fault matching this request, counted as used; undefined when none applies. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.#faults.find(({ fault, left }) => {
      if (left <= 0) return false;
      if (fault.method && fault.method.toUpperCase() !== method) return false;
      if (fault.path === undefined) return true;
      return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
    });
    if (!entry) return undefined;
    entry.left--;
    return entry.fault;
  }
}
