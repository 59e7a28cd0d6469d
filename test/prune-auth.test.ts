import type { JobHelpers } from 'graphile-worker';
import { describe, expect, it } from 'vitest';
import { pruneAuth } from '#worker/prune-auth.ts';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
const helpers = { logger: { info: () => {} } } as unknown as JobHelpers;

async function signIn(m: Member, slug: string): Promise<void> {
  const res = await t.request('/api/v1/auth/login', { method: 'POST', body: { org: slug, email: m.email, password: TEST_PASSWORD } });
  expect(res.status).toBe(200);
}

describe('the prune-auth job', () => {
  it('deletes sessions that ended over 30 days ago in every org, keeps the rest, and can run twice', async () => {
    const a = await t.org('prune-a');
    const b = await t.org('prune-b');
    for (let i = 0; i < 3; i++) await signIn(a, 'prune-a');
    await signIn(b, 'prune-b');
    const [old, recent] = await t.owner<{ id: string }[]>`select id from sessions where org_id = ${a.orgId} order by created_at limit 2`;
    await t.owner`update sessions set revoked_at = now() - interval '40 days' where id = ${old!.id}`;
    await t.owner`update sessions set revoked_at = now() - interval '2 days' where id = ${recent!.id}`;
    await t.owner`update sessions set expires_at = now() - interval '31 days' where org_id = ${b.orgId}`;
    await t.owner`insert into password_resets (org_id, token_hash, user_id, expires_at) values (${a.orgId}, '\\x01', ${a.userId}, now() - interval '2 days')`;

    await pruneAuth({ sql: t.deps.unscoped })({}, helpers);
    await pruneAuth({ sql: t.deps.unscoped })({}, helpers);

    const left = await t.owner<{ org_id: string; n: number }[]>`select org_id, count(*)::int as n from sessions group by org_id`;
    expect(left).toEqual([{ org_id: a.orgId, n: 2 }]);
    const [tokens] = await t.owner<{ n: number }[]>`select count(*)::int as n from refresh_tokens where session_id = ${old!.id}`;
    expect(tokens!.n).toBe(0);
    const [resets] = await t.owner<{ n: number }[]>`select count(*)::int as n from password_resets`;
    expect(resets!.n).toBe(0);
  });
});
