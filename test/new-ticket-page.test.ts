import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient, type PageSession } from './helpers/page-client.ts';

const t = useTestApp();
const browser = pageClient(t);
let owner: Member;
let agent: Member;
let stranger: Member;
let as: PageSession;
let team: string;
let foreignTeam: string;

function ticketForm(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // What a browser sends for an empty file input: an empty part without a name.
  form.append('file', file ? new Blob([file.text], { type: 'text/plain' }) : new Blob([]), file?.name ?? '');
  return form;
}

const count = async (orgId: string) => (await t.owner`select count(*)::int as n from tickets where org_id = ${orgId}`)[0]!.n as number;

beforeAll(async () => {
  owner = await t.org('newt-co');
  agent = await t.member(owner, 'agent', 'ada@newt-co.test');
  stranger = await t.org('newt-other');
  await t.owner`update users set name = 'Ada Agent' where id = ${agent.userId}`;
  for (const field of [
    { key: 'product', label: 'Product', type: 'dropdown', options: ['Printer', 'Scanner'], visible_to_customers: true },
    { key: 'seats', label: 'Seats', type: 'integer' },
    { key: 'root_cause', label: 'Root cause', type: 'text' },
  ]) {
    expect((await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: field })).status).toBe(201);
  }
  team = ((await (await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name: 'Hardware' } })).json()) as { id: string }).id;
  foreignTeam = ((await (await t.request('/api/v1/teams', { method: 'POST', as: stranger, body: { name: 'Theirs' } })).json()) as { id: string }).id;
  as = await browser.signIn(agent, 'newt-co');
});

describe("the agents' new-ticket page", () => {
  it('offers requester, subject, description, properties, every custom field and a file, and the top bar links to it', async () => {
    const res = await as.get('/app/tickets/new');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<a href="/app/tickets/new" aria-current="page">New ticket</a>');
    for (const name of ['requester_email', 'requester_name', 'subject', 'body', 'priority', 'type', 'assignee_id', 'team_id', 'tags', 'cf_product', 'cf_seats', 'cf_root_cause', 'file']) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain('<label for="ticket-cf_root_cause"><span>Root cause</span></label>');
    expect(html).toMatch(/<option value="[^"]+">Ada Agent<\/option>/);
    expect(html).toContain(`<option value="${team}">Hardware</option>`);
    expect(html).toContain('<option value="normal" selected="">Normal</option>');
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]| style=|hx-on/);
  });

  it('opens the ticket for the customer, with the first message theirs and the file on it, and goes to it', async () => {
    const res = await as.post(
      '/app/tickets',
      ticketForm(
        {
          requester_email: 'walk.in@example.test',
          requester_name: 'Walter In',
          subject: 'Scanner jams',
          body: 'Came to the desk: the scanner jams on thick paper.',
          priority: 'high',
          type: 'incident',
          assignee_id: agent.userId,
          team_id: team,
          tags: 'walk-in, Hardware',
          cf_product: 'Scanner',
          cf_seats: '3',
          cf_root_cause: 'Worn roller',
        },
        { name: 'jam.txt', text: 'photo to follow' },
      ),
    );
    expect(res.status).toBe(204);
    const location = res.headers.get('hx-redirect');
    expect(location).toMatch(/^\/app\/tickets\/\d+$/);
    const number = Number(location!.split('/').pop());
    const [ticket] = await t.owner`
      select t.subject, t.status, t.priority, t.type, t.channel, t.assignee_id, t.team_id, t.tags, t.custom_fields, u.email, u.name, m.role
      from tickets t join users u on u.id = t.requester_id join memberships m on m.user_id = u.id and m.org_id = t.org_id
      where t.org_id = ${owner.orgId} and t.number = ${number}`;
    expect(ticket).toEqual({
      subject: 'Scanner jams',
      status: 'new',
      priority: 'high',
      type: 'incident',
      channel: 'web',
      assignee_id: agent.userId,
      team_id: team,
      tags: ['walk-in', 'hardware'],
      custom_fields: { product: 'Scanner', seats: 3, root_cause: 'Worn roller' },
      email: 'walk.in@example.test',
      name: 'Walter In',
      role: 'customer',
    });
    const messages = await t.owner`
      select m.internal, u.email, m.body_text, (select array_agg(a.filename) from attachments a where a.org_id = m.org_id and a.message_id = m.id) as files
      from messages m join users u on u.id = m.author_id where m.org_id = ${owner.orgId} and m.ticket_number = ${number}`;
    expect(messages).toEqual([{ internal: false, email: 'walk.in@example.test', body_text: 'Came to the desk: the scanner jams on thick paper.', files: ['jam.txt'] }]);
    expect((await as.get(location!)).status).toBe(200);
  });

  it('says beside each field what is missing or wrong, keeps what was typed, and creates nothing', async () => {
    const before = await count(owner.orgId);
    const empty = await as.post('/app/tickets', ticketForm({ requester_email: '', subject: ' ', body: '' }));
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('<div class="field-error" id="ticket-requester_email-error">Who is the ticket for? Give their email address</div>');
    expect(html).toContain('<div class="field-error" id="ticket-subject-error">Say in a few words what it is about</div>');
    expect(html).toContain('<div class="field-error" id="ticket-body-error">Describe the request</div>');
    expect(html).toContain('aria-invalid="true"');

    const wrong = await as.post('/app/tickets', ticketForm({ requester_email: 'not-an-address', subject: 'Kept subject', body: 'Kept words', tags: 'ok, not ok!' }));
    expect(wrong.status).toBe(400);
    const again = await wrong.text();
    expect(again).toContain('must be an email address');
    expect(again).toContain('<div class="field-error" id="ticket-tags-error">must be 1-50 letters, digits or _-.:/</div>');
    expect(again).toContain('value="Kept subject"');
    expect(again).toContain('Kept words</textarea>');

    const seats = await as.post('/app/tickets', ticketForm({ requester_email: 'kim@example.test', subject: 'Seats', body: 'How many?', cf_seats: 'many' }));
    expect(seats.status).toBe(400);
    expect(await seats.text()).toMatch(/<div class="field-error" id="ticket-cf_seats-error">[^<]+<\/div>/);
    expect(await count(owner.orgId)).toBe(before);
  });

  it("refuses another org's team or person as unknown ones, without creating anything", async () => {
    const before = await count(owner.orgId);
    const base = { requester_email: 'kim@example.test', subject: 'Cross', body: 'Cross-tenant ids' };
    const team = await as.post('/app/tickets', ticketForm({ ...base, team_id: foreignTeam }));
    expect(team.status).toBe(400);
    expect(await team.text()).toContain('<div class="field-error" id="ticket-team_id-error">Choose one of the teams listed</div>');
    const person = await as.post('/app/tickets', ticketForm({ ...base, assignee_id: stranger.userId }));
    expect(person.status).toBe(400);
    expect(await person.text()).toContain('<div class="field-error" id="ticket-assignee_id-error">Choose one of the people listed</div>');
    expect(await count(owner.orgId)).toBe(before);
    expect(await count(stranger.orgId)).toBe(0);
  });

  it('sends customers to the portal and strangers to sign in', async () => {
    const customer = await t.member(owner, 'customer', 'cleo@newt-co.test');
    const cleo = await browser.signIn(customer, 'newt-co');
    const page = await cleo.get('/app/tickets/new');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/portal');
    const before = await count(owner.orgId);
    const post = await cleo.post('/app/tickets', ticketForm({ requester_email: 'kim@example.test', subject: 'Sneaky', body: 'x' }));
    expect(post.headers.get('hx-redirect')).toBe('/portal');
    expect(await count(owner.orgId)).toBe(before);
    const anonymous = await t.request('/app/tickets/new', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fapp%2Ftickets%2Fnew');
  });
});
