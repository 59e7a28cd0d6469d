import type { TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { HttpError } from '#lib/http/errors.ts';
import { reader } from '#lib/i18n/reader.ts';
import type { MemberCaller } from './caller.ts';
import { t } from '#lib/i18n/translate.ts';

/** The signed-in person as GET /api/v1/me answers: who, in which org and role, and their 2FA state. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  mfa_enabled: boolean;
  mfa_setup_required: boolean;
  session_id: string | null;
  /** Their own choices (null: not chosen), and what they read in now (lib/i18n/member-reader.ts). */
  locale: string | null;
  time_zone: string | null;
  reads_in: { locale: string; time_zone: string };
  org: { id: string; slug: string; name: string };
}

/**
 * Reads the caller's account, membership and org; a membership disabled or removed since they
 * signed in is a 401.
 *
 * @example
 * return readMe(db, caller);
 */
export async function readMe(tx: TransactionSql, caller: MemberCaller): Promise<Me> {
  const [me] = await tx<
    {
      id: string;
      email: string;
      name: string;
      role: Role;
      org_id: string;
      org_slug: string;
      org_name: string;
      require_2fa: boolean;
      mfa_enabled: boolean;
      locale: string | null;
      time_zone: string | null;
    }[]
  >`
    select u.id, u.email, u.name, m.role, u.locale, u.time_zone, o.id as org_id, o.slug as org_slug, o.name as org_name, o.require_2fa,
           exists (select 1 from user_totp t where t.user_id = u.id and t.confirmed_at is not null) as mfa_enabled
    from users u
    join memberships m on m.user_id = u.id and m.org_id = app.current_org()
    join organizations o on o.id = m.org_id
    where u.id = ${caller.userId} and m.disabled_at is null`;
  if (!me) throw new HttpError(401, 'unauthenticated', t('error.no_longer_member'));
  return {
    id: me.id,
    email: me.email,
    name: me.name,
    role: me.role,
    mfa_enabled: me.mfa_enabled,
    mfa_setup_required: me.require_2fa && !me.mfa_enabled,
    session_id: caller.sessionId ?? null,
    locale: me.locale,
    time_zone: me.time_zone,
    reads_in: { locale: reader().locale, time_zone: reader().timeZone },
    org: { id: me.org_id, slug: me.org_slug, name: me.org_name },
  };
}
