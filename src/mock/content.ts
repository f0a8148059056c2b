/**
 * The content of result files: deterministic, made from the result's identifier (its data type, info type or file).
 * A file's bytes are generated in chunks as they are read, so a result of any size is served and checksummed without
 * being held; an info or data type's JSON document is small.
 */
import { md5 } from '../core/md5';
import { nextTurn } from './turn';

/** What a result file holds: `size` bytes of its identifier's pattern, or a small JSON document. */
export interface Content {
  size: number;
  /** MD5 of the bytes, 32 hex digits. */
  checksum: string;
  /** The bytes from `start` to before `end` (default: all of them), as a new stream each time. */
  stream(start?: number, end?: number): ReadableStream<Uint8Array>;
}

/** Bytes per chunk of a streamed file. */
const CHUNK_BYTES = 256 * 1024;
// Checksums of patterned files already streamed once, by identifier and size: a few, so memory stays bounded.
const checksums = new Map<string, string>();
const MAX_CHECKSUMS = 64;
/** Chunks hashed between two turns of the event loop (16 MiB). */
const YIELD_EVERY = 64;

/** A JSON result's content: the document as bytes. */
export function jsonContent(document: unknown): Content {
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  const digest = md5();
  digest.update(bytes);
  return {
    size: bytes.length,
    checksum: digest.hex(),
    stream: (start = 0, end = bytes.length) => streamOf(() => [bytes.slice(start, end)][Symbol.iterator]()),
  };
}

/**
 * A data type's result: a JSON document whose `data` items name files in each way ricloud-py's `poll download
 * --cascade` reads them (`file.id`, `files[].id` whose first variant it takes, `attachments[].file_id`), and one item
 * with none. The file ids, `file-<12 hex digits of the data type's MD5>-<n>`, are short whatever the data type's
 * length, and differ between data types; a later poll's `payload.files` fetches them as file results.
 */
export function dataContent(dataType: string): Content {
  const digest = md5();
  digest.update(new TextEncoder().encode(dataType));
  const prefix = `file-${digest.hex().slice(0, 12)}`;
  const file = (n: number) => `${prefix}-${n}`;
  return jsonContent({
    data_type: dataType,
    data: [
      { id: 'item-1', file: { id: file(1) } },
      { id: 'item-2', files: [{ id: file(2) }, { id: file(3) }] },
      { id: 'item-3', attachments: [{ file_id: file(4) }, { file_id: file(5) }] },
      { id: 'item-4' },
    ],
  });
}

/**
 * A file result's content: the line `<identifier>\n` repeated to `size` bytes (cut in the last line). Its checksum
 * is computed once per identifier and size by generating the bytes, never holding more than a chunk, and giving the
 * event loop a turn every `YIELD_EVERY` chunks so a large file does not stall the mock's other answers.
 * @throws the reason of `signal` once it aborts (reset or close).
 */
export async function patternContent(identifier: string, size: number, signal: AbortSignal): Promise<Content> {
  const name = `${size}:${identifier}`;
  let checksum = checksums.get(name);
  if (checksum === undefined) {
    const digest = md5();
    let count = 0;
    for (const chunk of patternChunks(identifier, 0, size)) {
      digest.update(chunk);
      if (++count % YIELD_EVERY === 0) {
        await nextTurn();
        signal.throwIfAborted();
      }
    }
    checksum = digest.hex();
    if (checksums.size >= MAX_CHECKSUMS) checksums.delete(checksums.keys().next().value as string);
    checksums.set(name, checksum);
  }
  return { size, checksum, stream: (start = 0, end = size) => streamOf(() => patternChunks(identifier, start, end)) };
}

/**
 * The pattern's bytes from `start` to before `end`, in chunks: each a fresh copy of one block of whole lines, each
 * line turned to begin at `start`'s place in it (so a range costs no more than its own bytes), the last cut to size.
 */
function* patternChunks(identifier: string, start: number, end: number): Generator<Uint8Array> {
  const whole = new TextEncoder().encode(`${identifier}\n`);
  const turn = start % whole.length;
  const line = new Uint8Array([...whole.subarray(turn), ...whole.subarray(0, turn)]);
  const block = new Uint8Array(Math.max(1, Math.floor(CHUNK_BYTES / line.length)) * line.length);
  for (let at = 0; at < block.length; at += line.length) block.set(line, at);
  for (let left = end - start; left > 0; left -= block.length) yield block.slice(0, Math.min(left, block.length));
}

/** A byte stream pulled from a generator: one chunk per read, so a slow reader holds the rest back. */
function streamOf(chunks: () => Iterator<Uint8Array>): ReadableStream<Uint8Array> {
  let iterator: Iterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        iterator ??= chunks();
        const next = iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
}
