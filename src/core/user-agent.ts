/** The `User-Agent` the SDK sends, as ricloud-py sends `ricloud-py/<version>`. */
import { version } from '../../package.json';

/**
 * `ricloud-ts/<version> <runtime>/<version>` in Node, Bun and Deno; undefined elsewhere. Browsers own that header,
 * and sending it from a page would add `user-agent` to the CORS preflight the API must allow.
 */
export function userAgent(): string | undefined {
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  if (!versions?.node) return undefined;
  const runtime = versions.bun
    ? `bun/${versions.bun}`
    : versions.deno
      ? `deno/${versions.deno}`
      : `node/${versions.node}`;
  return `ricloud-ts/${version} ${runtime}`;
}
