/** The built `ricloud/webhooks` in a runtime without node:crypto (browsers, edge): the same headers and verdicts. */
import { describe, expect, it } from 'vitest';

// The test vector of the API reference §7.5, as in signature.test.ts.
const VECTOR = {
  secret: 'whsec_example',
  body: '{"id":"6f1c2d4e-0000-4000-8000-000000000001","resource":"event","type":"webhook_config","action":"test"}',
  header: 't=1582675200,s=zV9dPI0y72ctWbKTMghRp2uKDcJTdTMSBPhEj/yiCgc=',
  t: 1582675200,
};

describe('runtimes without node:crypto (browsers, edge)', () => {
  it('sign and verify through Web Crypto give the same headers and verdicts', async () => {
    // A fresh process where process.getBuiltinModule is gone, as in a browser, loading the built entry point.
    const script = `delete process.getBuiltinModule;
      const { signPayload, verifySignature } = await import(
        ${JSON.stringify(new URL('../../dist/webhooks.js', import.meta.url).href)}
      );
      const v = ${JSON.stringify(VECTOR)};
      const header = await signPayload(v.body, v.secret, { timestamp: v.t });
      await verifySignature(v.body, header, v.secret, { now: v.t });
      const tampered = await verifySignature(v.body + ' ', header, v.secret, { now: v.t })
        .then(() => 'accepted', (e) => e.name);
      const wrongSecret = await verifySignature(v.body, header, ['x', v.secret + 'x'], { now: v.t })
        .then(() => 'accepted', (e) => e.name);
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
