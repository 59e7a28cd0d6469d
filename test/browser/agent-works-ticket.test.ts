import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../helpers/browser-app.ts';

const b = await useBrowserApp();
const { t } = b;

describe('an agent works a ticket from the queue to solved, in chromium', () => {
  it('reads the customer, adds a note, replies with a file, sets priority and tags, and solves it; the queue and the database follow', async () => {
    const owner = await t.org('works');
    const agent = await t.member(owner, 'agent', 'ada@works.test');
    const cleo = await t.member(owner, 'customer', 'cleo@works.test');
    await t.owner`update users set name = 'Ada Agent' where id = ${agent.userId}`;
    await t.owner`update users set name = 'Cleo Customer' where id = ${cleo.userId}`;
    // Replies are mailed to the customer through the org's mailbox (sql/012_outbound_mail.sql).
    await t.owner`
      insert into mailboxes (org_id, name, smtp_host, smtp_port, smtp_security, from_address, from_name)
      values (${owner.orgId}, 'Support', '127.0.0.1', 2525, 'none', 'help@works.test', 'Works Support')`;
    const created = await t.request('/api/v1/tickets', { method: 'POST', as: cleo, body: { subject: 'Printer jams on page two', body: 'Every print job stops after the first page.' } });
    expect(created.status).toBe(201);
    const number = ((await created.json()) as { number: number }).number;
    const other = await t.request('/api/v1/tickets', { method: 'POST', as: cleo, body: { subject: 'Toner is low', body: 'Can you send a new cartridge?' } });
    expect(other.status).toBe(201);

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'works', agent.email);
    expect(new URL(page.url()).pathname).toBe('/app');

    // The unsolved queue, from the top bar.
    await page.locator('header.topbar nav a', { hasText: 'Queues' }).click();
    await page.waitForURL(`${b.origin}/app/queues`);
    const row = page.locator(`#ticket-row-${number}`);
    expect(await row.textContent()).toContain('Printer jams on page two');
    expect(await row.textContent()).toContain('Cleo Customer');
    await b.shot(page, 'works-1-queue');

    // Open it from its row.
    await row.getByRole('link', { name: 'Printer jams on page two' }).click();
    await page.waitForURL(`${b.origin}/app/tickets/${number}`);
    await page.waitForFunction('window.htmx !== undefined');
    const thread = page.locator('#thread');
    const customerMessage = thread.getByRole('article', { name: 'Customer message from Cleo Customer' });
    expect(await customerMessage.textContent()).toContain('Every print job stops after the first page.');
    await b.shot(page, 'works-2-ticket');

    // An internal note.
    const composer = page.getByRole('form', { name: 'Write a reply or an internal note' });
    await composer.getByLabel('Internal note').check();
    await composer.getByLabel('Message', { exact: true }).fill('Checked the logs: the spooler crashes on duplex jobs.');
    await composer.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').filter({ hasText: 'Internal note added.' }).waitFor();
    const note = thread.getByRole('article', { name: 'Internal note from Ada Agent' });
    expect(await note.textContent()).toContain('the spooler crashes on duplex jobs');
    await b.shot(page, 'works-3-note');

    // A public reply with a file.
    await composer.getByLabel('Public reply').check();
    await composer.getByLabel('Message', { exact: true }).fill('Please turn off duplex printing until the fix is out; the steps are attached.');
    await composer.getByLabel('Attach a file (optional)').setInputFiles({ name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Open printer settings\n2. Untick duplex\n') });
    await composer.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    const reply = thread.getByRole('article', { name: 'Public reply from Ada Agent' });
    expect(await reply.textContent()).toContain('turn off duplex printing');
    await reply.getByRole('link', { name: 'steps.txt' }).waitFor();
    expect(await composer.getByLabel('Message', { exact: true }).inputValue()).toBe('');

    // Priority and tags in the sidebar, each saved as it changes.
    const sidebar = page.getByRole('complementary', { name: 'Ticket properties' });
    await sidebar.getByLabel('Priority').selectOption('high');
    await sidebar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await sidebar.getByLabel('Priority').inputValue()).toBe('high');
    await sidebar.getByLabel('Tags').fill('printer, duplex');
    await sidebar.getByLabel('Tags').press('Enter');
    await expect.poll(() => t.owner`select tags from tickets where org_id = ${owner.orgId} and number = ${number}`.then((r) => r[0]!.tags)).toEqual(['printer', 'duplex']);
    await b.shot(page, 'works-4-replied');

    // Solve.
    await page.getByRole('button', { name: 'Solve' }).click();
    await expect.poll(() => sidebar.getByLabel('Status').inputValue()).toBe('solved');
    await b.shot(page, 'works-5-solved');

    // Back in the queue: gone from "All unsolved", listed under "Solved".
    await page.locator('header.topbar nav a', { hasText: 'Queues' }).click();
    await page.waitForURL(`${b.origin}/app/queues`);
    await page.locator('#queue tbody tr[data-row]').first().waitFor();
    expect(await page.locator(`#ticket-row-${number}`).count()).toBe(0);
    expect(await page.locator('#queue tbody tr[data-row]').allTextContents()).toEqual([expect.stringContaining('Toner is low')]);
    await b.shot(page, 'works-6-queue-after');
    await page
      .locator('#queue-nav')
      .getByRole('link', { name: /^Solved\b/ })
      .click();
    await page.waitForURL(/status=solved/);
    await expect.poll(() => page.locator(`#ticket-row-${number}`).textContent()).toContain('Solved');
    expect(problems.all()).toEqual([]);
    await page.close();

    // Behind the pages: the ticket, its messages with their visibility, and the mailed reply.
    const [ticket] = await t.owner`select status, priority, tags from tickets where org_id = ${owner.orgId} and number = ${number}`;
    expect(ticket).toEqual({ status: 'solved', priority: 'high', tags: ['printer', 'duplex'] });
    const messages = await t.owner`
      select m.internal, u.email, m.body_text, (select array_agg(a.filename) from attachments a where a.org_id = m.org_id and a.message_id = m.id) as files
      from messages m join users u on u.id = m.author_id
      where m.org_id = ${owner.orgId} and m.ticket_number = ${number} order by m.created_at`;
    expect(messages).toEqual([
      { internal: false, email: cleo.email, body_text: 'Every print job stops after the first page.', files: null },
      { internal: true, email: agent.email, body_text: 'Checked the logs: the spooler crashes on duplex jobs.', files: null },
      { internal: false, email: agent.email, body_text: expect.stringContaining('turn off duplex printing'), files: ['steps.txt'] },
    ]);
    const mailed = await t.owner`
      select o.kind, o.to_address, m.body_text from outbox o left join messages m on m.org_id = o.org_id and m.id = o.ticket_message_id
      where o.org_id = ${owner.orgId} and o.ticket_number = ${number} and o.kind = 'ticket_reply'`;
    expect(mailed).toEqual([{ kind: 'ticket_reply', to_address: cleo.email, body_text: expect.stringContaining('turn off duplex printing') }]);
  }, 120_000);

  it('saves only the field changed in a stale sidebar, and a live refresh leaves a field being typed in alone', async () => {
    const owner = await t.org('works-stale');
    const agent = await t.member(owner, 'agent', 'ada@works-stale.test');
    const created = await t.request('/api/v1/tickets', {
      method: 'POST',
      as: owner,
      body: { subject: 'Badge reader offline', body: 'Door 3 does not open.', requester: { email: 'door@works-stale.test' } },
    });
    const number = ((await created.json()) as { number: number }).number;
    const row = () => t.owner`select status, priority, assignee_id, tags from tickets where org_id = ${owner.orgId} and number = ${number}`.then((r) => r[0]);

    const { page, problems } = await b.newPage();
    await b.signIn(page, 'works-stale', agent.email, `/app/tickets/${number}`);
    const sidebar = page.getByRole('complementary', { name: 'Ticket properties' });
    expect(await sidebar.getByLabel('Status').inputValue()).toBe('new');

    // A colleague sets the status and takes the ticket while this page has not heard of it yet
    // (its live refresh held back), then this agent changes the priority.
    await page.route('**/properties', (route) => (route.request().method() === 'GET' ? route.fulfill({ status: 204 }) : route.fallback()));
    const patched = await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body: { status: 'pending', assignee_id: owner.userId } });
    expect(patched.status).toBe(200);
    await sidebar.getByLabel('Priority').selectOption('urgent');
    await sidebar.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await row()).toEqual({ status: 'pending', priority: 'urgent', assignee_id: owner.userId, tags: [] });
    // The save's answer shows the ticket as it now is.
    expect(await sidebar.getByLabel('Status').inputValue()).toBe('pending');
    expect(await sidebar.getByLabel('Assignee').inputValue()).toBe(owner.userId);
    await page.unroute('**/properties');

    // Typing tags while a colleague lowers the priority: the refresh waits for the save.
    await page.evaluate(`document.addEventListener('htmx:before:request', (e) => {
      if (e.detail.ctx.sourceElement.id === 'ticket-properties' && e.defaultPrevented) window.skippedRefreshes = (window.skippedRefreshes || 0) + 1;
    })`);
    await sidebar.getByLabel('Tags').fill('door, vip');
    expect((await t.request(`/api/v1/tickets/${number}`, { method: 'PATCH', as: owner, body: { priority: 'low' } })).status).toBe(200);
    await expect.poll(() => page.evaluate('window.skippedRefreshes ?? 0')).toBeGreaterThan(0);
    expect(await sidebar.getByLabel('Tags').inputValue()).toBe('door, vip');
    await b.shot(page, 'works-7-stale-sidebar');
    await sidebar.getByLabel('Tags').press('Enter');
    await expect.poll(row).toEqual({ status: 'pending', priority: 'low', assignee_id: owner.userId, tags: ['door', 'vip'] });
    await expect.poll(() => sidebar.getByLabel('Priority').inputValue()).toBe('low');
    expect(problems.all()).toEqual([]);
    await page.close();
  }, 120_000);
});
