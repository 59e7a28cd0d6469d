import { describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

interface MacroRow {
  id: string;
  owner_user_id: string | null;
  name: string;
  body: string;
  internal: boolean;
  set_status: string | null;
  set_priority: string | null;
  add_tags: string[];
}

const macroRows = (orgId: string) =>
  t.owner<MacroRow[]>`select id, owner_user_id, name, body, internal, set_status::text, set_priority::text, add_tags from macros where org_id = ${orgId} order by name`;

async function apiMacro(as: Member, body: Record<string, unknown>): Promise<string> {
  const res = await t.request('/api/v1/macros', { method: 'POST', as, body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('Macros page: an agent’s own macros', () => {
  it('is linked from the top bar; an agent creates, edits and deletes a personal macro, refused beside the fields when wrong (422, nothing written)', async () => {
    const owner = await t.org('mac-agent');
    const agentMember = await t.member(owner, 'agent');
    const agent = await browser.signIn(agentMember, 'mac-agent');
    expect(await (await agent.get('/app')).text()).toContain('<a href="/app/macros">Macros</a>');
    const list = await agent.get('/app/macros');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain('<a href="/app/macros" aria-current="page">Macros</a>');
    expect(listHtml).toContain('You have no personal macros yet');
    const form = await (await agent.get('/app/macros/new')).text();
    expect(form).toContain('<code>{{requester.first_name}}</code>');
    expect(form).not.toContain('name="shared"');

    const bad = await agent.post('/app/macros', { name: '', body: 'Hi {{requester.nmae}}', add_tags: 'ok, bad tag!!', set_status: 'someday' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="macro-name-error"[^>]*>must not be empty/);
    expect(badHtml).toMatch(/id="macro-body-error"[^>]*>has unknown placeholders \{\{requester.nmae\}\}/);
    expect(badHtml).toMatch(/id="macro-add_tags-error"[^>]*>must be 1-50 letters, digits or _-.:\//);
    expect(badHtml).toMatch(/id="macro-set_status-error"[^>]*>must be one of new/);
    expect(badHtml).toContain('Hi {{requester.nmae}}');
    expect(await macroRows(owner.orgId)).toHaveLength(0);

    const created = await agent.post('/app/macros', {
      name: 'Sign-off',
      body: 'Cheers, {{agent.first_name}}',
      set_status: 'pending',
      set_priority: 'low',
      add_tags: 'Waiting, followup',
      internal: '',
    });
    expect(created.status).toBe(200);
    const [row] = await macroRows(owner.orgId);
    expect(row).toMatchObject({
      owner_user_id: agentMember.userId,
      name: 'Sign-off',
      body: 'Cheers, {{agent.first_name}}',
      internal: false,
      set_status: 'pending',
      set_priority: 'low',
      add_tags: ['waiting', 'followup'],
    });
    expect(created.headers.get('hx-push-url')).toBe(`/app/macros/${row!.id}`);
    expect(await created.text()).toContain('Macro “Sign-off” created');

    const edited = await agent.post(`/app/macros/${row!.id}`, { name: 'Sign-off (note)', body: 'Noted by {{agent.name}}', internal: 'on', set_status: '', set_priority: '', add_tags: '' });
    expect(edited.status).toBe(200);
    expect(await edited.text()).toContain('Macro saved.');
    expect(await macroRows(owner.orgId)).toMatchObject([{ name: 'Sign-off (note)', body: 'Noted by {{agent.name}}', internal: true, set_status: null, set_priority: null, add_tags: [] }]);
    const badEdit = await agent.post(`/app/macros/${row!.id}`, { name: 'x'.repeat(101), body: '' });
    expect(badEdit.status).toBe(422);
    expect(await badEdit.text()).toMatch(/id="macro-name-error"[^>]*>must be at most 100 characters/);
    expect(await macroRows(owner.orgId)).toMatchObject([{ name: 'Sign-off (note)' }]);

    const deleted = await agent.post(`/app/macros/${row!.id}/delete`);
    expect(deleted.status).toBe(200);
    expect(deleted.headers.get('hx-replace-url')).toBe('/app/macros');
    expect(await deleted.text()).toContain('Macro “Sign-off (note)” deleted.');
    expect(await macroRows(owner.orgId)).toHaveLength(0);
  });
});

describe('Macros page: shared macros', () => {
  it('lets a lead create, edit and delete shared ones; an agent sees them, reads them, and gets 403 changing them', async () => {
    const owner = await t.org('mac-shared');
    const leadMember = await t.member(owner, 'lead');
    const agentMember = await t.member(owner, 'agent');
    const lead = await browser.signIn(leadMember, 'mac-shared');
    const agent = await browser.signIn(agentMember, 'mac-shared');
    expect(await (await lead.get('/app/macros/new')).text()).toContain('name="shared"');

    const created = await lead.post('/app/macros', { name: 'Thanks', body: 'Hi {{requester.first_name}}, solved.', shared: 'on', set_status: 'solved' });
    expect(created.status).toBe(200);
    const [row] = await macroRows(owner.orgId);
    expect(row).toMatchObject({ owner_user_id: null, name: 'Thanks', set_status: 'solved' });
    expect((await lead.post(`/app/macros/${row!.id}`, { name: 'Thanks!', body: 'Hi {{requester.first_name}}, solved.', set_status: 'solved' })).status).toBe(200);
    expect((await macroRows(owner.orgId))[0]!.name).toBe('Thanks!');

    const agentList = await (await agent.get('/app/macros')).text();
    expect(agentList).toContain('Thanks!');
    expect(agentList).not.toContain(`hx-post="/app/macros/${row!.id}/delete"`);
    const agentView = await (await agent.get(`/app/macros/${row!.id}`)).text();
    expect(agentView).toContain('Shared macros are changed by leads, admins and owners.');
    expect(agentView).not.toContain('Save macro');
    const forbiddenEdit = await agent.post(`/app/macros/${row!.id}`, { name: 'Mine now', body: '' });
    expect(forbiddenEdit.status).toBe(403);
    expect((await agent.post(`/app/macros/${row!.id}/delete`)).status).toBe(403);
    expect((await agent.post('/app/macros', { name: 'Org-wide', shared: 'on' })).status).toBe(403);
    expect(await macroRows(owner.orgId)).toMatchObject([{ name: 'Thanks!', owner_user_id: null }]);

    expect((await lead.post(`/app/macros/${row!.id}/delete`)).status).toBe(200);
    expect(await macroRows(owner.orgId)).toHaveLength(0);
  });

  it('sends a customer to the portal and keeps another person’s personal macro a 404, changing nothing', async () => {
    const owner = await t.org('mac-who');
    const agentMember = await t.member(owner, 'agent');
    const mine = await apiMacro(agentMember, { name: 'Private', body: 'Mine' });
    const colleague = await browser.signIn(await t.member(owner, 'agent'), 'mac-who');
    expect((await colleague.get(`/app/macros/${mine}`)).status).toBe(404);
    expect((await colleague.post(`/app/macros/${mine}`, { name: 'Taken', body: '' })).status).toBe(404);
    expect((await colleague.post(`/app/macros/${mine}/delete`)).status).toBe(404);
    expect(await (await colleague.get('/app/macros')).text()).not.toContain('Private');

    const customer = await browser.signIn(await t.member(owner, 'customer'), 'mac-who');
    const sent = await customer.get('/app/macros');
    expect(sent.status).toBe(302);
    expect(sent.headers.get('location')).toBe('/portal');
    const sneaky = await customer.post('/app/macros', { name: 'Sneaky', body: '' });
    expect(sneaky.headers.get('hx-redirect')).toBe('/portal');
    // Outside a page load, the permission answers: customers lack tickets.write.
    const direct = await t.request('/app/macros/new', { as: await t.member(owner, 'customer') });
    expect(direct.status).toBe(403);
    expect(await macroRows(owner.orgId)).toMatchObject([{ name: 'Private' }]);
  });

  it('answers 404 for another org’s macro on every page and form, changing nothing', async () => {
    const owner = await t.org('mac-mine');
    const shared = await apiMacro(owner, { name: 'Ours', body: 'x', shared: true });
    const other = await t.org('mac-theirs');
    const them = await browser.signIn(other, 'mac-theirs');
    expect((await them.get(`/app/macros/${shared}`)).status).toBe(404);
    expect((await them.post(`/app/macros/${shared}`, { name: 'Stolen', body: '' })).status).toBe(404);
    expect((await them.post(`/app/macros/${shared}/delete`)).status).toBe(404);
    expect(await macroRows(owner.orgId)).toMatchObject([{ name: 'Ours' }]);
  });
});
