import { runInNewContext } from 'node:vm';
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

  it('refuses a now in milliseconds (Date.now()), which would make every delivery look days old', async () => {
    const error = await rejection(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: VECTOR.t * 1000 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toHaveProperty('message', 'options.now: must be a number of unix seconds');
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

describe('the header, read as leniently as documented', () => {
  const s = VECTOR.header.slice(VECTOR.header.indexOf('s=') + 2);
  const wrong = `${'A'.repeat(43)}=`;
  const at = { now: VECTOR.t };

  it.each([
    ['a wrong signature before the right one', `t=${VECTOR.t},s=${wrong},s=${s}`],
    ['a wrong signature after the right one', `t=${VECTOR.t},s=${s},s=${wrong}`],
  ])('accepts several s= values when any one matches: %s', async (_, header) => {
    await verifySignature(VECTOR.body, header, VECTOR.secret, at);
  });

  it('takes the header as Node types it (string | string[]), a list read as Node joins a repeated header', async () => {
    const headers: Record<string, string | string[] | undefined> = { 'ricloud-signature': [VECTOR.header] };
    await verifySignature(VECTOR.body, headers['ricloud-signature'], VECTOR.secret, at);
    const twice = await rejection(verifySignature(VECTOR.body, [VECTOR.header, VECTOR.header], VECTOR.secret, at));
    expect((twice as Error).message).toMatch(/several timestamps/);
    expect(((await rejection(verifySignature(VECTOR.body, [], VECTOR.secret, at))) as Error).message).toMatch(
      /missing/,
    );
  });

  it('refuses several s= values when none matches, or when one of them is not a signature', async () => {
    const none = await rejection(
      verifySignature(VECTOR.body, `t=${VECTOR.t},s=${wrong},s=${wrong}`, VECTOR.secret, at),
    );
    expect((none as Error).message).toMatch(/does not match/);
    const malformed = await rejection(verifySignature(VECTOR.body, `t=${VECTOR.t},s=${s},s=abc`, VECTOR.secret, at));
    expect((malformed as Error).message).toMatch(/not a base64 HMAC-SHA256/);
  });

  it.each([
    ['spaces around the parts', ` t = ${VECTOR.t} ,  s = ${s} `],
    ['the parts in the other order', `s=${s},t=${VECTOR.t}`],
    ['unknown parts before and after s=', `v=2,t=${VECTOR.t},s=${s},x=y,extra,ts,=t=1,=s=AA`],
    ['an empty s= beside the real one', `t=${VECTOR.t},s=,s=${s}`],
    ['unpadded base64', `t=${VECTOR.t},s=${s.replace(/=+$/, '')}`],
  ])('accepts %s', async (_, header) => {
    await verifySignature(VECTOR.body, header, VECTOR.secret, at);
  });

  it.each([
    ['padding that atob refuses (43 characters)', `t=${VECTOR.t},s=${s.slice(0, 42)}=`, 'not a base64'],
    ['an = inside', `t=${VECTOR.t},s=${s.slice(0, 20)}=${s.slice(21)}`, 'not a base64'],
    ['one character over a multiple of four', `t=${VECTOR.t},s=${s.slice(0, 43)}AA`, 'not a base64'],
    ['a 31-byte signature', `t=${VECTOR.t},s=${s.slice(0, 40)}AA==`, 'not a base64'],
    ['a 33-byte signature', `t=${VECTOR.t},s=${s.slice(0, 43)}A`, 'not a base64'],
    ['a timestamp of 13 digits', `t=1${'0'.repeat(12)},s=${s}`, 'not a whole number'],
    ['a timestamp with a sign', `t=+${VECTOR.t},s=${s}`, 'not a whole number'],
    // Each below is another spelling of the signed header: read as it, it verified.
    ['a timestamp with a leading zero', `t=0${VECTOR.t},s=${s}`, 'not a whole number'],
    ['a second t= before the signed one', `t=1,t=${VECTOR.t},s=${s}`, 'several timestamps'],
    ['a second t= after the signed one', `t=${VECTOR.t},s=${s},t=${VECTOR.t}`, 'several timestamps'],
    ['a last character with unused bits set', `t=${VECTOR.t},s=${s.slice(0, 42)}d=`, 'not a base64'],
    ['a last character with unused bits set, unpadded', `t=${VECTOR.t},s=${s.slice(0, 42)}d`, 'not a base64'],
    ['a name without =', `t${VECTOR.t},s=${s}`, 'no timestamp'],
    ['a part that starts with =', `=t=${VECTOR.t},s=${s}`, 'no timestamp'],
    ['s= alone', `t=${VECTOR.t},s=`, 'no signature'],
    ['spaces only', '   ', 'missing'],
  ])('refuses %s, saying why', async (_, header, why) => {
    const error = await rejection(verifySignature(VECTOR.body, header, VECTOR.secret, at));
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect((error as Error).message).toContain(why);
  });
});

describe('the age check', () => {
  it('is off with tolerance 0: a signature of any age is accepted', async () => {
    await verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { tolerance: 0, now: VECTOR.t + 10 ** 9 });
    await verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { tolerance: 0, now: 0 });
  });

  it('uses an explicit tolerance up to its last second, both ways, and names it when refusing', async () => {
    for (const now of [VECTOR.t + 30, VECTOR.t - 30]) {
      await verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { tolerance: 30, now });
    }
    const old = await rejection(
      verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { tolerance: 30, now: VECTOR.t + 31 }),
    );
    expect((old as Error).message).toBe('signature timestamp is 31 s old; the tolerance is 30 s');
    const future = await rejection(
      verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { tolerance: 30, now: VECTOR.t - 31 }),
    );
    expect((future as Error).message).toBe('signature timestamp is 31 s in the future; the tolerance is 30 s');
  });

  it('accepts timestamp 0, signed and verified at 0', async () => {
    const header = await signPayload(VECTOR.body, VECTOR.secret, { timestamp: 0 });
    expect(header.startsWith('t=0,s=')).toBe(true);
    await verifySignature(VECTOR.body, header, VECTOR.secret, { now: 0 });
    expect(await rejection(verifySignature(VECTOR.body, header, VECTOR.secret, { now: 601 }))).toBeInstanceOf(
      SignatureVerificationError,
    );
  });

  it('checks the time now when no `now` is given', async () => {
    const header = await signPayload(VECTOR.body, VECTOR.secret);
    await verifySignature(VECTOR.body, header, VECTOR.secret);
    expect(await rejection(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret))).toBeInstanceOf(
      SignatureVerificationError,
    );
  });
});

describe('options and payloads', () => {
  it.each([600, 'x', true])('refuses options %j that are not an object, naming them', async (options) => {
    const error = await rejection(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, options as never));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toHaveProperty('message', 'options: must be an object');
  });

  it('says what a bad tolerance, now or timestamp must be', async () => {
    const message = async (promise: Promise<unknown>) => ((await rejection(promise)) as Error).message;
    expect(await message(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { tolerance: -1 }))).toBe(
      'options.tolerance: must be a number of seconds, 0 or more (0 turns the age check off)',
    );
    expect(await message(verifySignature(VECTOR.body, VECTOR.header, VECTOR.secret, { now: Number.NaN }))).toBe(
      'options.now: must be a number of unix seconds',
    );
    expect(await message(signPayload('{}', 'whsec_x', { timestamp: -1 }))).toBe(
      'options.timestamp: must be a whole number of unix seconds',
    );
  });

  it('names the type of a payload that is not raw bytes', async () => {
    const error = await rejection(verifySignature({ id: 'evt' } as never, VECTOR.header, VECTOR.secret));
    expect((error as Error).message).toMatch(
      /^the payload must be the raw request body \(string or bytes\), got object\. /,
    );
  });

  it('refuses base64 with spaces inside, which atob alone would take', async () => {
    const s = VECTOR.header.slice(VECTOR.header.indexOf('s=') + 2);
    for (const inner of [' ', '  ', '\t']) {
      const header = `t=${VECTOR.t},s=${s.slice(0, 20)}${inner}${s.slice(20)}`;
      const error = await rejection(verifySignature(VECTOR.body, header, VECTOR.secret, { now: VECTOR.t }));
      expect((error as Error).message).toBe('Ricloud-Signature signature is not a base64 HMAC-SHA256');
    }
  });

  it('verifies the same body given as text, bytes or an ArrayBuffer', async () => {
    const bytes = new TextEncoder().encode(VECTOR.body);
    const at = { now: VECTOR.t };
    await verifySignature(bytes, VECTOR.header, VECTOR.secret, at);
    await verifySignature(bytes.buffer, VECTOR.header, VECTOR.secret, at);
    expect(await signPayload(bytes.buffer, VECTOR.secret, { timestamp: VECTOR.t })).toBe(VECTOR.header);
  });

  it(
    'verifies bytes and an ArrayBuffer made in another realm, as a Jest test environment or a ' +
      'vm context hands them over',
    async () => {
      const foreign = runInNewContext('(bytes) => Uint8Array.from(bytes)')(new TextEncoder().encode(VECTOR.body));
      expect(foreign).not.toBeInstanceOf(Uint8Array);
      const at = { now: VECTOR.t };
      await verifySignature(foreign, VECTOR.header, VECTOR.secret, at);
      await verifySignature(foreign.buffer, VECTOR.header, VECTOR.secret, at);
      expect(await signPayload(foreign, VECTOR.secret, { timestamp: VECTOR.t })).toBe(VECTOR.header);
    },
  );

  it('verifies only the bytes a view shows, not the rest of its buffer', async () => {
    const padded = new TextEncoder().encode(`xx${VECTOR.body}yy`);
    const view = padded.subarray(2, padded.length - 2);
    await verifySignature(view, VECTOR.header, VECTOR.secret, { now: VECTOR.t });
  });

  it('tries every secret of a rotation, in any position', async () => {
    const at = { now: VECTOR.t };
    await verifySignature(VECTOR.body, VECTOR.header, ['whsec_new', VECTOR.secret], at);
    await verifySignature(VECTOR.body, VECTOR.header, [VECTOR.secret, 'whsec_new'], at);
  });

  it.each([[''], [[]], [['whsec_x', '']], [42]])('refuses the secret %j, without echoing it', async (secret) => {
    const error = await rejection(verifySignature(VECTOR.body, VECTOR.header, secret as never, { now: VECTOR.t }));
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect((error as Error).message).toBe('the secret must be a string of more than whitespace, or a list of them');
  });

  it('names null in the refusal of a null payload', async () => {
    const error = await rejection(verifySignature(null as never, VECTOR.header, VECTOR.secret));
    expect((error as Error).message).toMatch(/got null\./);
  });
});
