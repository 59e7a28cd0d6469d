import { randomUUID } from 'node:crypto';
import type { Sql, TransactionSql } from '#lib/db/pool.ts';
import type { Role } from '#lib/db/tenant.ts';
import { hashPassword, passwordProblem } from '#lib/auth/password.ts';

export class InputError extends Error {
  override name = 'InputError';
}

export interface CreatedMember {
  orgId: string;
  userId: string;
  /** False when the email already had an account: its password was left as it was. */
  newUser: boolean;
}

/** An organization as GET and PATCH /api/v1/org answer it (numbers as JSON numbers). */
export const ORG_COLUMNS = `id, slug, name, settings, require_2fa, ip_allowlist::text[] as ip_allowlist,
  search_language::text as search_language, default_locale, solved_autoclose_days, attachment_quota_bytes::float8 as attachment_quota_bytes, created_at, updated_at`;

const SLUG = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Creates an organization and its first admin (role `owner`) through the owner connection.
 * The transaction sets the new org as tenant context, so this also works for an owner role
 * that is not a superuser and therefore obeys the FORCEd policies.
 *
 * @example
 * await createOrg(ownerSql, { slug: 'acme', name: 'Acme', adminEmail: 'ada@acme.test', adminPassword: 'correct horse' });
 */
export async function createOrg(owner: Sql, input: { slug: string; name: string; adminEmail: string; adminPassword: string; adminName?: string }): Promise<CreatedMember> {
  if (!SLUG.test(input.slug)) throw new InputError(`--slug "${input.slug}" must be lowercase letters, digits and dashes (1-63), not starting or ending with a dash`);
  if (!input.name.trim()) throw new InputError('--name must not be empty');
  const problem = passwordProblem(input.adminPassword);
  if (problem) throw new InputError(`--admin-password ${problem}`);
  const passwordHash = await hashPassword(input.adminPassword);
  return (await owner.begin(async (tx) => {
    // Through the definer function: a non-superuser owner sees no org without a tenant context.
    const [exists] = await tx`select 1 from (select app.org_id_by_slug(${input.slug}) as id) o where o.id is not null`;
    if (exists) throw new InputError(`An organization with slug "${input.slug}" already exists`);
    const [{ id: orgId }] = (await tx`select gen_random_uuid() as id`) as unknown as [{ id: string }];
    await tx`select set_config('app.org_id', ${orgId}, true)`;
    await tx`insert into organizations (id, slug, name) values (${orgId}, ${input.slug}, ${input.name.trim()})`;
    const user = await upsertUser(tx, input.adminEmail, input.adminName ?? '', passwordHash);
    await tx`insert into memberships (org_id, user_id, role) values (${orgId}, ${user.id}, 'owner')`;
    return { orgId, userId: user.id, newUser: user.created };
  })) as CreatedMember;
}

/** Adds a member to an existing org (the CLI's `user create`). */
export async function createMember(owner: Sql, input: { orgSlug: string; email: string; password?: string; role: Role; name?: string }): Promise<CreatedMember> {
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new InputError(`--password ${problem}`);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return (await owner.begin(async (tx) => {
    const [org] = await tx<{ id: string }[]>`select id from (select app.org_id_by_slug(${input.orgSlug}) as id) o where o.id is not null`;
    if (!org) throw new InputError(`No organization with slug "${input.orgSlug}"`);
    await tx`select set_config('app.org_id', ${org.id}, true)`;
    const user = await upsertUser(tx, input.email, input.name ?? '', passwordHash);
    const [inserted] = await tx`
      insert into memberships (org_id, user_id, role) values (${org.id}, ${user.id}, ${input.role})
      on conflict (org_id, user_id) do nothing returning 1 as ok`;
    if (!inserted) throw new InputError(`${input.email} is already a member of ${input.orgSlug}`);
    return { orgId: org.id, userId: user.id, newUser: user.created };
  })) as CreatedMember;
}

/**
 * Users are global: an existing account is reused, and its password is never replaced here,
 * since that would let one org's admin take over an account that another org relies on.
 */
async function upsertUser(tx: TransactionSql, email: string, name: string, passwordHash: string | null): Promise<{ id: string; created: boolean }> {
  const normalized = email.trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(normalized) || normalized.length > 254) throw new InputError(`"${email}" is not an email address`);
  const [existing] = await tx<{ id: string }[]>`select id from users where lower(email) = lower(${normalized})`;
  if (existing) return { id: existing.id, created: false };
  // No RETURNING: a non-superuser owner would need the new row to pass users_visible first.
  const id = randomUUID();
  await tx`insert into users (id, email, name, password_hash) values (${id}, ${normalized}, ${name}, ${passwordHash})`;
  return { id, created: true };
}
