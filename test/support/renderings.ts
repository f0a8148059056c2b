/** Every way an app may print an error, for tests that no secret shows in any of them. */
import { format, inspect } from 'node:util';

/** The error as `String`, its message, its JSON, `util.inspect` (causes included) and `util.format` print it. */
export const renderings = (error: unknown): string[] => [
  String(error),
  (error as Error).message,
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
  format(error),
];
