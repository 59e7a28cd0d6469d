import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { signingKey } from './hmac-key.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import type { TokenKeys } from './access-token.ts';

/**
 * The proof that a password was right, handed back when a second factor is still needed. Its
 * own typ and audience keep it from ever passing as an access token, and the reverse.
 */
const TYP = 'mfa+jwt';
const AUDIENCE = 'atum-mfa';
export const MFA_TOKEN_TTL_SECONDS = 5 * 60;

export interface MfaClaims {
  userId: string;
  orgId: string;
  role: Role;
  /** Unique per token, so one that has been spent can be refused. */
  jti: string;
}

/**
 * @example
 * const mfaToken = await signMfaToken(keys, { userId, orgId, role });
 */
export async function signMfaToken(keys: TokenKeys, claims: Omit<MfaClaims, 'jti'>): Promise<string> {
  return new SignJWT({ org: claims.orgId, role: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: TYP })
    .setSubject(claims.userId)
    .setIssuer(keys.issuer)
    .setAudience(AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${MFA_TOKEN_TTL_SECONDS}s`)
    .sign(await signingKey(keys));
}

/** The claims of a valid, unexpired MFA token, or null. */
export async function verifyMfaToken(keys: TokenKeys, token: string): Promise<MfaClaims | null> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(keys), { algorithms: ['HS256'], issuer: keys.issuer, audience: AUDIENCE, typ: TYP });
    const { sub, org, role, jti } = payload;
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof jti !== 'string' || !ROLES.includes(role as Role)) return null;
    return { userId: sub, orgId: org, role: role as Role, jti };
  } catch {
    return null;
  }
}
