/**
 * `ricloud/webhooks` loaded where node:crypto is not found (browsers, edge runtimes), in this process: the same headers
 * and verdicts through Web Crypto. web-crypto-built.test.ts checks the built entry the same way in a child process.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const VECTOR = {
  secret: 'whsec_example',
  body: '{"id":"6f1c2d4e-0000-4000-8000-000000000001","resource":"event","type":"webhook_config","action":"test"}',
  header: 't=1582675200,s=zV9dPI0y72ctWbKTMghRp2uKDcJTdTMSBPhEj/yiCgc=',
  t: 1582675200,
};

let webhooks: typeof import('../../src/webhooks/index');
beforeAll(async () => {
  vi.resetModules();
  vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
  webhooks = await import('../../src/webhooks/index');
  vi.unstubAllGlobals();
});
afterAll(() => {
  vi.resetModules();
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: Error) => error.name,
  );

describe('webhook signatures through Web Crypto', () => {
  it('signs the reference vector to the same header, from text or bytes', async () => {
    const { signPayload } = webhooks;
    const sign = vi.spyOn(crypto.subtle, 'sign');
    expect(await signPayload(VECTOR.body, VECTOR.secret, { timestamp: VECTOR.t })).toBe(VECTOR.header);
    expect(sign).toHaveBeenCalledTimes(1);
    sign.mockRestore();
    const bytes = new TextEncoder().encode(VECTOR.body);
    expect(await signPayload(bytes, VECTOR.secret, { timestamp: VECTOR.t })).toBe(VECTOR.header);
  });

  it('accepts the right body and secret, and refuses a changed body, wrong secret or changed signature', async () => {
    const { verifySignature } = webhooks;
    const at = { now: VECTOR.t };
    expect(await outcome(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, at))).toBe('accepted');
    expect(await outcome(verifySignature(`${VECTOR.body} `, VECTOR.header, VECTOR.secret, at))).toBe(
      'SignatureVerificationError',
    );
    expect(await outcome(verifySignature(VECTOR.body, VECTOR.header, `${VECTOR.secret}x`, at))).toBe(
      'SignatureVerificationError',
    );
    const changed = VECTOR.header.replace('zV9d', 'zV9e');
    expect(await outcome(verifySignature(VECTOR.body, changed, VECTOR.secret, at))).toBe('SignatureVerificationError');
  });

  it('keeps working past its cache of 16 keys, for old and new secrets alike', async () => {
    const { signPayload, verifySignature } = webhooks;
    const secrets = Array.from({ length: 20 }, (_, i) => `whsec_${i}`);
    const headers = await Promise.all(secrets.map((secret) => signPayload('{}', secret, { timestamp: VECTOR.t })));
    for (const [i, secret] of secrets.entries()) {
      expect(await outcome(verifySignature('{}', headers[i] ?? '', secret, { now: VECTOR.t }))).toBe('accepted');
    }
    expect(await outcome(verifySignature('{}', headers[0] ?? '', secrets[1] ?? '', { now: VECTOR.t }))).toBe(
      'SignatureVerificationError',
    );
  });
});
