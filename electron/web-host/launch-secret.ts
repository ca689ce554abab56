import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LAUNCH_PROTOCOL_PREFIX } from './bridge-protocol';

/** A fresh 256-bit secret per host start; it travels in the URL fragment, never to a server log. */
export function newLaunchSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Finds `nexus.launch.<secret>` among the offered subprotocols and compares in constant time. */
export function handshakeCarriesSecret(protocolHeader: string | undefined, secret: string): boolean {
  if (!protocolHeader) return false;
  const offered = protocolHeader
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value.startsWith(LAUNCH_PROTOCOL_PREFIX))
    .map((value) => value.slice(LAUNCH_PROTOCOL_PREFIX.length));
  // Hash both sides so the comparison is constant-time whatever the offered length.
  const expected = createHash('sha256').update(secret).digest();
  let match = false;
  for (const candidate of offered) {
    const digest = createHash('sha256').update(candidate).digest();
    if (timingSafeEqual(digest, expected)) match = true;
  }
  return match;
}
