// UIDs. Reproducible ones (sample study, tests) come from a seed; unique ones from caller-supplied random
// bytes (shared/ has no crypto source). Both use the 2.25.<UUID as decimal> form (ISO/IEC 9834-8, PS3.5 B.2).
import { sha256 } from './sha256';
import { utf8Encode } from './text';

const UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+$/;

export function isValidUid(uid: string): boolean {
  return uid.length <= 64 && UID_PATTERN.test(uid);
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** Marks 16 bytes as an RFC 9562 UUID of the given version (variant 10xx), so the 2.25 arc is used as intended. */
function asUuid(bytes: Uint8Array, version: number): Uint8Array {
  const u = bytes.slice(0, 16);
  u[6] = ((u[6] ?? 0) & 0x0f) | (version << 4);
  u[8] = ((u[8] ?? 0) & 0x3f) | 0x80;
  return u;
}

/** Same seed, same UID: a version-8 (hash-based) UUID from SHA-256 of the seed, in 2.25 form. */
export function uidFromSeed(seed: string): string {
  return `2.25.${bytesToBigInt(asUuid(sha256(utf8Encode(seed)), 8)).toString()}`;
}

/** A unique UID from 16 random bytes the caller supplies (e.g. crypto.getRandomValues): a version-4 UUID. */
export function uidFromRandomBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('need 16 random bytes');
  return `2.25.${bytesToBigInt(asUuid(bytes, 4)).toString()}`;
}

/** A UID under an organisation root: root + "." + a decimal suffix from the seed's hash, cut to fit 64 characters. */
export function uidUnderRoot(root: string, seed: string): string {
  if (!isValidUid(root) || root.length > 60) throw new RangeError(`bad UID root "${root}"`);
  const digits = bytesToBigInt(sha256(utf8Encode(seed)).slice(0, 16)).toString();
  const room = 64 - root.length - 1;
  const suffix = digits.slice(0, Math.min(room, 39)).replace(/^0+(?=\d)/, '');
  return `${root}.${suffix}`;
}
