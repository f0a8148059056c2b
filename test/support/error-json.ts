/** Positive assertions on what an error's JSON carries, so `toJSON` returning `{}` or a secret fails a test. */
import { expect } from 'vitest';

/** The JSON an error must give: its name, message, status and request (`undefined` if none), and its own fields. */
export interface ErrorJson {
  name: string;
  message: string;
  status: number | undefined;
  request: Record<string, unknown> | undefined;
  [field: string]: unknown;
}

/**
 * Asserts that `JSON.stringify(error)` gives exactly `expected` (no stack, no cause, no other field), and that none of
 * `secrets` appears in it, in the message or in `String(error)`.
 */
export function expectErrorJson(error: unknown, expected: ErrorJson, secrets: readonly string[] = []): void {
  const text = JSON.stringify(error);
  expect(JSON.parse(text)).toEqual(expected);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(String(error)).not.toContain(secret);
  }
}
