import { webcrypto } from 'node:crypto';
import type { TokenKeys } from './access-token.ts';

type CryptoKey = webcrypto.CryptoKey;

const imported = new WeakMap<TokenKeys, Promise<CryptoKey>>();

/**
 * The token signing key as a WebCrypto HS256 key, imported once per TokenKeys. Given raw bytes,
 * jose imports the key again on every sign and verify: about 90 µs of CPU per request.
 *
 * @example
 * await jwtVerify(token, await signingKey(keys), { algorithms: ['HS256'] });
 */
export function signingKey(keys: TokenKeys): Promise<CryptoKey> {
  let key = imported.get(keys);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', keys.key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    imported.set(keys, key);
  }
  return key;
}
