/**
 * The address `mock` and `event listen` listen on: the `--host` parser, and a failed listen told as the flag's fault.
 */
import { InvalidArgumentError } from 'commander';
import { isIP } from 'node:net';
import { UsageError } from './errors';

/** A host name: dot-separated labels of letters, digits, `-` and `_`, not starting or ending with `-`. */
const HOST_NAME = /^(?=.{1,253}$)[a-z\d_](?:[a-z\d_-]{0,61}[a-z\d_])?(?:\.[a-z\d_](?:[a-z\d_-]{0,61}[a-z\d_])?)*\.?$/i;

/**
 * An address to listen on: an IPv4 or IPv6 address (brackets dropped: `[::1]`) or a host name. Empty, or numbers that
 * are no IPv4 address (`999.1.1.1`), it is refused: an empty host would listen on every interface.
 */
export function host(text: string): string {
  const bare = /^\[(.*)\]$/.exec(text)?.[1] ?? text;
  if (isIP(bare) || (HOST_NAME.test(bare) && !/^[\d.]+$/.test(bare))) return bare;
  throw new InvalidArgumentError('Not an IP address or a host name.');
}

/**
 * The error of a failed listen on `host` and `port`: one that names no address of this machine (`EADDRNOTAVAIL`, or a
 * name that does not resolve: `ENOTFOUND`) is the flag's fault, a UsageError (exit 2). A port in use (`EADDRINUSE`)
 * is told by its flag with what to do, but exits 1 as documented: the flags are right, the machine is busy. Any other
 * stays as it is.
 */
export function listenFailure(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRNOTAVAIL') return new UsageError(`invalid --host: ${host} is not an address of this machine`);
  if (code === 'ENOTFOUND') return new UsageError(`invalid --host: ${host} names no address (${code})`);
  if (code === 'EADDRINUSE')
    return new Error(
      `--port ${port} is in use on ${host} (${code}): choose another port, or --port 0 for any free port`,
    );
  return error;
}
