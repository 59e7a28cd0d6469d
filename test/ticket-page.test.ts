import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let other: Member;
let customer: Member;
let stranger: Member;

async function ticket(subject: string, requester = 'ada@example.test'): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject, body: `First words of ${subject}`, requester: { email: requester, name: 'Ada Lovelace' } } });
  expect(res.status).toBe(201);
  return (await json<{ number: number }>(res)).number;
}

function composerForm(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file ? new Blob([file.text], { type: 'text/plain' }) : new Blob([], { type: 'application/octet-stream' }), file?.name ?? '');
  return form;
}

const page = (path: string, as: Member, init: { method?: string; body?: string | FormData; headers?: Record<string, string> } = {}) =>
  t.app.request(path, { method: init.method ?? 'GET', headers: { authorization: as.auth, 'hx-request': 'true', accept: 'text/html', ...init.headers }, ...(init.body ? { body: init.body } : {}) });

const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

beforeAll(async () => {
  owner = await t.org('page-co');
  agent = await t.member(owner, 'agent', 'grace@page-co.test');
  other = await t.member(owner, 'agent', 'linus@page-co.test');
  customer = await t.member(owner, 'customer', 'ada@example.test');
  stranger = await t.org('page-other');
  await t.owner`update users set name = 'Grace Hopper' where id = ${agent.userId}`;
  await t.owner`update users set name = 'Linus Torvalds' where id = ${other.userId}`;
  await t.owner`update users set name = 'Ada Lovelace' where id = ${customer.userId}`;
});

describe('the ticket page', () => {
  it('shows the thread with notes labelled apart from replies, the composer, the sidebar and live wiring', async () => {
    const n = await ticket('Printer on fire');
    await t.request(`/api/v1/tickets/${n}/messages`, { method: 'POST', as: agent, body: { body: 'Checked the toner', internal: true } });
    await t.request(`/api/v1/tickets/${n}/messages`, { method: 'POST', as: agent, body: { body: 'We are on it' } });
    const res = await page(`/app/tickets/${n}`, agent, { headers: { 'hx-request': 'false' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Printer on fire');
    expect(html).toMatch(/<article class="message internal" aria-label="Internal note from Grace Hopper"/);
    expect(html).toMatch(/<article class="message public" aria-label="Public reply from Grace Hopper"/);
    expect(html).toMatch(/<article class="message public" aria-label="Customer message from Ada Lovelace"/);
    expect(html).toContain('hx-sse:connect="/app/events"');
    expect(html).toContain(`hx-trigger="ticket-${n}-thread from:#live-events, resync from:#live-events"`);
    for (const key of ['r', 'n', 'e']) expect(html).toContain(`data-shortcut="${key}"`);
    expect(html).toContain('<script src="/assets/htmx-sse.js" defer=""></script>');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
    expect(html).not.toMatch(/ style=|hx-on/);
    expect(html).toContain('data-testid="sla-badge"');
  });

  it("answers 404 for another org's ticket on the page and every fragment, and sends customers to the portal", async () => {
    const n = await ticket('Only ours');
    const paths = ['', '/thread', '/properties', '/history', '/presence'];
    for (const p of paths) {
      const res = await page(`/app/tickets/${n}${p}`, stranger);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('Only ours');
    }
    for (const [p, body] of [
      ['/properties', form({ status: 'open' })],
      ['/presence', form({ state: 'viewing' })],
      ['/macro', form({ macro_id: crypto.randomUUID() })],
    ] as const) {
      expect((await page(`/app/tickets/${n}${p}`, stranger, body)).status, p).toBe(404);
    }
    expect((await page(`/app/tickets/${n}/messages`, stranger, { method: 'POST', body: composerForm({ body: 'hi', mode: 'reply' }) })).status).toBe(404);
    const [row] = await t.owner<{ status: string; n: number }[]>`
      select status, (select count(*)::int from messages m where m.org_id = t.org_id and m.ticket_number = t.number) as n
      from tickets t where org_id = ${owner.orgId} and number = ${n}`;
    expect(row).toEqual({ status: 'new', n: 1 });
    // Customers have the portal: the agent pages send them there.
    const customerVisit = await page(`/app/tickets/${n}`, customer);
    expect(customerVisit.status).toBe(204);
    expect(customerVisit.headers.get('hx-redirect')).toBe('/portal');
    expect((await page('/app/tickets/abc', agent)).status).toBe(400);
  });

  it('saves properties from the sidebar and says why a change is refused', async () => {
    const n = await ticket('Sidebar');
    const saved = await page(`/app/tickets/${n}/properties`, agent, form({ status: 'open', priority: 'high', type: 'incident', assignee_id: agent.userId, team_id: '', tags: 'VIP, billing' }));
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(html).toContain('Saved.');
    expect(html).toMatch(/<option value="high" selected="">High<\/option>/);
    const after = await json<{ status: string; priority: string; type: string; assignee_id: string; tags: string[] }>(await t.request(`/api/v1/tickets/${n}`, { as: owner }));
    expect(after).toMatchObject({ status: 'open', priority: 'high', type: 'incident', assignee_id: agent.userId, tags: ['vip', 'billing'] });

    // The Solve button sends status alone; the rest stays.
    expect((await page(`/app/tickets/${n}/properties`, agent, form({ status: 'solved' }))).status).toBe(200);
    const refused = await page(`/app/tickets/${n}/properties`, agent, form({ status: 'new' }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/role="alert">A solved ticket cannot become new/);
    const bad = await page(`/app/tickets/${n}/properties`, agent, form({ assignee_id: 'nobody' }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('assignee_id must be a UUID');
    const still = await json<{ status: string; priority: string }>(await t.request(`/api/v1/tickets/${n}`, { as: owner }));
    expect(still).toMatchObject({ status: 'solved', priority: 'high' });
  });

  it('answers a live refresh of the sidebar with 204 while it would show nothing new', async () => {
    const n = await ticket('Refresh');
    const version = async (res: Response) => /<form [^>]*data-version="([^"]+)"/.exec(await res.text())?.[1];
    const first = await page(`/app/tickets/${n}/properties`, agent);
    expect(first.status).toBe(200);
    const seen = await version(first);
    expect(seen).toMatch(/^[\w-]{22}$/);
    const same = await page(`/app/tickets/${n}/properties`, agent, { headers: { 'x-sidebar-version': seen! } });
    expect(same.status).toBe(204);
    expect(await same.text()).toBe('');
    // A save answers the new version, which its own live refresh then finds unchanged.
    const saved = await page(`/app/tickets/${n}/properties`, agent, form({ priority: 'urgent' }));
    const after = await version(saved);
    expect(after).not.toBe(seen);
    expect((await page(`/app/tickets/${n}/properties`, agent, { headers: { 'x-sidebar-version': after! } })).status).toBe(204);
    const changed = await page(`/app/tickets/${n}/properties`, agent, { headers: { 'x-sidebar-version': seen! } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toMatch(/<option value="urgent" selected="">Urgent<\/option>/);
    // Another org's ticket stays a 404, version or not.
    expect((await page(`/app/tickets/${n}/properties`, stranger, { headers: { 'x-sidebar-version': seen! } })).status).toBe(404);
  });

  it('saves custom fields of each kind from the sidebar', async () => {
    for (const body of [
      { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Gold'] },
      { key: 'seats', label: 'Seats', type: 'integer' },
      { key: 'areas', label: 'Areas', type: 'multi_select', options: ['Web', 'Mail', 'Phone'] },
      { key: 'vip', label: 'VIP', type: 'checkbox' },
    ]) {
      expect((await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body })).status).toBe(201);
    }
    const n = await ticket('Fields');
    const html = await (await page(`/app/tickets/${n}/properties`, agent)).text();
    expect(html).toContain('<label for="cf-seats"><span>Seats</span><input id="cf-seats" name="cf.seats" type="number" step="1" value=""/>');
    const res = await page(`/app/tickets/${n}/properties`, agent, form({ 'cf.plan': 'Gold', 'cf.seats': '12', 'cf.areas': '', 'cf.areas.0': 'Web', 'cf.areas.2': 'Phone', 'cf.vip': 'yes' }));
    expect(res.status).toBe(200);
    const after = await json<{ custom_fields: Record<string, unknown> }>(await t.request(`/api/v1/tickets/${n}`, { as: owner }));
    expect(after.custom_fields).toEqual({ plan: 'Gold', seats: 12, areas: ['Web', 'Phone'], vip: true });
    const wrong = await page(`/app/tickets/${n}/properties`, agent, form({ 'cf.seats': 'many' }));
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('custom_fields.seats');
  });

  it('sends replies and notes from the composer, a note with its file hidden from the customer', async () => {
    const n = await ticket('Composer');
    const sent = await page(`/app/tickets/${n}/messages`, agent, { method: 'POST', body: composerForm({ body: 'Only for staff', mode: 'note' }, { name: 'log.txt', text: 'secret log' }) });
    expect(sent.status).toBe(200);
    const html = await sent.text();
    expect(html).toContain('Internal note added.');
    expect(html).toContain('<hx-partial hx-target="#thread" hx-swap="innerHTML">');
    expect(html).toContain('Only for staff');
    expect(html).toContain('log.txt');
    const reply = await page(`/app/tickets/${n}/messages`, agent, { method: 'POST', body: composerForm({ body: 'Public words', mode: 'reply' }) });
    expect(reply.status).toBe(200);

    const seen = await json<{ items: { body: string; internal: boolean; attachments: { filename: string }[] }[] }>(await t.request(`/api/v1/tickets/${n}/messages`, { as: customer }));
    expect(seen.items.map((m) => m.body)).toEqual([`First words of Composer`, 'Public words']);
    const files = await json<{ items: unknown[] }>(await t.request(`/api/v1/tickets/${n}/attachments`, { as: customer }));
    expect(files.items).toEqual([]);
    const staffFiles = await json<{ items: { filename: string; message_id: string | null }[] }>(await t.request(`/api/v1/tickets/${n}/attachments`, { as: owner }));
    expect(staffFiles.items).toEqual([expect.objectContaining({ filename: 'log.txt', message_id: expect.any(String) })]);

    const empty = await page(`/app/tickets/${n}/messages`, agent, { method: 'POST', body: composerForm({ body: '  ', mode: 'reply' }) });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Write a message or attach a file first.');
    const exe = await page(`/app/tickets/${n}/messages`, agent, { method: 'POST', body: composerForm({ body: 'Keep me', mode: 'reply' }, { name: 'x.exe', text: 'MZ\u0090\u0000binary' }) });
    expect(exe.status).toBe(422);
    const exeHtml = await exe.text();
    expect(exeHtml).toContain('This kind of file is not accepted');
    expect(exeHtml).toContain('Keep me</textarea>');
    const [count] = await t.owner<{ n: number }[]>`select count(*)::int as n from messages where org_id = ${owner.orgId} and ticket_number = ${n}`;
    expect(count!.n).toBe(3);
  });

  it('applies a macro: placeholders filled into the draft, status, priority and tags set', async () => {
    const n = await ticket('Macro target');
    const created = await t.request('/api/v1/macros', {
      method: 'POST',
      as: owner,
      body: {
        name: 'Pending on customer',
        body: 'Hi {{requester.first_name}}, about #{{ticket.number}}: could you send a photo? {{agent.name}}',
        shared: true,
        set_status: 'pending',
        set_priority: 'low',
        add_tags: ['waiting'],
      },
    });
    const macro = await json<{ id: string }>(created);
    const res = await page(`/app/tickets/${n}/macro`, agent, form({ macro_id: macro.id, body: 'Thanks for writing.', mode: 'reply' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`Thanks for writing.\n\nHi Ada, about #${n}: could you send a photo? Grace Hopper</textarea>`);
    expect(html).toContain('status is now Pending');
    expect(html).toContain('<hx-partial hx-target="#ticket-properties" hx-swap="innerHTML">');
    const after = await json<{ status: string; priority: string; tags: string[] }>(await t.request(`/api/v1/tickets/${n}`, { as: owner }));
    expect(after).toMatchObject({ status: 'pending', priority: 'low', tags: ['waiting'] });
    const none = await page(`/app/tickets/${n}/macro`, agent, form({ macro_id: '' }));
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('Choose a macro first.');
    const theirs = await json<{ id: string }>(await t.request('/api/v1/macros', { method: 'POST', as: stranger, body: { name: 'Not yours', shared: true } }));
    expect((await page(`/app/tickets/${n}/macro`, agent, form({ macro_id: theirs.id }))).status).toBe(404);
  });

  it('shows who else is viewing or replying, and forgets who left', async () => {
    const n = await ticket('Presence');
    const others = async (as: Member) => [...(await (await page(`/app/tickets/${n}/presence`, as)).text()).matchAll(/data-testid="presence">([^<]+)</g)].map((m) => m[1]);
    expect(await others(agent)).toEqual([]);
    expect((await page(`/app/tickets/${n}/presence`, other, form({ state: 'viewing' }))).status).toBe(204);
    expect((await page(`/app/tickets/${n}/presence`, agent, form({ state: 'viewing' }))).status).toBe(204);
    expect(await others(agent)).toEqual(['Linus Torvalds is viewing']);
    expect(await others(other)).toEqual(['Grace Hopper is viewing']);
    await page(`/app/tickets/${n}/presence`, other, form({ state: 'replying' }));
    expect(await others(agent)).toEqual(['Linus Torvalds is replying']);
    await page(`/app/tickets/${n}/presence`, other, form({ state: 'gone' }));
    expect(await others(agent)).toEqual([]);
    expect((await page(`/app/tickets/${n}/presence`, agent, form({ state: 'dancing' }))).status).toBe(400);
  });

  it('shows the SLA badge with the time left, and says when no policy applies', async () => {
    const n = await ticket('No policy yet');
    expect(await (await page(`/app/tickets/${n}/properties`, agent)).text()).toContain('data-testid="sla-badge">No SLA</span>');
    const cal = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: 'Always', time_zone: 'UTC', always_open: true } });
    expect(cal.status, await cal.clone().text()).toBe(201);
    const policy = await t.request('/api/v1/sla/policies', {
      method: 'POST',
      as: owner,
      body: { name: 'Standard', calendar_id: (await json<{ id: string }>(cal)).id, targets: { normal: { first_response: { minutes: 120 } } } },
    });
    expect(policy.status, await policy.clone().text()).toBe(201);
    const m = await ticket('Under SLA');
    const html = await (await page(`/app/tickets/${m}/properties`, agent)).text();
    expect(html).toMatch(/class="sla sla-ok" data-testid="sla-badge" title="Due [^"]+">SLA first reply: (1 hr 59 mins|2 hrs)( of business time)? left<\/span>/);
  });

  it('lists the history from the audit log in words', async () => {
    const n = await ticket('History');
    await t.request(`/api/v1/tickets/${n}`, { method: 'PATCH', as: agent, body: { status: 'open', assignee_id: other.userId } });
    const html = await (await page(`/app/tickets/${n}?tab=history`, agent, { headers: { 'hx-request': 'false' } })).text();
    expect(html).toContain('created the ticket');
    expect(html).toMatch(
      /Grace Hopper<\/strong> changed (Status from New to Open; changed Assignee from none to Linus Torvalds|Assignee from none to Linus Torvalds; changed Status from New to Open)/,
    );
    expect(html).toContain('aria-selected="true" class="tab active">History');
  });
});
