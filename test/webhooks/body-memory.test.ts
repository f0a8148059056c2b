import { describe, expect, it } from 'vitest';
import { SignatureVerificationError, verifyRequest } from '../../src/webhooks/index';
import { dribble } from '../support/dribble';
import { SECRET } from './support';

describe('a body sent a byte at a time', () => {
  it('takes about the memory of its bytes, not hundreds of bytes per chunk', async () => {
    // 250 000 chunks: a few hundred bytes kept per chunk would be tens of MB; the bytes themselves are 0.25 MB.
    const { body, peakGrowth, readToEnd } = dribble(250_000);
    const request = new Request('http://localhost/webhooks', { method: 'POST', body, duplex: 'half' } as RequestInit);
    // Not signed: the body is read whole before the header is looked at, so the refusal is the missing signature.
    const refused = await verifyRequest(request, SECRET, { bodyTimeout: Number.POSITIVE_INFINITY }).catch((e) => e);
    expect(refused).toBeInstanceOf(SignatureVerificationError);
    expect((refused as Error).message).toMatch(/missing/);
    expect(readToEnd()).toBe(true);
    expect(peakGrowth()).toBeLessThan(16 * 1024 * 1024);
  }, 60_000);
});
