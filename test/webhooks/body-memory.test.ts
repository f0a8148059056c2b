import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../src/webhooks/index';
import { SECRET } from './support';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The most the heap grew by, in bytes, while a body of `chunks` one-byte chunks was streamed to verifyRequest. */
async function heapGrowth(chunks: number): Promise<number> {
  let sent = 0;
  let peak = 0;
  gc();
  const start = process.memoryUsage().heapUsed;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ === chunks) return controller.close();
      controller.enqueue(new Uint8Array([0x20]));
      if (sent % 25_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - start);
      }
    },
  });
  const request = new Request('http://localhost/webhooks', { method: 'POST', body, duplex: 'half' } as RequestInit);
  // Not signed: the body is read whole before the header is looked at.
  await verifyRequest(request, SECRET, { bodyTimeout: Number.POSITIVE_INFINITY }).catch(() => undefined);
  return peak;
}

describe('a body sent a byte at a time', () => {
  it('takes about the memory of its bytes, not hundreds of bytes per chunk', async () => {
    // 250 000 chunks: a few hundred bytes kept per chunk would be tens of MB; the bytes themselves are 0.25 MB.
    expect(await heapGrowth(250_000)).toBeLessThan(16 * 1024 * 1024);
  }, 60_000);
});
