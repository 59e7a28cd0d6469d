import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let customer: Member;
let other: Member;

interface Field {
  id: string;
  key: string;
  type: string;
  options: string[];
  position: number;
  visible_to_customers: boolean;
  required_from: string | null;
}
interface Ticket {
  number: number;
  custom_fields: Record<string, unknown>;
}

const code = async (res: Response) => (await json<{ error: { code: string } }>(res)).error.code;
const postField = (as: Member, body: Record<string, unknown>) => t.request('/api/v1/custom-fields', { method: 'POST', as, body });
const createField = async (body: Record<string, unknown>) => {
  const res = await postField(owner, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Field>(res);
};
const newTicket = async (body: Record<string, unknown> = {}) => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: agent, body: { subject: 'Fields', body: 'x', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Ticket>(res);
};
const numbers = async (query: string, as: Member = agent) => {
  const res = await t.request(`/api/v1/tickets?${query}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ items: Ticket[] }>(res)).items.map((x) => x.number).sort((a, b) => a - b);
};

beforeAll(async () => {
  owner = await t.org('fields-co');
  agent = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer');
  other = await t.org('fields-other');
});

describe('custom field definitions', () => {
  it('are created by admins with their type rules checked, and keys unique', async () => {
    const plan = await createField({ key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Gold'] });
    expect(plan).toMatchObject({ key: 'plan', type: 'dropdown', options: ['Free', 'Gold'], visible_to_customers: false, required_from: null });
    const next = await createField({ key: 'seats', label: 'Seats', type: 'integer' });
    expect(next.position).toBe(plan.position + 1);

    const dup = await postField(owner, { key: 'plan', label: 'Again', type: 'text' });
    expect(dup.status).toBe(409);
    expect(await code(dup)).toBe('custom_field_exists');
    for (const body of [
      { key: 'Bad-Key', label: 'x', type: 'text' },
      { key: '9lives', label: 'x', type: 'text' },
      { key: 'size', label: 'x', type: 'dropdown' },
      { key: 'size', label: 'x', type: 'multi_select', options: [] },
      { key: 'size', label: 'x', type: 'dropdown', options: ['S', 'S'] },
      { key: 'size', label: 'x', type: 'text', options: ['S'] },
      { key: 'size', label: 'x', type: 'regex' },
      { key: 'size', label: 'x', type: 'text', pattern: '^a$' },
      { key: 'size', label: 'x', type: 'regex', pattern: '(' },
      // Valid in PostgreSQL, but not as a JavaScript `u` RegExp.
      { key: 'size', label: 'x', type: 'regex', pattern: '\\q' },
      // Valid in JavaScript, but PostgreSQL has no named groups.
      { key: 'size', label: 'x', type: 'regex', pattern: '^(?<area>\\d{3})$' },
      { key: 'size', label: 'x', type: 'colour' },
    ]) {
      const res = await postField(owner, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const [row] = await t.owner`select count(*)::int as n from custom_fields where org_id = ${owner.orgId} and key = 'size'`;
    expect(row!.n).toBe(0);
    expect((await postField(agent, { key: 'nope', label: 'x', type: 'text' })).status).toBe(403);
    await createField({ key: 'order_ref', label: 'Order', type: 'regex', pattern: '^[A-Z]{2}-\\d{4}$' });
  });

  it('are listed to customers only when visible to customers', async () => {
    await createField({ key: 'shown', label: 'Shown', type: 'text', visible_to_customers: true });
    await createField({ key: 'hidden', label: 'Hidden', type: 'text' });
    const staff = await json<{ items: Field[] }>(await t.request('/api/v1/custom-fields', { as: agent }));
    expect(staff.items.map((f) => f.key)).toEqual(expect.arrayContaining(['shown', 'hidden']));
    const theirs = await json<{ items: Field[] }>(await t.request('/api/v1/custom-fields?archived=true', { as: customer }));
    expect(theirs.items.map((f) => f.key)).toEqual(['shown']);
  });

  it('check ticket values: a dropdown value outside its options is 400, and nothing is created', async () => {
    await createField({ key: 'tier', label: 'Tier', type: 'dropdown', options: ['bronze', 'silver'] });
    const before = await t.owner`select count(*)::int as n from tickets where org_id = ${owner.orgId}`;
    const res = await t.request('/api/v1/tickets', { method: 'POST', as: agent, body: { subject: 'x', body: 'y', custom_fields: { tier: 'platinum' } } });
    expect(res.status).toBe(400);
    const err = await json<{ error: { code: string; details: { path: string }[] } }>(res);
    expect(err.error.code).toBe('validation_failed');
    expect(err.error.details[0]!.path).toBe('custom_fields.tier');
    const after = await t.owner`select count(*)::int as n from tickets where org_id = ${owner.orgId}`;
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await newTicket({ custom_fields: { tier: 'silver', order_ref: 'AB-1234' } })).custom_fields).toMatchObject({ tier: 'silver', order_ref: 'AB-1234' });
    expect((await t.request('/api/v1/tickets', { method: 'POST', as: agent, body: { subject: 'x', body: 'y', custom_fields: { order_ref: 'ab-1' } } })).status).toBe(400);
  });

  it('check every type of value: text, textarea, integer, decimal, date, checkbox, dropdown, multi-select, regex', async () => {
    const org = await t.org('fields-types');
    const types: [string, Record<string, unknown>, unknown, unknown][] = [
      ['f_text', { type: 'text' }, 'short', 'x'.repeat(501)],
      ['f_textarea', { type: 'textarea' }, 'line one\nline two', 42],
      ['f_integer', { type: 'integer' }, 7, 7.5],
      ['f_decimal', { type: 'decimal' }, 7.25, '7.25'],
      ['f_date', { type: 'date' }, '2026-11-22', '22.11.2026'],
      ['f_checkbox', { type: 'checkbox' }, true, 'yes'],
      ['f_dropdown', { type: 'dropdown', options: ['a', 'b'] }, 'b', 'c'],
      ['f_multi', { type: 'multi_select', options: ['a', 'b'] }, ['a', 'b'], ['a', 'z']],
      ['f_regex', { type: 'regex', pattern: '^[0-9]{3}$' }, '123', '12a'],
    ];
    for (const [key, def] of types) {
      expect((await postField(org, { key, label: key, ...def })).status, key).toBe(201);
    }
    for (const [key, , good, bad] of types) {
      const ok = await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: key, body: 'x', custom_fields: { [key]: good } } });
      expect(ok.status, `${key} = ${JSON.stringify(good)}`).toBe(201);
      expect((await json<Ticket>(ok)).custom_fields).toEqual({ [key]: good });
      const refused = await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: key, body: 'x', custom_fields: { [key]: bad } } });
      expect(refused.status, `${key} = ${JSON.stringify(bad)}`).toBe(400);
      expect((await json<{ error: { details: { path: string }[] } }>(refused)).error.details[0]!.path).toMatch(new RegExp(`^custom_fields\\.${key}(\\.|$)`));
    }
    const [row] = await t.owner<{ n: number }[]>`select count(*)::int as n from tickets where org_id = ${org.orgId}`;
    expect(row!.n).toBe(types.length);
  });

  it('block solving a ticket without a field required from solved (422), until it has a value', async () => {
    await createField({ key: 'root_cause', label: 'Root cause', type: 'text', required_from: 'solved' });
    const ticket = await newTicket();
    const res = await t.request(`/api/v1/tickets/${ticket.number}`, { method: 'PATCH', as: agent, body: { status: 'solved' } });
    expect(res.status).toBe(422);
    expect(await code(res)).toBe('custom_fields_required');
    const [row] = await t.owner`select status from tickets where org_id = ${owner.orgId} and number = ${ticket.number}`;
    expect(row!.status).toBe('new');
    const solved = await t.request(`/api/v1/tickets/${ticket.number}`, { method: 'PATCH', as: agent, body: { status: 'solved', custom_fields: { root_cause: 'cable' } } });
    expect(solved.status).toBe(200);
    // Archived, the field is required no more.
    const field = (await json<{ items: (Field & { key: string })[] }>(await t.request('/api/v1/custom-fields', { as: owner }))).items.find((f) => f.key === 'root_cause')!;
    expect((await t.request(`/api/v1/custom-fields/${field.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    const later = await newTicket();
    expect((await t.request(`/api/v1/tickets/${later.number}`, { method: 'PATCH', as: agent, body: { status: 'solved' } })).status).toBe(200);
  });

  it('filter ticket lists with cf.<key>=<value>, typed by the field, multi-select included', async () => {
    await createField({ key: 'langs', label: 'Languages', type: 'multi_select', options: ['en', 'de', 'fr'] });
    await createField({ key: 'ref', label: 'Reference', type: 'text', visible_to_customers: true });
    await createField({ key: 'vip', label: 'VIP', type: 'checkbox' });
    const enDe = await newTicket({ custom_fields: { langs: ['en', 'de'], ref: '42', vip: true } });
    const fr = await newTicket({ custom_fields: { langs: ['fr'], ref: '7' } });
    const de = await newTicket({ custom_fields: { langs: ['de'], seats: 42 } });
    expect(await numbers('cf.langs=de')).toEqual([enDe.number, de.number]);
    expect(await numbers('cf.langs=fr')).toEqual([fr.number]);
    expect(await numbers('cf.langs=de&cf.vip=true')).toEqual([enDe.number]);
    // "42" is text in one field and a number in another: each matches its own.
    expect(await numbers('cf.ref=42')).toEqual([enDe.number]);
    expect(await numbers('cf.seats=42')).toEqual([de.number]);
    for (const bad of ['cf.langs=es', 'cf.nope=1', 'cf.seats=many']) {
      const res = await t.request(`/api/v1/tickets?${bad}`, { as: agent });
      expect(res.status, bad).toBe(400);
    }
    // A customer's copy of their ticket carries only the values of fields visible to customers.
    const theirs = await t.request('/api/v1/tickets', {
      method: 'POST',
      as: agent,
      body: { subject: 'Mixed', body: 'x', requester: { email: customer.email }, custom_fields: { ref: '9', langs: ['fr'], vip: true } },
    });
    const number = (await json<{ number: number }>(theirs)).number;
    const seen = await json<{ custom_fields: Record<string, unknown> }>(await t.request(`/api/v1/tickets/${number}`, { as: customer }));
    expect(seen.custom_fields).toEqual({ ref: '9' });
    const listed = await json<{ items: { number: number; custom_fields: Record<string, unknown> }[] }>(await t.request('/api/v1/tickets', { as: customer }));
    expect(listed.items.find((x) => x.number === number)!.custom_fields).toEqual({ ref: '9' });
    // A customer may filter by a field they see, and not probe one hidden from them.
    expect((await t.request('/api/v1/tickets?cf.ref=42', { as: customer })).status).toBe(200);
    expect((await t.request('/api/v1/tickets?cf.langs=de', { as: customer })).status).toBe(400);
  });

  it('add options freely, and refuse to remove one that tickets still hold (409 with their count)', async () => {
    const size = await createField({ key: 'size', label: 'Size', type: 'multi_select', options: ['S', 'M', 'L'] });
    await newTicket({ custom_fields: { size: ['M', 'L'] } });
    await newTicket({ custom_fields: { size: ['M'] } });
    const patch = (body: Record<string, unknown>) => t.request(`/api/v1/custom-fields/${size.id}`, { method: 'PATCH', as: owner, body });
    const grown = await patch({ options: ['XS', 'S', 'M', 'L', 'XL'], label: 'T-shirt size' });
    expect(grown.status).toBe(200);
    expect(await json<Field>(grown)).toMatchObject({ options: ['XS', 'S', 'M', 'L', 'XL'], key: 'size' });
    const refused = await patch({ options: ['XS', 'L'] });
    expect(refused.status).toBe(409);
    expect(await json<{ error: { code: string; details: unknown } }>(refused)).toMatchObject({ error: { code: 'option_in_use', details: { tickets: 2, options: ['S', 'M', 'XL'] } } });
    expect((await patch({ options: ['M', 'L'] })).status).toBe(200);
    const plain = (await json<{ items: Field[] }>(await t.request('/api/v1/custom-fields', { as: owner }))).items.find((f) => f.key === 'ref')!;
    expect((await t.request(`/api/v1/custom-fields/${plain.id}`, { method: 'PATCH', as: owner, body: { options: ['a'] } })).status).toBe(422);
    const changed = await t.request(`/api/v1/custom-fields/${plain.id}`, { method: 'PATCH', as: owner, body: { required_from: 'closed', visible_to_customers: false, position: 99 } });
    expect(await json<Field>(changed)).toMatchObject({ required_from: 'closed', visible_to_customers: false, position: 99 });
    const cleared = await t.request(`/api/v1/custom-fields/${plain.id}`, { method: 'PATCH', as: owner, body: { required_from: null } });
    expect((await json<Field>(cleared)).required_from).toBeNull();
  });

  it('are archived by DELETE: gone from the list, kept with archived=true, the key still taken', async () => {
    const field = await createField({ key: 'legacy', label: 'Legacy', type: 'date' });
    expect((await t.request(`/api/v1/custom-fields/${field.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    const live = await json<{ items: Field[] }>(await t.request('/api/v1/custom-fields', { as: owner }));
    expect(live.items.map((f) => f.key)).not.toContain('legacy');
    const all = await json<{ items: (Field & { archived_at: string | null })[] }>(await t.request('/api/v1/custom-fields?archived=true', { as: owner }));
    expect(all.items.find((f) => f.key === 'legacy')?.archived_at).toEqual(expect.any(String));
    expect((await postField(owner, { key: 'legacy', label: 'Again', type: 'text' })).status).toBe(409);
    expect((await t.request(`/api/v1/custom-fields/${field.id}`, { method: 'DELETE', as: owner })).status).toBe(404);
    expect((await t.request(`/api/v1/custom-fields/${field.id}`, { method: 'PATCH', as: owner, body: { label: 'x' } })).status).toBe(404);

    const back = await t.request(`/api/v1/custom-fields/${field.id}/unarchive`, { method: 'POST', as: owner });
    expect(back.status).toBe(200);
    const revived = await json<Field & { archived_at: string | null }>(back);
    const positions = (await json<{ items: Field[] }>(await t.request('/api/v1/custom-fields', { as: owner }))).items.map((f) => f.position);
    expect(revived).toMatchObject({ key: 'legacy', label: 'Legacy', archived_at: null, position: Math.max(...positions) });
    expect((await t.request(`/api/v1/custom-fields/${field.id}/unarchive`, { method: 'POST', as: owner })).status).toBe(200);
    const audited = await t.owner<{ action: string }[]>`select action from audit_log where target_id = ${field.id} order by seq`;
    expect(audited.map((a) => a.action)).toEqual(['custom_field.create', 'custom_field.archive', 'custom_field.unarchive']);
  });

  it('change a regex field’s pattern, refusing one that values tickets hold would not match (409 with their count)', async () => {
    const order = await createField({ key: 'order_code', label: 'Order', type: 'regex', pattern: '^[A-Z]{2}-\\d+$' });
    await newTicket({ custom_fields: { order_code: 'AB-12' } });
    const patch = (body: Record<string, unknown>) => t.request(`/api/v1/custom-fields/${order.id}`, { method: 'PATCH', as: owner, body });
    const refused = await patch({ pattern: '^[A-Z]{3}-\\d+$' });
    expect(refused.status).toBe(409);
    expect(await json<{ error: { code: string; details: unknown } }>(refused)).toMatchObject({ error: { code: 'pattern_in_use', details: { tickets: 1 } } });
    const widened = await patch({ pattern: '^[A-Z]{2,3}-\\d+$' });
    expect(widened.status).toBe(200);
    expect((await json<Field & { pattern: string }>(widened)).pattern).toBe('^[A-Z]{2,3}-\\d+$');
    expect((await patch({ pattern: '(' })).status).toBe(400);
    const text = await createField({ key: 'free_note', label: 'Note', type: 'text' });
    const notRegex = await t.request(`/api/v1/custom-fields/${text.id}`, { method: 'PATCH', as: owner, body: { pattern: '^x$' } });
    expect(notRegex.status).toBe(422);
    expect(await code(notRegex)).toBe('pattern_not_allowed');
  });

  it("gives another org a 404 for every field endpoint, and never lists another org's field", async () => {
    const mine = await createField({ key: 'secret', label: 'Secret', type: 'text' });
    for (const [method, body] of [
      ['PATCH', { label: 'Taken' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.request(`/api/v1/custom-fields/${mine.id}`, { method, as: other, ...(body ? { body } : {}) });
      expect(res.status, method).toBe(404);
    }
    expect((await t.request(`/api/v1/custom-fields/${mine.id}/unarchive`, { method: 'POST', as: other })).status).toBe(404);
    const list = await json<{ items: Field[] }>(await t.request('/api/v1/custom-fields?archived=true', { as: other }));
    expect(list.items).toEqual([]);
    expect((await t.request('/api/v1/tickets?cf.secret=x', { as: other })).status).toBe(400);
    const [row] = await t.owner<{ label: string; archived_at: Date | null }[]>`select label, archived_at from custom_fields where id = ${mine.id}`;
    expect(row).toEqual({ label: 'Secret', archived_at: null });
  });
});
