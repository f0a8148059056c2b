/** The walk of an answer's nested values that finds its credentials: one rule for which keys, two ways to act. */
import { isSecretKey } from './redact';

type Nested = Record<string, unknown>;

/**
 * Calls `act` with each object inside `root` (the value of attribute `name`, itself included) and each key of it that
 * is a credential: a secret (in any case, as data echoed from elsewhere may spell it), or the `url` of a `signed_url`
 * (it carries a token). A loop rather than recursion, so no nesting depth overflows it; only objects are queued.
 */
function walkSecrets(name: string, root: Nested, act: (value: Nested, key: string) => void): void {
  const pending: [string, Nested][] = [[name, root]];
  while (pending.length > 0) {
    const [parent, value] = pending.pop() as [string, Nested];
    for (const key of Object.keys(value)) {
      const field = value[key];
      if (isSecretKey(key) || (parent === 'signed_url' && key === 'url')) act(value, key);
      else if (typeof field === 'object' && field) pending.push([key, field as Nested]);
    }
  }
}

/**
 * Makes every credential inside `root`, the value of attribute `name` (an event's `data`, a task's `results`, a
 * result's `signed_url`), non-enumerable: still readable, but left out of `console.log`, spread and `JSON.stringify`.
 */
export function hideNestedSecrets(name: string, root: unknown): void {
  // Called for every attribute of every answer: a string or a number costs no walk.
  if (typeof root === 'object' && root)
    walkSecrets(name, root as Nested, (value, key) => Object.defineProperty(value, key, { enumerable: false }));
}

/** `data`, an answer, with every credential inside it deleted, in place: what a server echoed is not kept. */
export function withoutNestedSecrets<T extends object>(data: T): T {
  walkSecrets('', data as Nested, (value, key) => delete value[key]);
  return data;
}
