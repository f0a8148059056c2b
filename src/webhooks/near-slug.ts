/** A hint for a misspelt handler: a key of `on` one or two letters off the slug of an event no handler took. */

/** True when at most `edits` letters inserted, deleted or changed turn `a` into `b`. */
const within = (a: string, b: string, edits: number): boolean =>
  a === b ||
  (a[0] === b[0]
    ? within(a.slice(1), b.slice(1), edits)
    : edits > 0 &&
      (within(a.slice(1), b, edits - 1) ||
        within(a, b.slice(1), edits - 1) ||
        within(a.slice(1), b.slice(1), edits - 1)));

/** The key of `on` one or two letters off `slug` (`task.succeded` for `task.succeeded`), or undefined. */
export const nearSlug = (on: object, slug: string): string | undefined =>
  Object.keys(on).find((key) => key !== slug && within(key, slug, 2));
