/** What a valid option value is, as data: a predicate and the words for it. `checkRule` (params.ts) applies one. */

/** A check of one option: what a valid value passes, and what the message says it must be. */
export type Rule = [ok: (value: unknown) => boolean, mustBe: string];

/** A number from `min` to `max` (a whole one when `whole`), described in `unit`. */
export const numberIn = (min: number, max: number, unit: string, whole = false): Rule => [
  (v) => typeof v === 'number' && v >= min && v <= max && (!whole || Number.isInteger(v)),
  `a ${whole ? 'whole number' : 'number'}${unit} from ${min} to ${max}`,
];

/** setTimeout's ceiling: a longer delay fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Any positive number of milliseconds up to the timer's ceiling, fractions included. */
export const MILLISECONDS: Rule = [
  (v) => typeof v === 'number' && v > 0 && v <= MAX_TIMER_MS,
  `a number of milliseconds from 1 to ${MAX_TIMER_MS}`,
];

/** A value of this `typeof`. */
export const typed = (type: string): Rule => [(v) => typeof v === type, `a ${type}`];
