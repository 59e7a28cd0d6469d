import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
const browser = pageClient(t);
let owner: Member;
let ann: Member;
let bob: Member;
let annPage: PageSession;
let bobPage: PageSession;
let annTicket: number;
let bobTicket: number;

async function newTicket(as: Member, subject: string, body: string): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject, body } });
  expect(res.status).toBe(201);
  return (await json<{ number: number }>(res)).number;
}
function replyForm(body: string, file?: { name: string; text: string }): FormData {
  const data = new FormData();
  data.append('body', body);
  data.append('file', file ? new Blob([file.text], { type: 'text/plain' }) : new Blob([], { type: 'application/octet-stream' }), file?.name ?? '');
  return data;
}
/** The text of a page with entities undone, for matching what a person reads. */
const readable = async (res: Response) => (await res.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');

beforeAll(async () => {
  owner = await t.org('company-pages');
  ann = await t.member(owner, 'customer', 'ann@acme.test');
  bob = await t.member(owner, 'customer', 'bob@acme.test');
  await t.owner`update users set name = 'Bob Builder' where id = ${bob.userId}`;
  await t.owner`update memberships set company = 'Acme' where org_id = ${owner.orgId} and user_id in (${ann.userId}, ${bob.userId})`;
  await t.owner`update memberships set sees_company_tickets = true where org_id = ${owner.orgId} and user_id = ${ann.userId}`;
  annTicket = await newTicket(ann, 'Ann printer jam', 'Paper stuck');
  bobTicket = await newTicket(bob, 'Bob invoice wrong', 'The total is off');
  await t.request(`/api/v1/tickets/${bobTicket}/messages`, { method: 'POST', as: owner, body: { body: 'INTERNAL: Bob owes us money', internal: true } });
  await t.request(`/api/v1/tickets/${bobTicket}/messages`, { method: 'POST', as: owner, body: { body: 'We are checking the invoice.' } });
  annPage = await browser.signIn(ann, 'company-pages');
  bobPage = await browser.signIn(bob, 'company-pages');
});

describe("portal: my company's requests", () => {
  it('lists the company section, with who asked, only for a customer allowed to see it', async () => {
    const annHome = await readable(await annPage.get('/portal'));
    expect(annHome).toContain('<h1>My requests</h1>');
    expect(annHome).toContain("My company's requests");
    const [mine, company] = annHome.split('id="company-requests"');
    expect(mine).toContain('Ann printer jam');
    expect(mine).not.toContain('Bob invoice wrong');
    expect(company).toContain(`href="/portal/tickets/${bobTicket}"`);
    expect(company).toMatch(/Bob invoice wrong[\s\S]*Bob Builder/);
    expect(company).not.toContain('Ann printer jam');

    const bobHome = await readable(await bobPage.get('/portal'));
    expect(bobHome).toContain('Bob invoice wrong');
    expect(bobHome).not.toContain("My company's requests");
    expect(bobHome).not.toContain('Ann printer jam');
  });

  it("opens a colleague's request read-only: conversation and status, no reply form, no internal note", async () => {
    const res = await annPage.get(`/portal/tickets/${bobTicket}`);
    expect(res.status).toBe(200);
    const html = await readable(res);
    expect(html).toContain('Bob invoice wrong');
    expect(html).toContain('The total is off');
    expect(html).toContain('We are checking the invoice.');
    expect(html).toMatch(/<strong>Bob Builder<\/strong>/);
    expect(html).toContain('Support team');
    expect(html).toMatch(/class="badge status-open"/);
    expect(html).not.toContain('INTERNAL');
    expect(html).not.toContain('/reply"');
    expect(html).not.toContain('name="body"');
    expect(html).toContain('Bob Builder made this request for your company: only they and the support team can reply to it.');

    // Their own request keeps its reply form; Bob's own view of his is unchanged.
    expect(await readable(await annPage.get(`/portal/tickets/${annTicket}`))).toContain(`hx-post="/portal/tickets/${annTicket}/reply"`);
    const bobsView = await readable(await bobPage.get(`/portal/tickets/${bobTicket}`));
    expect(bobsView).toContain(`hx-post="/portal/tickets/${bobTicket}/reply"`);
    expect(bobsView).not.toContain('made this request for your company');
    expect((await bobPage.get(`/portal/tickets/${annTicket}`)).status).toBe(404);
  });

  it("refuses a reply to a colleague's request with a readable 403, and writes nothing", async () => {
    const before = await t.owner`select id from messages where org_id = ${owner.orgId} and ticket_number = ${bobTicket}`;
    const res = await annPage.post(`/portal/tickets/${bobTicket}/reply`, replyForm('Me too!', { name: 'me-too.txt', text: 'same here' }));
    expect(res.status).toBe(403);
    const html = await readable(res);
    expect(html).toContain(`Request #${bobTicket} was made by a colleague: only they and the support team can reply to it`);
    expect(html).not.toContain('name="body"');
    const after = await t.owner`select id from messages where org_id = ${owner.orgId} and ticket_number = ${bobTicket}`;
    expect(after).toHaveLength(before.length);
    expect(await t.owner`select 1 from attachments where org_id = ${owner.orgId} and filename = 'me-too.txt'`).toEqual([]);
  });

  it('shows the section, empty, to an allowed customer with no colleagues, and nothing once sharing is off', async () => {
    const solo = await t.member(owner, 'customer', 'sol@solo.test');
    await t.owner`update memberships set company = 'Solo Ltd', sees_company_tickets = true where org_id = ${owner.orgId} and user_id = ${solo.userId}`;
    const page = await browser.signIn(solo, 'company-pages');
    expect(await readable(await page.get('/portal'))).toContain('Nobody else at Solo Ltd has a request yet.');
    await t.owner`update memberships set sees_company_tickets = false where org_id = ${owner.orgId} and user_id = ${ann.userId}`;
    try {
      const annHome = await readable(await annPage.get('/portal'));
      expect(annHome).not.toContain("My company's requests");
      expect((await annPage.get(`/portal/tickets/${bobTicket}`)).status).toBe(404);
    } finally {
      await t.owner`update memberships set sees_company_tickets = true where org_id = ${owner.orgId} and user_id = ${ann.userId}`;
    }
  });
});

describe('admin Users page: company', () => {
  it("sets a customer's company and sharing from their row, with an audit row; staff rows have no such form", async () => {
    const carl = await t.member(owner, 'customer', 'carl@globex.test');
    const agent = await t.member(owner, 'agent');
    const admin = await browser.signIn(owner, 'company-pages');
    const page = await readable(await admin.get('/app/admin/users'));
    expect(page).toContain(`hx-post="/app/admin/users/${carl.userId}/company"`);
    expect(page).toMatch(new RegExp(`<label class="sr-only" for="company-${carl.userId}">Company of carl@globex.test</label>`));
    expect(page).toContain(`<label class="check" for="sees-company-${carl.userId}">`);
    expect(page).not.toContain(`/app/admin/users/${agent.userId}/company`);

    const saved = await admin.post(`/app/admin/users/${carl.userId}/company`, { company: ' Globex ', sees_company_tickets: 'on' });
    expect(saved.status).toBe(200);
    const html = await readable(saved);
    expect(html).toContain('Saved: they now see the requests of everyone at Globex.');
    expect(html).toMatch(new RegExp(`id="sees-company-${carl.userId}" name="sees_company_tickets" value="on" checked`));
    const [m] = await t.owner`select company, sees_company_tickets from memberships where user_id = ${carl.userId}`;
    expect(m).toEqual({ company: 'Globex', sees_company_tickets: true });
    const audit = await t.owner`select actor_user_id from audit_log where org_id = ${owner.orgId} and action = 'member.company_change' and target_id = ${carl.userId}`;
    expect(audit).toEqual([{ actor_user_id: owner.userId }]);

    // Unticked and emptied: sharing off, company cleared.
    expect((await admin.post(`/app/admin/users/${carl.userId}/company`, { company: '' })).status).toBe(200);
    const [cleared] = await t.owner`select company, sees_company_tickets from memberships where user_id = ${carl.userId}`;
    expect(cleared).toEqual({ company: null, sees_company_tickets: false });
  });

  it('shows a too-long company on the row, refuses sharing for staff, and 404s for another org', async () => {
    const dana = await t.member(owner, 'customer');
    const agent = await t.member(owner, 'agent');
    const admin = await browser.signIn(owner, 'company-pages');
    const long = await admin.post(`/app/admin/users/${dana.userId}/company`, { company: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(await long.text()).toMatch(new RegExp(`id="member-${dana.userId}-error" role="alert">The company must be at most 200 characters`));
    const staff = await admin.post(`/app/admin/users/${agent.userId}/company`, { company: 'Acme', sees_company_tickets: 'on' });
    expect(staff.status).toBe(422);
    expect(await readable(staff)).toContain("Only customers can be allowed to see their company's requests");

    const other = await t.org('company-pages-2');
    const theirs = await t.member(other, 'customer');
    const res = await admin.post(`/app/admin/users/${theirs.userId}/company`, { company: 'Stolen', sees_company_tickets: 'on' });
    expect(res.status).toBe(404);
    const rows = await t.owner`select company from memberships where user_id in (${dana.userId}, ${agent.userId}, ${theirs.userId}) and company is not null`;
    expect(rows).toEqual([]);
  });
});
