import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

describe('a customer in the portal, in chromium', () => {
  it('opens a request with the fields meant for customers, reads the answer without the internal note, and replies with a file', async () => {
    const owner = await t.org('portal-story');
    const agent = await t.member(owner, 'agent', 'ada@portal-story.test');
    const cleo = await t.member(owner, 'customer', 'cleo@portal-story.test');
    for (const field of [
      { key: 'product', label: 'Product', type: 'dropdown', options: ['Printer', 'Scanner'], visible_to_customers: true },
      { key: 'order_ref', label: 'Order reference', type: 'text', visible_to_customers: true },
      { key: 'root_cause', label: 'Root cause', type: 'text', visible_to_customers: false },
    ]) {
      expect((await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: field })).status).toBe(201);
    }

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'portal-story', cleo.email);
    expect(new URL(page.url()).pathname).toBe('/portal');
    await page.getByText('You have no requests yet').waitFor();
    await b.shot(page, 'portal-1-empty');

    // The form shows the fields for customers, and not the agents' one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New request' }).click();
    await page.waitForURL(`${b.origin}/portal/new`);
    await page.waitForFunction('window.htmx !== undefined');
    const form = page.locator('#new-ticket');
    expect(await form.getByLabel('Product').count()).toBe(1);
    expect(await form.getByLabel('Order reference').count()).toBe(1);
    expect(await form.getByLabel('Root cause').count()).toBe(0);
    expect(await page.content()).not.toContain('root_cause');
    await form.getByLabel('Subject').fill('Scanner makes striped copies');
    await form.getByLabel('Describe your request').fill('Every copy has grey stripes down the middle.');
    await form.getByLabel('Product').selectOption('Scanner');
    await form.getByLabel('Order reference').fill('ORD-2041');
    await form.getByLabel('Attachment (optional)').setInputFiles({ name: 'copy.txt', mimeType: 'text/plain', buffer: Buffer.from('stripes\n') });
    await b.shot(page, 'portal-2-new-request');
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/portal\/tickets\/\d+$/);
    const number = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('link', { name: 'copy.txt' }).waitFor();
    const [stored] = await t.owner`select custom_fields, channel from tickets where org_id = ${owner.orgId} and number = ${number}`;
    expect(stored).toEqual({ custom_fields: { product: 'Scanner', order_ref: 'ORD-2041' }, channel: 'portal' });

    // "My requests" lists it.
    await page.getByRole('link', { name: '← My requests' }).click();
    await page.waitForURL(`${b.origin}/portal`);
    const listed = page.getByRole('row').filter({ hasText: 'Scanner makes striped copies' });
    expect(await listed.textContent()).toContain('Received');
    await b.shot(page, 'portal-3-my-requests');

    // An agent answers (through the API) with a note for colleagues and a reply, and waits on the customer.
    const secret = 'Staff only: the firmware 2.1 rollout broke the scanner calibration';
    for (const body of [{ body: secret, internal: true }, { body: 'Please run the calibration from the Settings menu and tell us if the stripes remain.' }]) {
      expect((await t.request(`/api/v1/tickets/${number}/messages`, { method: 'POST', as: agent, body })).status).toBe(201);
    }
    expect((await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: agent, body: { status: 'pending' } })).status).toBe(200);

    await page.reload();
    expect(await listed.textContent()).toContain('Waiting for your reply');
    await listed.getByRole('link', { name: 'Scanner makes striped copies' }).click();
    await page.waitForURL(`${b.origin}/portal/tickets/${number}`);
    await page.waitForFunction('window.htmx !== undefined');
    const conversation = page.getByRole('list', { name: 'Conversation' });
    await conversation.getByText('Please run the calibration from the Settings menu').waitFor();
    expect(await page.locator('#conversation').textContent()).toContain('Waiting for your reply');
    expect(await page.content()).not.toContain('firmware 2.1');
    expect(await conversation.getByRole('listitem').filter({ hasText: 'Support team' }).count()).toBe(1);
    await b.shot(page, 'portal-4-answered');

    // The customer replies with a file; the request goes back to the team.
    await page.getByLabel('Your message').fill('Calibrated, the stripes are gone. Photo of a clean copy attached.');
    await page.getByLabel('Attachment (optional)').setInputFiles({ name: 'clean-copy.txt', mimeType: 'text/plain', buffer: Buffer.from('no stripes\n') });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await conversation.getByText('Calibrated, the stripes are gone.').waitFor();
    await page.getByRole('link', { name: 'clean-copy.txt' }).waitFor();
    expect(await page.locator('#conversation').textContent()).toContain('Being worked on');
    expect(await page.content()).not.toContain('firmware 2.1');
    await b.shot(page, 'portal-5-replied');
    expect(problems.all()).toEqual([]);
    await page.close();

    const messages = await t.owner`
      select m.internal, u.email, (select array_agg(a.filename) from attachments a where a.org_id = m.org_id and a.message_id = m.id) as files
      from messages m join users u on u.id = m.author_id where m.org_id = ${owner.orgId} and m.ticket_number = ${number} order by m.created_at`;
    expect(messages).toEqual([
      { internal: false, email: cleo.email, files: ['copy.txt'] },
      { internal: true, email: agent.email, files: null },
      { internal: false, email: agent.email, files: null },
      { internal: false, email: cleo.email, files: ['clean-copy.txt'] },
    ]);
    const [after] = await t.owner`select status from tickets where org_id = ${owner.orgId} and number = ${number}`;
    expect(after!.status).toBe('open');
  }, 120_000);
});
