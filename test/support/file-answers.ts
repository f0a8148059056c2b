/** A result's file answered by a test's own `fetch`: whole, then resumed from each `Range`, with bodies it chooses. */
import type { Client, Result } from '../../src/index';
import { resultsOf } from './results';

/** All bytes of `stream`, concatenated. */
export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * The body of a file answer: `rest` is the file from the byte asked for, `resumes` how many resumes came before this
 * answer (0 for the first, sent without `Range`); a body ended early counts itself in `cancels`.
 */
export type FileBody = (rest: Uint8Array<ArrayBuffer>, resumes: number, cancels: { count: number }) => BodyInit;

/**
 * A file result made with `client()` whose file answers, fetched through `client({ fetch })`, carry its ETag and a
 * body `bodyOf` makes; a resume is answered 206 from its `Range`. `ranges` keeps the `Range` of each file request,
 * `cancels` counts the bodies ended.
 */
export async function fileAnswering(
  client: (options?: { fetch?: typeof fetch }) => Client,
  settle: () => Promise<void>,
  bodyOf: FileBody,
) {
  const ranges: (string | null)[] = [];
  const cancels = { count: 0 };
  let file = new Uint8Array();
  let etag = '';
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (!new URL(request.url).pathname.startsWith('/files/')) return fetch(request);
    const range = request.headers.get('range');
    ranges.push(range);
    if (!range) return new Response(bodyOf(file, 0, cancels), { headers: { etag } });
    const start = Number(/^bytes=(\d+)-$/.exec(range)?.[1]);
    const headers = { etag, 'content-range': `bytes ${start}-${file.length - 1}/${file.length}` };
    return new Response(bodyOf(file.slice(start), ranges.length - 1, cancels), { status: 206, headers });
  };
  const { results } = await resultsOf(client({ fetch: fetcher }), { files: ['file-1'] }, settle);
  const result = results[0] as Result;
  file = await bytesOf(await (await client().results.retrieve(result.id)).download());
  etag = `"${result.checksum}"`;
  return { result, ranges, cancels };
}
