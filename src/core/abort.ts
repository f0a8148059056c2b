/** The one wording of an operation (a call, a list's page, a wait, a download, a read) the caller's signal stopped. */
import { AbortError, MAY_HAVE_APPLIED } from './errors';
import type { RequestInfo } from './ricloud-error';

/**
 * The AbortError of `what`, which `signal` stopped (its reason the `cause`): `<what>: aborted`, then ` before sending`
 * when `request` shows no attempt, and `; the request may have been applied` when `sent` (a create or test sent).
 */
export function abortError(what: string, signal: AbortSignal, request?: RequestInfo, sent?: boolean): AbortError {
  return new AbortError(
    `${what}: aborted${request?.attempts === 0 ? ' before sending' : ''}${sent ? MAY_HAVE_APPLIED : ''}`,
    { cause: signal.reason, request, mayHaveSucceeded: sent },
  );
}
