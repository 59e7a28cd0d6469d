import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque bearer secrets (refresh tokens, API keys, invitation and reset links). Each carries its
 * org's id in clear, so the request can set its tenant context before looking the token up and
 * the lookup itself runs under RLS; only the SHA-256 of the whole token is stored. 256 random
 * bits make a slow hash pointless here.
 */
export type TokenKind = 'refresh' | 'api_key' | 'invite' | 'reset' | 'mail_inbound';

const PREFIX: Record<TokenKind, string> = { refresh: 'atr', api_key: 'atk', invite: 'ati', reset: 'atp', mail_inbound: 'atm' };
const UUID_HEX = /^[0-9a-f]{32}$/;

export interface MintedToken {
  token: string;
  hash: Buffer;
}

/**
 * @example
 * const { token, hash } = mintToken('api_key', orgId); // token: atk_<org hex>_<secret>
 */
export function mintToken(kind: TokenKind, orgId: string): MintedToken {
  const token = `${PREFIX[kind]}_${orgId.replaceAll('-', '')}_${randomBytes(32).toString('hex')}`;
  return { token, hash: hashToken(token) };
}

/** The org and hash of a well-formed token of this kind, or null for anything else. */
export function parseToken(kind: TokenKind, token: string): { orgId: string; hash: Buffer } | null {
  const parts = token.split('_');
  if (parts.length !== 3 || parts[0] !== PREFIX[kind]) return null;
  const [, hex, secret] = parts as [string, string, string];
  if (!UUID_HEX.test(hex) || !/^[0-9a-f]{64}$/.test(secret)) return null;
  const orgId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { orgId, hash: hashToken(token) };
}

export function tokenKind(token: string): TokenKind | null {
  const prefix = token.slice(0, 4);
  for (const [kind, p] of Object.entries(PREFIX)) if (prefix === `${p}_`) return kind as TokenKind;
  return null;
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
