/**
 * MD5, fed in pieces, for result checksums (Web Crypto has none): Node's hash where `process.getBuiltinModule` finds
 * it (Node, Bun, Deno), else @noble/hashes' (browsers).
 */
import { md5 as nobleMd5 } from '@noble/hashes/legacy.js';
import { builtin } from './builtin';

/** A digest computed as bytes arrive. */
export interface Digest {
  update(bytes: Uint8Array): void;
  /** The digest of everything added, as 32 lower-case hex digits. */
  hex(): string;
}

type NodeCrypto = { createHash(name: 'md5'): { update(b: Uint8Array): unknown; digest(encoding: 'hex'): string } };

/** Node's crypto module, looked up at each call. */
const nodeCrypto = () => builtin<NodeCrypto>('node:crypto');

/** A new MD5 digest. */
export function md5(): Digest {
  const crypto = nodeCrypto();
  if (crypto) {
    const hash = crypto.createHash('md5');
    return { update: (bytes) => void hash.update(bytes), hex: () => hash.digest('hex') };
  }
  const hash = nobleMd5.create();
  return {
    update: (bytes) => void hash.update(bytes),
    hex: () => Array.from(hash.digest(), (byte) => byte.toString(16).padStart(2, '0')).join(''),
  };
}
