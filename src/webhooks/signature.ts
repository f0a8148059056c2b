/**
 * `Ricloud-Signature`: `t=<unix seconds>,s=<base64 HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * The same code runs in Node, browsers, Deno, Bun and edge runtimes (see hmac.ts). No HTTP client here.
 */
import { InvalidInputError } from '../core/errors';
import { RicloudError } from '../core/ricloud-error';
import { constantTimeEqual, hmacSha256 } from './hmac';

/** The header the API signs deliveries with. */
export const SIGNATURE_HEADER = 'Ricloud-Signature';
/** Seconds a signature's timestamp may differ from now, either way, by default. */
export const DEFAULT_TOLERANCE = 600;
/** The largest timestamp a header may carry: 12 digits, which keeps it a safe integer. */
const MAX_TIMESTAMP = 999_999_999_999;

/** A signature header that is missing, malformed, stale or does not match. The message says which. */
export class SignatureVerificationError extends RicloudError {
  override name = 'SignatureVerificationError';
}

/** The raw body: the exact bytes or text received, never a parsed object. */
export type Payload = string | Uint8Array | ArrayBuffer;

/** One secret, or several during a rotation (any one may match). */
export type Secrets = string | readonly string[];

/** Options of `verifySignature`. */
export interface VerifyOptions {
  /** Seconds the timestamp may be off, both ways (default 600; 0 turns the age check off). */
  tolerance?: number | undefined;
  /** The current time in unix seconds, for tests or offline checks. */
  now?: number | undefined;
}

/**
 * Refuses options that are not an object, for every entry of `ricloud/webhooks`.
 * @throws InvalidInputError naming `field`.
 */
export function checkOptionsObject(options: unknown, field: string): asserts options is object {
  if (typeof options !== 'object' || options === null) throw new InvalidInputError(field, 'must be an object');
}

/**
 * Checks the options of `verifySignature` (and of the receivers that pass them on): a NaN or negative tolerance must
 * not turn the age check off unnoticed. Written out rather than with core/params, which would double this entry's size.
 * @throws InvalidInputError naming the option (`field` prefixes the name).
 */
export function checkVerifyOptions(options: unknown, field = 'options'): VerifyOptions {
  checkOptionsObject(options, field);
  const { tolerance, now } = options as VerifyOptions;
  if (tolerance !== undefined && !(typeof tolerance === 'number' && tolerance >= 0)) {
    throw new InvalidInputError(
      `${field}.tolerance`,
      'must be a number of seconds, 0 or more (0 turns the age check off)',
    );
  }
  // Past 12 digits it is milliseconds (`Date.now()`), which would make every delivery look days old.
  if (now !== undefined && !(Number.isFinite(now) && now <= MAX_TIMESTAMP))
    throw new InvalidInputError(`${field}.now`, 'must be a number of unix seconds');
  return options;
}

const encoder = new TextEncoder();
/** A raw body as bytes. @throws SignatureVerificationError for anything but a string or bytes, explaining why. */
export function toBytes(payload: unknown): Uint8Array {
  if (typeof payload === 'string') return encoder.encode(payload);
  // Not `instanceof`: bytes from another realm (Jest's test environment, a vm context, an iframe) would fail it.
  if (ArrayBuffer.isView(payload)) return new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  if (Object.prototype.toString.call(payload) === '[object ArrayBuffer]') return new Uint8Array(payload as ArrayBuffer);
  throw new SignatureVerificationError(
    `the payload must be the raw request body (string or bytes), got ${payload === null ? 'null' : typeof payload}. ` +
      'A parsed JSON object cannot be verified: re-serialising it changes the bytes. ' +
      'Read the body as text before any JSON parser runs.',
  );
}

/** True for a string with more than whitespace in it, or a non-empty list of them. */
export function isSecrets(secret: unknown): secret is Secrets {
  const list: unknown[] = Array.isArray(secret) ? secret : [secret];
  return list.length > 0 && list.every((s) => typeof s === 'string' && s.trim() !== '');
}

/**
 * The secrets to sign or verify with, each trimmed of surrounding whitespace, as the client's token is: a secret read
 * from a file or an environment variable often ends with a line break, which would make every signature differ.
 * @throws SignatureVerificationError when there is none.
 */
function checkSecrets(secret: unknown): string[] {
  if (!isSecrets(secret))
    throw new SignatureVerificationError('the secret must be a string of more than whitespace, or a list of them');
  return (typeof secret === 'string' ? [secret] : secret).map((s) => s.trim());
}

/**
 * Signs a raw body the way the API does and returns the `Ricloud-Signature` header value.
 * @throws SignatureVerificationError for a parsed object instead of a raw body, or an empty secret;
 *   InvalidInputError for options that are not an object, or a timestamp that is not a whole number of seconds from
 *   0 to 999 999 999 999.
 */
export async function signPayload(
  payload: Payload,
  secret: string,
  options: { timestamp?: number | undefined } = {},
): Promise<string> {
  checkOptionsObject(options, 'options');
  const [key] = checkSecrets(secret);
  const t = options.timestamp ?? Math.floor(Date.now() / 1000);
  // The parser takes 1 to 12 digits; a header it would refuse is never made.
  if (!Number.isInteger(t) || t < 0 || t > MAX_TIMESTAMP)
    throw new InvalidInputError('options.timestamp', 'must be a whole number of unix seconds');
  const mac = await hmacSha256(key as string, `${t}.`, toBytes(payload));
  return `t=${t},s=${base64(new Uint8Array(mac))}`;
}

/** The parts of a signature header. */
export interface ParsedSignature {
  /** Unix seconds. */
  timestamp: number;
  /** The 32 bytes of each `s=` value, in order: a sender may sign with several secrets, and any one may match. */
  signatures: Uint8Array[];
}

/**
 * Parses `t=<digits>,s=<base64>` (parts in any order, spaces around them allowed, other parts ignored). Several `s=`
 * parts may come, as with Stripe and Standard Webhooks; each must be a base64 HMAC-SHA256, written as base64 writes
 * it. One `t=`, its digits without a leading zero: another spelling of a signed header is refused, not read as it.
 * @throws SignatureVerificationError, and nothing else, for any other input.
 */
export function parseSignatureHeader(header: unknown): ParsedSignature {
  // Node types a header `string | string[]`: a list of strings is read as Node reads a repeated header, joined.
  const text = Array.isArray(header) && header.every((value) => typeof value === 'string') ? header.join() : header;
  if (typeof text !== 'string' || text.trim() === '') {
    // Node's `req.headers` has lower-case names: `req.headers[SIGNATURE_HEADER]` is undefined even when it was sent.
    const hint = header === undefined ? " (in Node, read req.headers['ricloud-signature'])" : '';
    throw new SignatureVerificationError(`missing ${SIGNATURE_HEADER} header${hint}`);
  }
  let t: string | undefined;
  const s: string[] = [];
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    // A part with no name before an `=` is skipped, like any part not named t or s.
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === 't') {
      // Which of two timestamps was signed cannot be told: a sender writes one.
      if (t !== undefined)
        throw new SignatureVerificationError(`${SIGNATURE_HEADER} header has several timestamps (t=)`);
      t = value;
    } else if (name === 's' && value !== '') s.push(value);
  }
  if (t === undefined) throw new SignatureVerificationError(`${SIGNATURE_HEADER} header has no timestamp (t=)`);
  // The signed text is "<t>.": a leading zero would make another header verify as the one the sender wrote.
  if (!/^(?:0|[1-9]\d{0,11})$/.test(t))
    throw new SignatureVerificationError(`${SIGNATURE_HEADER} timestamp is not a whole number of seconds`);
  if (s.length === 0) throw new SignatureVerificationError(`${SIGNATURE_HEADER} header has no signature (s=)`);
  const signatures = s.map(unbase64);
  if (!signatures.every((signature) => signature?.length === 32))
    throw new SignatureVerificationError(`${SIGNATURE_HEADER} signature is not a base64 HMAC-SHA256`);
  return { timestamp: Number(t), signatures: signatures as Uint8Array[] };
}

/**
 * Checks a delivery's signature: resolves when `header` signs `payload` with one of the secrets (each trimmed of
 * surrounding whitespace), within the tolerance. The comparison runs in constant time.
 * @throws SignatureVerificationError (as a rejection) naming what is wrong, whatever the payload, header and secret;
 *   InvalidInputError for options that are not numbers of seconds.
 */
export async function verifySignature(
  payload: Payload,
  header: string | readonly string[] | null | undefined,
  secret: Secrets,
  options: VerifyOptions = {},
): Promise<void> {
  const { tolerance = DEFAULT_TOLERANCE, now = Math.floor(Date.now() / 1000) } = checkVerifyOptions(options);
  const body = toBytes(payload);
  const secrets = checkSecrets(secret);
  const { timestamp, signatures } = parseSignatureHeader(header);
  let match = false;
  for (const s of secrets) {
    const expected = await hmacSha256(s, `${timestamp}.`, body);
    // Every secret and every signature is tried, so the time taken does not tell which one matched.
    for (const signature of signatures) if (constantTimeEqual(expected, signature)) match = true;
  }
  if (!match) {
    // The usual cause is the body, not the secret: a framework parsed it, or a gateway handed it over in base64.
    throw new SignatureVerificationError(
      'signature does not match: check the secret, and pass the raw body as received (not parsed or base64)',
    );
  }
  if (tolerance > 0 && Math.abs(now - timestamp) > tolerance) {
    throw new SignatureVerificationError(
      // Stryker disable next-line EqualityOperator: `<=` is the same here, since equal times are never refused.
      `signature timestamp is ${Math.abs(now - timestamp)} s ${timestamp < now ? 'old' : 'in the future'}; ` +
        `the tolerance is ${tolerance} s`,
    );
  }
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/** Canonical standard base64 (with `+` `/` and optional `=` padding) to bytes, or undefined when it is not that. */
function unbase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  // atob alone would also take spaces inside, and refuses a bad length or padding by throwing.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  try {
    const bytes = Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
    // atob ignores the unused low bits of the last character: only the one text that encodes the bytes is taken.
    return base64(bytes).replace(/=+$/, '') === text.replace(/=+$/, '') ? bytes : undefined;
  } catch {
    // Not base64 after all.
  }
  return undefined;
}
