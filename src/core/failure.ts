/** Whatever a failed call threw, as the matching RicloudError. */
import { HTTPError, TimeoutError as KyTimeoutError } from 'ky';
import { errorFromAnswer } from './answer-error';
import { abortError } from './abort';
import { ConnectionError, MAY_HAVE_APPLIED, TimeoutError } from './errors';
import { corsHint, failedBeforeSending, networkDetail } from './network';
import type { RequestOptions } from './options';
import { hiddenCopy } from './hidden-copy';
import { retryAfterMs } from './retry-after';
import type { RequestInfo, RicloudError } from './ricloud-error';
import { mayHaveWritten, type RequestSpec } from './spec';

/** What the mapping needs to know of the call. */
interface FailedCall {
  spec: Pick<RequestSpec<unknown>, 'method' | 'retry' | 'what' | 'withoutId'>;
  info: RequestInfo;
  options: RequestOptions;
  transport: { redact: (text: string) => string; redactToken?: (text: string) => string };
  deadline: number;
  attemptTimeout: number;
  answered?: number | undefined;
  pastDeadline(): boolean;
}

/** The RicloudError for `error`; `body` is the answer's text when `error` is an HTTP error status. */
export function mapFailure(error: unknown, body: string, call: FailedCall): RicloudError {
  const { spec, info, options } = call;
  const writes = mayHaveWritten(spec);
  const request = { ...info };
  // A write that may have reached the server says so: its error is all a caller has to decide on sending it again (a
  // new config's secret comes only once) or on what state a config is left in.
  const applied = writes ? MAY_HAVE_APPLIED : '';
  const sent = writes && info.attempts > 0;
  if (options.signal?.aborted) return abortError(spec.what, options.signal, request, sent);
  // An answer is reported as what it is, even when it came as the deadline passed.
  if (error instanceof HTTPError) {
    const advised = retryAfterMs(error.response.headers);
    return errorFromAnswer({
      status: error.response.status,
      text: body,
      retryAfter: advised === undefined ? undefined : Math.ceil(advised / 1000),
      request,
      what: spec.what,
      withoutId: spec.withoutId,
      writes,
      redact: call.transport.redact,
      redactToken: call.transport.redactToken,
    });
  }
  if (call.pastDeadline()) {
    const late = call.answered
      ? `the answer (HTTP ${call.answered}) came, but its schema did not check it`
      : 'no answer';
    return new TimeoutError(
      `${spec.what}: ${late} within the deadline of ${call.deadline} ms ` +
        `(${info.attempts} attempt${info.attempts === 1 ? '' : 's'})${applied}`,
      { request, mayHaveSucceeded: writes },
    );
  }
  if (error instanceof KyTimeoutError) {
    return new TimeoutError(
      `${spec.what}: attempt ${info.attempts} got no answer within ${call.attemptTimeout} ms${applied}`,
      {
        request,
        mayHaveSucceeded: writes,
      },
    );
  }
  const notSent = failedBeforeSending(error);
  // The cause's words may be anything a custom fetch or proxy said, so they are redacted as a server's are.
  const detail = networkDetail(error);
  // A copy with the same hidden, as `util.inspect(err)` prints the cause: the platform's error is not changed in place.
  const cause = hiddenCopy((error as { cause?: unknown })?.cause ?? error, call.transport.redact);
  const hint = corsHint(error, info.url);
  return new ConnectionError(
    `${spec.what}: connection failed${detail ? ` (${call.transport.redact(detail)})` : ''}${hint}${
      writes && !notSent ? MAY_HAVE_APPLIED : ''
    }`,
    { cause, request, mayHaveSucceeded: writes && !notSent },
  );
}
