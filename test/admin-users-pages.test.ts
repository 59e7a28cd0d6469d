import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

describe('admin pages: access', () => {
  it('are for admins and owners; leads, agents and customers get 403, and the Admin link only shows to admins', async () => {
    const owner = await t.org('adm-access');
    const admin = await browser.signIn(await t.member(owner, 'admin'), 'adm-access');
    for (const path of ['/app/admin', '/app/admin/users', '/app/admin/roles', '/app/admin/teams']) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('aria-label="Admin"');
    }
    for (const role of ['lead', 'agent'] as const) {
      const other = await browser.signIn(await t.member(owner, role), 'adm-access');
      for (const path of ['/app/admin', '/app/admin/users', '/app/admin/teams']) expect((await other.get(path)).status, `${role} ${path}`).toBe(403);
      expect((await other.post('/app/admin/teams', { name: 'Sneaky' })).status).toBe(403);
      expect(await (await other.get('/app/account/security')).text()).not.toContain('href="/app/admin"');
    }
    expect(await (await admin.get('/app/account/security')).text()).toContain('href="/app/admin"');
    const [row] = await t.owner`select count(*)::int as n from teams where org_id = ${owner.orgId}`;
    expect(row!.n).toBe(0);
  });
});

describe('admin Users page', () => {
  it('lists members, invites someone (the invitation is listed), and shows a bad email next to the field', async () => {
    const owner = await t.org('adm-users');
    const admin = await browser.signIn(owner, 'adm-users');
    const page = await admin.get('/app/admin/users');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(owner.email);
    expect(html).toContain('hx-post="/app/admin/users/invite"');

    const bad = await admin.post('/app/admin/users/invite', { email: 'not-an-email', role: 'agent' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="invite-email-error"[^>]*>must be an email address/);
    expect(badHtml).toContain('value="not-an-email"');
    expect(badHtml).not.toContain('<html');

    const ok = await admin.post('/app/admin/users/invite', { email: 'newbie@adm-users.test', role: 'lead' });
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain('Invitation sent to newbie@adm-users.test');
    expect(okHtml).toMatch(/<td>newbie@adm-users.test<\/td>\s*<td>Lead<\/td>/);
    const [mail] = await t.owner`select count(*)::int as n from outbox where to_address = 'newbie@adm-users.test'`;
    expect(mail!.n).toBe(1);

    // Inviting a member already in the org is refused beside the email field (409).
    const again = await admin.post('/app/admin/users/invite', { email: owner.email, role: 'agent' });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/id="invite-email-error"[^>]*>[^<]*already a member/);

    const [inv] = await t.owner<{ id: string }[]>`select id from invitations where email = 'newbie@adm-users.test'`;
    const revoked = await admin.post(`/app/admin/users/invitations/${inv!.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain('Invitation withdrawn');
  });

  it('changes a role, disables and enables a member, and refuses changing yourself with a readable message', async () => {
    const owner = await t.org('adm-roles');
    const agent = await t.member(owner, 'agent');
    const admin = await browser.signIn(owner, 'adm-roles');

    const changed = await admin.post(`/app/admin/users/${agent.userId}/role`, { role: 'lead' });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Role changed to lead');
    const [m] = await t.owner`select role::text, disabled_at from memberships where user_id = ${agent.userId}`;
    expect(m!.role).toBe('lead');

    const disabled = await admin.post(`/app/admin/users/${agent.userId}/disable`);
    expect(disabled.status).toBe(200);
    expect(await disabled.text()).toContain('Disabled: they are signed out everywhere');
    const [d] = await t.owner`select disabled_at from memberships where user_id = ${agent.userId}`;
    expect(d!.disabled_at).not.toBeNull();
    expect((await admin.post(`/app/admin/users/${agent.userId}/enable`)).status).toBe(200);

    const self = await admin.post(`/app/admin/users/${owner.userId}/role`, { role: 'agent' });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('Ask another admin to change your own role');

    const badRole = await admin.post(`/app/admin/users/${agent.userId}/role`, { role: 'emperor' });
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain('pick a role');
  });

  it("gives 404 for another org's member or invitation, and changes nothing there", async () => {
    const mine = await t.org('adm-x1');
    const theirs = await t.org('adm-x2');
    const theirAgent = await t.member(theirs, 'agent');
    const [theirInvite] = await t.owner<{ id: string }[]>`
      insert into invitations (org_id, email, role, token_hash, invited_by, expires_at)
      values (${theirs.orgId}, 'x@x2.test', 'agent', '\\x00', ${theirs.userId}, now() + interval '1 day') returning id`;
    const admin = await browser.signIn(mine, 'adm-x1');
    for (const path of [`/app/admin/users/${theirAgent.userId}/role`, `/app/admin/users/${theirAgent.userId}/disable`, `/app/admin/users/invitations/${theirInvite!.id}/revoke`]) {
      const res = await admin.post(path, { role: 'admin' });
      expect(res.status, path).toBe(404);
    }
    const [m] = await t.owner`select role::text, disabled_at from memberships where user_id = ${theirAgent.userId}`;
    expect(m).toMatchObject({ role: 'agent', disabled_at: null });
    const [i] = await t.owner`select revoked_at from invitations where id = ${theirInvite!.id}`;
    expect(i!.revoked_at).toBeNull();
  });
});

describe('admin Teams page', () => {
  it('creates a team, shows a duplicate name next to the field, sets members, and 404s for another org', async () => {
    const owner = await t.org('adm-teams');
    const agent = await t.member(owner, 'agent', 'ada@adm-teams.test');
    const admin = await browser.signIn(owner, 'adm-teams');
    expect(await (await admin.get('/app/admin/teams')).text()).toContain('No teams yet');

    const created = await admin.post('/app/admin/teams', { name: 'Billing', round_robin: 'on' });
    expect(created.status).toBe(200);
    expect(await created.text()).toContain('Team “Billing” created');
    const [team] = await t.owner<{ id: string; round_robin: boolean }[]>`select id, round_robin from teams where org_id = ${owner.orgId}`;
    expect(team!.round_robin).toBe(true);

    const dup = await admin.post('/app/admin/teams', { name: 'billing' });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toMatch(/id="team-name-error"[^>]*>A team named &quot;billing&quot; already exists/);
    const empty = await admin.post('/app/admin/teams', { name: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toMatch(/id="team-name-error"[^>]*>must not be empty/);

    const members = await admin.post(`/app/admin/teams/${team!.id}/members`, { [`member_${agent.userId}`]: 'on' });
    expect(members.status).toBe(200);
    expect(await members.text()).toContain('Members of “Billing” saved');
    const rows = await t.owner`select user_id from team_members where team_id = ${team!.id}`;
    expect(rows.map((r) => r.user_id)).toEqual([agent.userId]);

    const other = await t.org('adm-teams-2');
    const otherAdmin = await browser.signIn(other, 'adm-teams-2');
    expect((await otherAdmin.post(`/app/admin/teams/${team!.id}/members`, {})).status).toBe(404);
    expect(await t.owner`select 1 from team_members where team_id = ${team!.id}`).toHaveLength(1);
  });
});
