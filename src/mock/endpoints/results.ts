/**
 * `/results`: retrieve, list (consumed and expired hidden unless a `state` is asked for), acknowledge one or many;
 * and the files their `signed_url`s point at, served by the mock without the API token.
 */
import { RESULT_STATES } from '../../core/wire';
import { constantTimeEqual } from '../../webhooks/hmac';
import { MAX_ACK_IDS, RESULT_EXPIRED, SIGNED_URL_EXPIRED } from '../choices';
import { bodyOf, type Call, type HandlerContext, owned, type Route } from '../endpoint';
import { listBody, listEndpoint } from '../lists';
import { ApiError, invalidParameter, json, readNothing, statusError } from '../respond';
import { consume } from '../results';
import type { StoredResult } from '../data-shapes';

const expired = () => new ApiError(RESULT_EXPIRED.status, RESULT_EXPIRED.code, 'The result has expired.');

const find = (call: Call, context: HandlerContext) =>
  owned(context.store.results, call.id, call.organisation, 'Result');

const list = listEndpoint({
  path: '/results',
  from: 'results',
  filters: ['poll', 'task', 'identifier', 'type'],
  states: RESULT_STATES,
  hiddenStates: ['consumed', 'expired'],
});

/** `POST /results/{id}/ack`: `consumed` from now; an expired result is 410 `result-expired`. */
function acknowledge(call: Call, context: HandlerContext): Response {
  readNothing(call.body, call.request.headers.get('content-type'), call.ignored);
  const result = find(call, context);
  if (result.state === 'expired') throw expired();
  consume(context, result);
  return json(200, result);
}

/**
 * `POST /results/ack` with `{ "ids": [...] }`: every id must be a result of the organisation (else 400 on `ids`, and
 * none is acknowledged); the available ones become `consumed`, expired ones stay so. Answers the results as a list.
 */
function acknowledgeMany(call: Call, context: HandlerContext): Response {
  const { ids } = bodyOf(call, ['ids']);
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_ACK_IDS || !ids.every((id) => typeof id === 'string'))
    throw invalidParameter('ids', `Send a list of 1 to ${MAX_ACK_IDS} result ids.`);
  const results = ids.map((id) => context.store.results.get(id));
  const unknown = ids.filter((_, at) => results[at]?.organisation !== call.organisation);
  if (unknown.length > 0) throw invalidParameter('ids', `No such results: ${unknown.join(', ')}.`);
  for (const result of results as StoredResult[]) consume(context, result);
  return json(200, listBody(results, false, results.length, '/results/ack'));
}

/** The result endpoints. */
export const RESULT_ROUTES: Route[] = [
  { path: '/results', methods: { GET: list } },
  { path: '/results/ack', methods: { POST: acknowledgeMany } },
  { path: '/results/:id', methods: { GET: (call, context) => json(200, find(call, context)) } },
  { path: '/results/:id/ack', methods: { POST: acknowledge } },
];

/** The 416 of a range the file cannot satisfy, with the `Content-Range: bytes *\/<size>` S3 sends. */
const unsatisfiable = (size: number) =>
  statusError(416, 'The range is not satisfiable.', undefined, { 'content-range': `bytes */${size}` });

/**
 * The bytes `[start, end)` a `Range` asks for, as S3 serves one (`bytes=<first>-`, `bytes=<first>-<last>`, or the last
 * bytes, `bytes=-<length>`); undefined for the whole file: no Range, one S3 ignores (several ranges, a malformed one, a
 * last byte before the first), a suffix of an empty file, or an `If-Range` other than the file's ETag.
 * @throws ApiError 416 for a range starting past the file's end, or the last 0 bytes (RFC 9110 §14.1.1).
 */
function rangeOf(request: Request, size: number, etag: string): [number, number] | undefined {
  const match = /^bytes=(\d*)-(\d*)$/i.exec(request.headers.get('range') ?? '');
  const ifRange = request.headers.get('if-range');
  if (!match || (ifRange !== null && ifRange !== etag)) return undefined;
  const [first, last] = [match[1] as string, match[2] as string];
  if (first === '' && last === '') return undefined;
  if (first === '' && Number(last) === 0) throw unsatisfiable(size);
  // A suffix of an empty file is satisfiable (RFC 9110 §14.1.1) but no Content-Range states it: the whole file.
  if (first === '') return size === 0 ? undefined : [Math.max(size - Number(last), 0), size];
  if (last !== '' && Number(last) < Number(first)) return undefined;
  if (Number(first) >= size) throw unsatisfiable(size);
  return [Number(first), last === '' ? size : Math.min(Number(last) + 1, size)];
}

/**
 * Serves the file of result `id` to whoever has its signed URL (the `token` it carries; no API token), streamed
 * with its `size` as Content-Length and its MD5 as a strong ETag, as S3 does; a `Range` (with an `If-Range` of that
 * ETag, or none) is answered 206 with `Content-Range`. An unknown id or a wrong token is 404; an expired signed URL
 * is 403; an expired result is 410.
 */
export function serveFile(context: HandlerContext, request: Request, id: string): Response {
  const url = new URL(request.url);
  try {
    const file = context.store.files.get(id);
    const token = new TextEncoder().encode(url.searchParams.get('token') ?? '');
    const expected = new TextEncoder().encode(file?.token ?? '');
    // constantTimeEqual compares equal lengths only; a token's length is public (every file token has the same).
    if (!file || token.length !== expected.length || !constantTimeEqual(token, expected)) {
      if (context.store.results.get(id)?.state === 'expired') throw expired();
      throw statusError(404, 'No such file.');
    }
    if (Date.now() >= file.expires)
      throw new ApiError(SIGNED_URL_EXPIRED.status, SIGNED_URL_EXPIRED.code, 'The signed URL has expired.');
    const result = context.store.results.get(id);
    const { size, checksum } = file.content;
    const etag = `"${checksum}"`;
    const range = rangeOf(request, size, etag);
    const [start, end] = range ?? [0, size];
    const headers: Record<string, string> = {
      'content-type': result?.type === 'json' ? 'application/json' : 'application/octet-stream',
      'content-length': String(end - start),
      'accept-ranges': 'bytes',
      etag,
    };
    if (!range) return new Response(file.content.stream(), { status: 200, headers });
    headers['content-range'] = `bytes ${start}-${end - 1}/${size}`;
    return new Response(file.content.stream(start, end), { status: 206, headers });
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    throw error;
  }
}
