import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index';
import { generateTestHeader, SignatureVerificationError, signPayload, verifySignature } from '../../src/webhooks/index';

// The test vector of the API reference §7.5, computed with ricloud-py's algorithm.
const VECTOR = {
  secret: 'whsec_example',
  body: '{"id":"6f1c2d4e-0000-4000-8000-000000000001","resource":"event","type":"webhook_config","action":"test"}',
  header: 't=1582675200,s=zV9dPI0y72ctWbKTMghRp2uKDcJTdTMSBPhEj/yiCgc=',
  t: 1582675200,
};
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('signatures compatible with ricloud-py', () => {
  it('signs the reference test vector to the same header', async () => {
    expect(await signPayload(VECTOR.body, VECTOR.secret, { timestamp: VECTOR.t })).toBe(VECTOR.header);
    expect(await generateTestHeader(VECTOR.body, VECTOR.secret, { timestamp: VECTOR.t })).toBe(VECTOR.header);
  });

  it('verifies the reference header within the tolerance, both ways, and not beyond it', async () => {
    await verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: VECTOR.t + 600 });
    await verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: VECTOR.t - 600 });
    expect(
      await rejection(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: VECTOR.t + 601 })),
    ).toBeInstanceOf(SignatureVerificationError);
    expect(
      await rejection(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: VECTOR.t - 601 })),
    ).toBeInstanceOf(SignatureVerificationError);
  });

  it('generateTestHeader signs now by default, so the header verifies at once', async () => {
    await verifySignature(VECTOR.body, await generateTestHeader(VECTOR.body, VECTOR.secret), VECTOR.secret);
  });

  it.each([1e12, 1.5, -1, Number.NaN])(
    'refuses to sign at timestamp %s, which no parser would accept',
    async (timestamp) => {
      expect(await rejection(signPayload('{}', 'whsec_x', { timestamp }))).toBeInstanceOf(InvalidInputError);
    },
  );

  it.each([
    ['tolerance', { tolerance: Number.NaN }],
    ['tolerance', { tolerance: -5 }],
    ['tolerance', { tolerance: '600' }],
    ['now', { now: Number.NaN }],
    ['now', { now: 'x' }],
  ])('refuses a bad %s (%j) instead of skipping the age check', async (name, options) => {
    // Signed 100 000 s before `now` would be: only a working age check refuses it.
    const error = await rejection(
      verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: VECTOR.t + 100_000, ...options } as never),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toHaveProperty('field', `options.${name}`);
  });

  it('refuses options that are not an object, naming them', async () => {
    expect(await rejection(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, null as never))).toHaveProperty(
      'field',
      'options',
    );
  });

  it('explains that a parsed object cannot be verified, without quoting the secret', async () => {
    const error = await rejection(verifySignature({ id: 'evt' } as unknown as string, VECTOR.header, VECTOR.secret));
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect((error as Error).message).toMatch(/A parsed JSON object cannot be verified/);
    expect((error as Error).message).not.toContain(VECTOR.secret);
  });
});

describe('runtimes without node:crypto (browsers, edge)', () => {
  it('sign and verify through Web Crypto give the same headers and verdicts', async () => {
    // A fresh process where process.getBuiltinModule is gone, as in a browser, loading the built entry point.
    const script = `delete process.getBuiltinModule;
      const { signPayload, verifySignature } = await import(${JSON.stringify(new URL('../../dist/webhooks.js', import.meta.url).href)});
      const v = ${JSON.stringify(VECTOR)};
      const header = await signPayload(v.body, v.secret, { timestamp: v.t });
      await verifySignature(v.body, header, v.secret, { now: v.t });
      const tampered = await verifySignature(v.body + ' ', header, v.secret, { now: v.t }).then(() => 'accepted', (e) => e.name);
      const wrongSecret = await verifySignature(v.body, header, ['x', v.secret + 'x'], { now: v.t }).then(() => 'accepted', (e) => e.name);
      console.log(JSON.stringify({ header, tampered, wrongSecret }));`;
    const { execFileSync } = await import('node:child_process');
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
    expect(out).toEqual({
      header: VECTOR.header,
      tampered: 'SignatureVerificationError',
      wrongSecret: 'SignatureVerificationError',
    });
  });
});
