import { hkdfSync } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import { signingKey } from './hmac-key.ts';
import { secretBoxKey } from './secret-box.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import { t } from '#lib/i18n/translate.ts';

/** RFC 9068 access-token media type; checked so that no other JWT of ours can pass as one. */
const TYP = 'at+jwt';
const ALG = 'HS256';
export const ACCESS_TOKEN_AUDIENCE = 'atum-api';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessClaims {
  userId: string;
  orgId: string;
  role: Role;
  /** The session this token was issued for (issue: identity); absent for test and CLI tokens. */
  sessionId?: string;
}

/** Every key derived from APP_SECRET, built once at start. */
export interface TokenKeys {
  /** Signs access and MFA tokens. */
  key: Uint8Array;
  issuer: string;
  /** Seals TOTP secrets at rest (lib/auth/secret-box.ts). */
  boxKey: Uint8Array;
  /** Peppers the HMAC of recovery codes. */
  pepper: Uint8Array;
}

export function tokenKeys(appSecret: string, issuer: string): TokenKeys {
  const pepper = new Uint8Array(hkdfSync('sha256', appSecret, '', 'atum-desk recovery-code pepper v1', 32));
  return { key: new TextEncoder().encode(appSecret), issuer, boxKey: secretBoxKey(appSecret), pepper };
}

/**
 * @example
 * const token = await signAccessToken(keys, { userId, orgId, role: 'agent' });
 */
export async function signAccessToken(keys: TokenKeys, claims: AccessClaims, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ org: claims.orgId, role: claims.role, ...(claims.sessionId ? { sid: claims.sessionId } : {}) })
    .setProtectedHeader({ alg: ALG, typ: TYP })
    .setSubject(claims.userId)
    .setIssuer(keys.issuer)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await signingKey(keys));
}

/** Why a token was not taken; the message is in the reader's language and ends "Sign in again: …". */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** Verifies signature (HS256 only), issuer, audience, typ and expiry. */
export async function verifyAccessToken(keys: TokenKeys, token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(keys), { algorithms: [ALG], issuer: keys.issuer, audience: ACCESS_TOKEN_AUDIENCE, typ: TYP });
    const { sub, org, role, sid } = payload;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof org !== 'string' || !UUID.test(org) || !ROLES.includes(role as Role)) {
      throw new InvalidTokenError(t('error.auth.token_claims_incomplete'));
    }
    if (sid !== undefined && (typeof sid !== 'string' || !UUID.test(sid))) throw new InvalidTokenError(t('error.auth.token_claims_incomplete'));
    return { userId: sub, orgId: org, role: role as Role, ...(typeof sid === 'string' ? { sessionId: sid } : {}) };
  } catch (err) {
    if (err instanceof InvalidTokenError) throw err;
    if (err instanceof errors.JWTExpired) throw new InvalidTokenError(t('error.auth.token_expired'));
    throw new InvalidTokenError(t('error.auth.token_invalid'));
  }
}
