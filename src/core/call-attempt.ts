/** What a call does as each attempt leaves and its response arrives: ky's `beforeRequest` hook and ky's `fetch`. */
import type { KyRequest } from 'ky';
import type { Call } from './call';
import { runHooks } from './hooks';
import { follow } from './signal';
import { REQUEST_ID_HEADER } from './wire';

/** Counts and reports an attempt as ky sends it; returns the request to send when it must end at the deadline. */
export function beforeAttempt(call: Call<unknown>, request: KyRequest): Request | undefined {
  // A backoff sleep that ended late (a busy machine) left no time: send nothing, end with the failure being retried.
  const retrying = call.retries.retrying;
  if (retrying && call.pastDeadline()) throw retrying.raw;
  const { spec, transport, info } = call;
  info.attempts++;
  info.url = request.url;
  call.attemptStarted = Date.now();
  call.inAttempt = true;
  if (transport.debug) transport.log('debug', `→ ${spec.method} ${spec.path} (attempt ${info.attempts})`);
  runHooks(transport, call.options, 'onRequest', { method: spec.method, url: info.url, attempt: info.attempts });
  // ky gets the call's signal only with a caller's (AbortSignal.any is costly on Node 20 and missing in older
  // browsers); an attempt that ky's own timeout would let run past the deadline is linked to it here.
  if (call.options.signal || call.attemptStarted + call.attemptTimeout <= call.deadlineAt) return undefined;
  const linked = new AbortController();
  follow(request.signal, linked);
  follow(call.signal, linked);
  return new Request(request, { signal: linked.signal });
}

/** Fetches an attempt with the platform's (or the client's) fetch and reports its response as it arrives. */
export async function fetchAttempt(
  call: Call<unknown>,
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> {
  const { spec, transport, info } = call;
  const response = await (transport.fetch ?? fetch)(input, init);
  const durationMs = Date.now() - call.attemptStarted;
  info.requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
  if (transport.debug) transport.log('debug', `← ${response.status} ${spec.method} ${spec.path} in ${durationMs} ms`);
  runHooks(transport, call.options, 'onResponse', {
    method: spec.method,
    url: info.url ?? String(input),
    attempt: info.attempts,
    status: response.status,
    durationMs,
    requestId: info.requestId,
  });
  return response;
}
