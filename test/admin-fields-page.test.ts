import { describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

interface FieldRow {
  id: string;
  key: string;
  label: string;
  options: string[];
  pattern: string | null;
  required_from: string | null;
  visible_to_customers: boolean;
  position: number;
  archived_at: Date | null;
}

const fieldRow = async (id: string) =>
  (await t.owner<FieldRow[]>`select id, key, label, options, pattern, required_from::text, visible_to_customers, position, archived_at from custom_fields where id = ${id}`)[0]!;
const liveKeys = async (orgId: string) => (await t.owner<{ key: string }[]>`select key from custom_fields where org_id = ${orgId} and archived_at is null order by position, key`).map((r) => r.key);

async function adminOf(slug: string): Promise<{ owner: Member; admin: PageSession }> {
  const owner = await t.org(slug);
  return { owner, admin: await browser.signIn(owner, slug) };
}

async function apiField(owner: Member, body: Record<string, unknown>): Promise<string> {
  const res = await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function ticketWith(owner: Member, customFields: Record<string, unknown>): Promise<void> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'With a field', body: 'x', custom_fields: customFields } });
  expect(res.status).toBe(201);
}

describe('admin Custom fields page: editing a field', () => {
  it('edits label, options (one per line), when it is required and whether customers see it; the list links to the field', async () => {
    const { owner, admin } = await adminOf('fld-edit');
    const id = await apiField(owner, { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] });
    expect(await (await admin.get('/app/admin/fields')).text()).toContain(`href="/app/admin/fields/${id}"`);
    const page = await admin.get(`/app/admin/fields/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Field: Plan');
    expect(html).toMatch(/<textarea[^>]*name="options"[^>]*>Free\nPro<\/textarea>/);
    expect(html).not.toContain('name="pattern"');

    const saved = await admin.post(`/app/admin/fields/${id}`, { label: 'Support plan', options: 'Free\r\nPro\r\nEnterprise\r\n', required_from: 'solved', visible_to_customers: 'on' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Field saved.');
    expect(await fieldRow(id)).toMatchObject({ label: 'Support plan', options: ['Free', 'Pro', 'Enterprise'], required_from: 'solved', visible_to_customers: true });
    const listed = await (await admin.get('/app/admin/fields')).text();
    expect(listed).toContain('Free, Pro, Enterprise');
    expect(listed).toContain('From Solved');

    expect((await admin.post(`/app/admin/fields/${id}`, { label: 'Support plan', options: 'Free\nPro\nEnterprise', required_from: '' })).status).toBe(200);
    expect(await fieldRow(id)).toMatchObject({ required_from: null, visible_to_customers: false });
    const audited = await t.owner<{ action: string }[]>`select action from audit_log where target_id = ${id} order by seq`;
    expect(audited.map((a) => a.action)).toEqual(['custom_field.create', 'custom_field.update', 'custom_field.update']);
  });

  it('refuses removing an option tickets hold (409, the count beside the options) and a bad form (422), writing nothing', async () => {
    const { owner, admin } = await adminOf('fld-refuse');
    const id = await apiField(owner, { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'] });
    await ticketWith(owner, { plan: 'Pro' });

    const inUse = await admin.post(`/app/admin/fields/${id}`, { label: 'Plan', options: 'Free\nGold', required_from: '' });
    expect(inUse.status).toBe(409);
    const html = await inUse.text();
    expect(html).toMatch(/id="field-options-error"[^>]*>1 ticket still holds &quot;Pro&quot;: change it first, or keep the option/);
    expect(html).toMatch(/<textarea[^>]*name="options"[^>]*>Free\nGold<\/textarea>/);

    const bad = await admin.post(`/app/admin/fields/${id}`, { label: ' ', options: 'Free\nFree', required_from: 'someday' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="field-label-error"[^>]*>must not be empty/);
    expect(badHtml).toMatch(/id="field-options-error"[^>]*>must not repeat an option/);
    expect(badHtml).toMatch(/id="field-required_from-error"[^>]*>must be one of new, open/);
    expect(await fieldRow(id)).toMatchObject({ label: 'Plan', options: ['Free', 'Pro'], required_from: null });
    expect(await t.owner`select 1 from audit_log where target_id = ${id} and action = 'custom_field.update'`).toHaveLength(0);
  });

  it('edits a pattern, refusing one that values tickets hold would not match', async () => {
    const { owner, admin } = await adminOf('fld-pattern');
    const id = await apiField(owner, { key: 'order', label: 'Order', type: 'regex', pattern: '^[A-Z]{2}-\\d+$' });
    await ticketWith(owner, { order: 'AB-1' });
    expect(await (await admin.get(`/app/admin/fields/${id}`)).text()).toMatch(/name="pattern"[^>]*value="\^\[A-Z\]\{2\}-\\d\+\$"|value="\^\[A-Z\]\{2\}-\\d\+\$"[^>]*name="pattern"/);
    const refused = await admin.post(`/app/admin/fields/${id}`, { label: 'Order', pattern: '^\\d+$' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/id="field-pattern-error"[^>]*>1 ticket holds a value the new pattern does not match: change it first/);
    const broken = await admin.post(`/app/admin/fields/${id}`, { label: 'Order', pattern: '(' });
    expect(broken.status).toBe(422);
    expect(await broken.text()).toMatch(/id="field-pattern-error"[^>]*>must be a valid regular expression/);
    expect((await fieldRow(id)).pattern).toBe('^[A-Z]{2}-\\d+$');
    expect((await admin.post(`/app/admin/fields/${id}`, { label: 'Order', pattern: '^[A-Z]{2,3}-\\d+$' })).status).toBe(200);
    expect((await fieldRow(id)).pattern).toBe('^[A-Z]{2,3}-\\d+$');
  });
});

describe('admin Custom fields page: order and archive', () => {
  it('moves fields up and down, archives one (its key kept) and unarchives it last', async () => {
    const { owner, admin } = await adminOf('fld-order');
    const a = await apiField(owner, { key: 'alpha', label: 'Alpha', type: 'text', position: 5 });
    await apiField(owner, { key: 'beta', label: 'Beta', type: 'text', position: 5 });
    const c = await apiField(owner, { key: 'gamma', label: 'Gamma', type: 'text', position: 5 });
    expect(await liveKeys(owner.orgId)).toEqual(['alpha', 'beta', 'gamma']);

    const up = await admin.post(`/app/admin/fields/${c}/move`, { direction: 'up' });
    expect(up.status).toBe(200);
    expect(await liveKeys(owner.orgId)).toEqual(['alpha', 'gamma', 'beta']);
    const html = await up.text();
    expect(html.indexOf('>Gamma<')).toBeLessThan(html.indexOf('>Beta<'));
    expect((await admin.post(`/app/admin/fields/${a}/move`, { direction: 'down' })).status).toBe(200);
    expect(await liveKeys(owner.orgId)).toEqual(['gamma', 'alpha', 'beta']);
    expect((await admin.post(`/app/admin/fields/${c}/move`, { direction: 'up' })).status).toBe(200);
    expect(await liveKeys(owner.orgId)).toEqual(['gamma', 'alpha', 'beta']);
    expect((await admin.post(`/app/admin/fields/${a}/move`, { direction: 'sideways' })).status).toBe(422);

    const archived = await admin.post(`/app/admin/fields/${c}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.headers.get('hx-replace-url')).toBe('/app/admin/fields');
    const archivedHtml = await archived.text();
    expect(archivedHtml).toContain('Field “Gamma” archived.');
    expect(archivedHtml).toContain('Archived fields');
    expect(await liveKeys(owner.orgId)).toEqual(['alpha', 'beta']);
    expect((await fieldRow(c)).archived_at).not.toBeNull();
    const archivedPage = await (await admin.get(`/app/admin/fields/${c}`)).text();
    expect(archivedPage).toContain('Unarchive');
    expect(archivedPage).not.toContain('Save field');
    expect((await admin.post(`/app/admin/fields/${c}`, { label: 'Edited while archived' })).status).toBe(404);
    expect((await admin.post('/app/admin/fields', { label: 'Gamma again', key: 'gamma', type: 'text' })).status).toBe(409);

    const back = await admin.post(`/app/admin/fields/${c}/unarchive`);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Field “Gamma” is live again, last in the order.');
    expect(await liveKeys(owner.orgId)).toEqual(['alpha', 'beta', 'gamma']);
    expect(await fieldRow(c)).toMatchObject({ label: 'Gamma', archived_at: null });
    const audited = await t.owner<{ action: string }[]>`select action from audit_log where org_id = ${owner.orgId} and action like 'custom_field.%' order by seq`;
    expect(audited.map((x) => x.action)).toEqual([
      'custom_field.create',
      'custom_field.create',
      'custom_field.create',
      'custom_field.reorder',
      'custom_field.reorder',
      'custom_field.archive',
      'custom_field.unarchive',
    ]);
  });
});

describe('admin Custom fields page: who may', () => {
  it('is 403 for a lead on every field page and form, changing nothing', async () => {
    const { owner } = await adminOf('fld-lead');
    const id = await apiField(owner, { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free'] });
    const lead = await browser.signIn(await t.member(owner, 'lead'), 'fld-lead');
    expect((await lead.get(`/app/admin/fields/${id}`)).status).toBe(403);
    const posts: [string, Record<string, string>][] = [
      [`/app/admin/fields/${id}`, { label: 'Taken', options: 'Free' }],
      [`/app/admin/fields/${id}/move`, { direction: 'down' }],
      [`/app/admin/fields/${id}/archive`, {}],
      [`/app/admin/fields/${id}/unarchive`, {}],
    ];
    for (const [path, fields] of posts) expect([path, (await lead.post(path, fields)).status]).toEqual([path, 403]);
    expect(await fieldRow(id)).toMatchObject({ label: 'Plan', archived_at: null });
  });

  it('answers 404 for another org’s field on every page and form, changing nothing', async () => {
    const { owner } = await adminOf('fld-mine');
    const id = await apiField(owner, { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free'] });
    const { admin: other } = await adminOf('fld-theirs');
    expect((await other.get(`/app/admin/fields/${id}`)).status).toBe(404);
    const posts: [string, Record<string, string>][] = [
      [`/app/admin/fields/${id}`, { label: 'Stolen', options: 'Free' }],
      [`/app/admin/fields/${id}/move`, { direction: 'down' }],
      [`/app/admin/fields/${id}/archive`, {}],
      [`/app/admin/fields/${id}/unarchive`, {}],
    ];
    for (const [path, fields] of posts) expect([path, (await other.post(path, fields)).status]).toEqual([path, 404]);
    expect(await fieldRow(id)).toMatchObject({ label: 'Plan', archived_at: null });
  });
});
