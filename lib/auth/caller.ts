import type { Role } from '../db/tenant.ts';

/** Who is calling: resolved once per request by lib/auth/resolve-caller.ts. */
export type Caller =
  | { kind: 'anonymous'; authError?: string }
  | { kind: 'member'; orgId: string; userId: string; role: Role; sessionId?: string };
