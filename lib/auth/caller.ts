import type { Role } from '#lib/db/tenant.ts';
import type { Permission } from './permissions.ts';

/** A person signed in to one org, by a bearer access token or the session cookies. */
export interface MemberCaller {
  kind: 'member';
  orgId: string;
  userId: string;
  role: Role;
  /** Absent only for tokens minted outside a sign-in (tests, CLI). */
  sessionId?: string;
  via: 'bearer' | 'cookie';
}

/** An integration's API key as presented: its org is known, the key itself is checked in SQL. */
interface PresentedApiKey {
  kind: 'api_key';
  orgId: string;
  tokenHash: Buffer;
}

/** An API key found live in its org, with the permissions it was given. */
export interface ApiKeyCaller {
  kind: 'api_key';
  orgId: string;
  keyId: string;
  name: string;
  permissions: readonly Permission[];
}

/** Who is calling: resolved once per request by lib/auth/resolve-caller.ts. */
/** An anonymous caller's `authError` says, in the reader's language, why a credential sent was not taken. */
export type Caller = { kind: 'anonymous'; authError?: string } | MemberCaller | PresentedApiKey;
