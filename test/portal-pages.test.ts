import { describe, expect, it } from 'vitest';
import { useTestApp } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);

function ticketForm(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('file', file ? new Blob([file.text], { type: 'text/plain' }) : new Blob([], { type: 'application/octet-stream' }), file?.name ?? '');
  return data;
}

describe('customer portal', () => {
  it('sends a customer from /app to /portal, staff from /portal to /app, and strangers to sign in', async () => {
    const owner = await t.org('portal-routes');
    const customer = await browser.signIn(await t.member(owner, 'customer'), 'portal-routes');
    const app = await customer.get('/app');
    expect(app.status).toBe(302);
    expect(app.headers.get('location')).toBe('/portal');
    expect((await customer.get('/app/account/security')).status).toBe(200);
    const home = await customer.get('/portal');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('You have no requests yet');
    const staff = await browser.signIn(owner, 'portal-routes');
    expect((await staff.get('/portal')).headers.get('location')).toBe('/app');
    const anon = await t.request('/portal', { headers: { accept: 'text/html' } });
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/login?next=%2Fportal');
  });

  it('opens a request with a customer-visible field and an attachment, shows the thread without internal notes, and takes a reply', async () => {
    const owner = await t.org('portal-flow');
    await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['Free', 'Pro'], visible_to_customers: true } });
    await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'churn_risk', label: 'Churn risk', type: 'text' } });
    const customerMember = await t.member(owner, 'customer', 'cleo@portal-flow.test');
    const customer = await browser.signIn(customerMember, 'portal-flow');

    const form = await (await customer.get('/portal/new')).text();
    expect(form).toContain('name="cf_plan"');
    expect(form).not.toContain('Churn risk');

    const bad = await customer.post('/portal/tickets', ticketForm({ subject: ' ', body: 'x', cf_plan: 'Gold' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="ticket-subject-error"[^>]*>Tell us in a few words/);
    const badField = await customer.post('/portal/tickets', ticketForm({ subject: 'Invoice', body: 'Wrong total', cf_plan: 'Gold' }));
    expect(badField.status).toBe(400);
    expect(await badField.text()).toMatch(/id="ticket-cf_plan-error"[^>]*>must be one of Free, Pro/);
    expect(await t.owner`select 1 from tickets where org_id = ${owner.orgId}`).toHaveLength(0);

    const created = await customer.post(
      '/portal/tickets',
      ticketForm({ subject: 'Invoice is wrong', body: 'The total is off by 10.', cf_plan: 'Pro' }, { name: 'invoice.txt', text: 'line 1\nline 2\n' }),
    );
    expect(created.status).toBe(204);
    const location = created.headers.get('hx-redirect');
    expect(location).toMatch(/^\/portal\/tickets\/\d+$/);
    const number = Number(location!.split('/').pop());
    const [ticket] = await t.owner`select channel, custom_fields from tickets where org_id = ${owner.orgId} and number = ${number}`;
    expect(ticket).toMatchObject({ channel: 'portal', custom_fields: { plan: 'Pro' } });
    const files = await t.owner`select a.filename, a.message_id is not null as on_message from attachments a where a.org_id = ${owner.orgId}`;
    expect(files).toEqual([{ filename: 'invoice.txt', on_message: true }]);

    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'INTERNAL: customer is on a discount', internal: true } });
    await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: owner, body: { body: 'We fixed the invoice.' } });
    const page = await customer.get(location!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('The total is off by 10.');
    expect(html).toContain('invoice.txt');
    expect(html).toContain('We fixed the invoice.');
    expect(html).toContain('Support team');
    expect(html).not.toContain('INTERNAL');

    const emptyReply = await customer.post(`/portal/tickets/${number}/reply`, ticketForm({ body: '  ' }));
    expect(emptyReply.status).toBe(400);
    expect(await emptyReply.text()).toMatch(/id="reply-body-error"[^>]*>Write your message first/);
    const reply = await customer.post(`/portal/tickets/${number}/reply`, ticketForm({ body: 'Thanks, all good now.' }, { name: 'receipt.txt', text: 'paid' }));
    expect(reply.status).toBe(200);
    const replyHtml = await reply.text();
    expect(replyHtml).toContain('Reply sent');
    expect(replyHtml).toContain('Thanks, all good now.');
    expect(replyHtml).toContain('receipt.txt');
    expect(replyHtml).not.toContain('INTERNAL');

    const list = await (await customer.get('/portal')).text();
    expect(list).toContain('Invoice is wrong');
  });

  it("gives 404 for another customer's request and another org's, and changes nothing", async () => {
    const owner = await t.org('portal-x');
    const alice = await t.member(owner, 'customer', 'alice@portal-x.test');
    const bob = await browser.signIn(await t.member(owner, 'customer', 'bob@portal-x.test'), 'portal-x');
    const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: 'Alice only', body: 'private', requester: { email: alice.email } } });
    const { number } = (await res.json()) as { number: number };
    expect((await bob.get(`/portal/tickets/${number}`)).status).toBe(404);
    expect((await bob.post(`/portal/tickets/${number}/reply`, ticketForm({ body: 'sneaky' }))).status).toBe(404);
    expect(await (await bob.get('/portal')).text()).not.toContain('Alice only');

    const other = await t.org('portal-x2');
    const stranger = await browser.signIn(await t.member(other, 'customer'), 'portal-x2');
    expect((await stranger.get(`/portal/tickets/${number}`)).status).toBe(404);
    expect(await t.owner`select 1 from messages where org_id = ${owner.orgId} and body_text = 'sneaky'`).toHaveLength(0);
  });
});
