import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseSignatureHeader,
  SignatureVerificationError,
  signPayload,
  verifySignature,
} from '../../src/webhooks/index';

/** Any string: code units of every kind (lone surrogates included), printable text, and header-shaped text. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('t', 's', '=', ',', ' ', '0', '9', '+', '/', 'A', '-', '.') }),
);

/** Strings that look like headers, so the parser's later checks (digits, base64, length) are reached too. */
const headerLike = fc
  .tuple(
    fc.oneof(fc.nat().map(String), fc.string(), fc.constant('')),
    fc.oneof(
      fc.base64String(),
      fc.uint8Array({ maxLength: 48 }).map((bytes) => btoa(String.fromCharCode(...bytes))),
      fc.string(),
    ),
    fc.constantFrom('t=%t,s=%s', 's=%s,t=%t', ' t = %t , s = %s ', 't=%t', 's=%s', 't=%t,s=%s,x=1', '%t,%s'),
  )
  .map(([t, s, shape]) => shape.replace('%t', t).replace('%s', s));

const anyPayload = fc.oneof(
  anyString,
  fc.uint8Array(),
  fc.uint8Array().map((bytes) => bytes.buffer),
);

/** Runs `fn` and returns what it threw (or rejected with), or `'returned'`. */
async function outcome(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return 'returned';
  } catch (error) {
    return error;
  }
}

describe('parseSignatureHeader on any input', () => {
  it('returns or throws SignatureVerificationError, and nothing else, for any string', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, headerLike), (header) => {
        try {
          const parsed = parseSignatureHeader(header);
          expect(Number.isSafeInteger(parsed.timestamp)).toBe(true);
          expect(parsed.signatures.length).toBeGreaterThan(0);
          for (const signature of parsed.signatures) expect(signature).toHaveLength(32);
        } catch (error) {
          expect(error).toBeInstanceOf(SignatureVerificationError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('throws only SignatureVerificationError for values that are not strings at all', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => parseSignatureHeader(value)).toThrow(SignatureVerificationError);
      }),
    );
  });
});

describe('verifySignature on any input', () => {
  it('rejects with SignatureVerificationError, and nothing else, for any bytes, strings and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyPayload,
        fc.oneof(anyString, headerLike),
        fc.oneof(anyString, fc.array(anyString, { maxLength: 3 })),
        async (payload, header, secret) => {
          const result = await outcome(() => verifySignature(payload, header, secret));
          expect(result).toBeInstanceOf(SignatureVerificationError);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects with SignatureVerificationError for payloads and secrets of the wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), async (payload, secret) => {
        const header = await signPayload('{}', 'whsec_x');
        const result = await outcome(() => verifySignature(payload as string, header, secret as string));
        // `{}` signed with whsec_x is the only way to succeed.
        if (result !== 'returned') expect(result).toBeInstanceOf(SignatureVerificationError);
      }),
    );
  });

  it('accepts what signPayload signed, for any bytes and secret, and refuses it once any byte changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 256 }),
        // A secret of whitespace only is no secret: it is refused.
        fc.string({ minLength: 1 }).filter((secret) => secret.trim() !== ''),
        fc.nat({ max: 999_999_999_999 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (body, secret, timestamp, at, flip) => {
          const header = await signPayload(body, secret, { timestamp });
          await verifySignature(body, header, secret, { now: timestamp });
          const changed = body.slice();
          changed[at % body.length] = changed[at % body.length]! ^ flip;
          expect(await outcome(() => verifySignature(changed, header, secret, { now: timestamp }))).toBeInstanceOf(
            SignatureVerificationError,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
