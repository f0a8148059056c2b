/** `ricloud/webhooks`: sign and verify the API's webhook deliveries, in any runtime. No HTTP client inside. */
export { DEFAULT_TOLERANCE, parseSignatureHeader, SIGNATURE_HEADER, SignatureVerificationError, signPayload, verifySignature } from './signature';
export type { ParsedSignature, Payload, Secrets, VerifyOptions } from './signature';
