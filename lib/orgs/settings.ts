import * as v from 'valibot';
import { between } from '#lib/http/validation-messages.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { ipInCidrs, parseCidrList } from '#lib/http/client-ip.ts';
import { HttpError } from '#lib/http/errors.ts';
import type { Locale } from '#lib/i18n/locales.ts';
import { ORG_COLUMNS } from '#lib/orgs/create.ts';
import { setSearchLanguage } from '#lib/tickets/search-language.ts';
import { isTimeZone } from '#lib/time/zone.ts';
import { t } from '#lib/i18n/translate.ts';

export interface OrgView {
  id: string;
  slug: string;
  name: string;
  settings: Record<string, unknown>;
  require_2fa: boolean;
  ip_allowlist: string[];
  search_language: string;
  /** What everyone reads in until their own choice says otherwise (a catalogue language, sql/025). */
  default_locale: string;
  solved_autoclose_days: number;
  attachment_quota_bytes: number;
  created_at: Date;
  updated_at: Date;
}

/** One allowlist entry: an IPv4 or IPv6 address or CIDR range. */
export const cidrEntry = v.pipe(
  v.string(),
  v.check(isCidr, () => t('validation.cidr')),
);
export const searchLanguage = v.pipe(
  v.string(),
  v.regex(/^[a-z_]{1,63}$/, () => t('validation.settings.search_language')),
);

/**
 * The org's free-form settings, merged into what it has. `time_zone` is read by the dashboard's
 * "today" (lib/time/org-time-zone.ts), so it must be a zone that exists; null removes it.
 */
export const orgSettings = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check(
    (s) => s.time_zone === undefined || s.time_zone === null || (typeof s.time_zone === 'string' && isTimeZone(s.time_zone)),
    () => t('validation.settings.time_zone'),
  ),
);
export const autocloseDays = v.pipe(v.number(), v.integer(), v.minValue(1, between(1, 365)), v.maxValue(365, between(1, 365)));

function isCidr(s: string): boolean {
  try {
    parseCidrList(s);
    return s.trim() !== '' && !/[,\s]/.test(s.trim());
  } catch {
    return false;
  }
}

export interface OrgChange {
  name?: string | undefined;
  settings?: Record<string, unknown> | undefined;
  require_2fa?: boolean | undefined;
  ip_allowlist?: string[] | undefined;
  search_language?: string | undefined;
  default_locale?: Locale | undefined;
  solved_autoclose_days?: number | undefined;
}

/** The caller's organization. */
export async function readOrg(tx: TransactionSql): Promise<OrgView> {
  const [org] = await tx.unsafe<OrgView[]>(`select ${ORG_COLUMNS} from organizations`);
  return org!;
}

/**
 * Changes the org's settings. An allowlist that would shut out `clientIp` is a 409
 * (`allowlist_excludes_you`), so no admin locks themselves out; a search language queues the
 * re-index of the org's tickets; a default language applies from the next page each member
 * without their own language loads. The organizations trigger records what changed in the audit log.
 *
 * @example
 * await updateOrg(db, c.var.clientIp, { require_2fa: true });
 */
export async function updateOrg(tx: TransactionSql, clientIp: string, change: OrgChange): Promise<OrgView> {
  const allowlist = change.ip_allowlist?.map((s) => s.trim());
  if (allowlist?.length && !ipInCidrs(clientIp, allowlist)) {
    throw new HttpError(409, 'allowlist_excludes_you', t('error.allowlist_excludes_you', { ip: clientIp }));
  }
  if (change.search_language) await setSearchLanguage(tx, change.search_language);
  const [org] = await tx<OrgView[]>`
    update organizations
       set name = coalesce(${change.name ?? null}, name),
           settings = settings || ${tx.json((change.settings ?? {}) as Parameters<typeof tx.json>[0])},
           require_2fa = coalesce(${change.require_2fa ?? null}::boolean, require_2fa),
           ip_allowlist = coalesce(${allowlist ?? null}::cidr[], ip_allowlist),
           default_locale = coalesce(${change.default_locale ?? null}, default_locale),
           solved_autoclose_days = coalesce(${change.solved_autoclose_days ?? null}::integer, solved_autoclose_days),
           updated_at = now()
     where id = app.current_org()
     returning ${tx.unsafe(ORG_COLUMNS)}`;
  return org!;
}

/** The text search languages PostgreSQL knows, for the settings page's choice. */
export async function searchLanguages(tx: TransactionSql): Promise<string[]> {
  const rows = await tx<{ name: string }[]>`select cfgname::text as name from pg_ts_config order by 1`;
  return rows.map((r) => r.name);
}
