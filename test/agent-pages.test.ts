import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';

/** The agent pages over HTTP: dashboard, queues, saved views, row fragments, bulk actions, search. */
const t = useTestApp();
const FORM = 'application/x-www-form-urlencoded';

let owner: Member;
let agent: Member;
let customer: Member;
let stranger: Member;

async function ticket(as: Member, body: Record<string, unknown>): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { body: 'Details follow.', ...body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { number: number }).number;
}

function page(path: string, as: Member, htmx = false) {
  return t.request(path, { as, headers: { accept: 'text/html', ...(htmx ? { 'hx-request': 'true' } : {}) } });
}

function bulk(as: Member, fields: Record<string, string>) {
  return t.request('/app/queues/bulk', { method: 'POST', as, body: new URLSearchParams(fields).toString(), headers: { 'content-type': FORM, accept: 'text/html', 'hx-request': 'true' } });
}

/** Ticket numbers of the rows in a page or fragment, in order. */
const rowNumbers = (html: string) => [...html.matchAll(/<tr id="ticket-row-(\d+)"/g)].map((m) => Number(m[1]));
const moreHref = (html: string) => /hx-get="([^"]+)" hx-target="#queue-more"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

beforeAll(async () => {
  owner = await t.org('agentpages');
  agent = await t.member(owner, 'agent', 'ada@agentpages.test');
  customer = await t.member(owner, 'customer', 'carla@agentpages.test');
  stranger = await t.org('agentpages-other');
  await t.owner`update users set name = 'Ada Agent' where id = ${agent.userId}`;
});

describe('who may open the agent pages', () => {
  it('sends customers to the portal from every agent page, fragment and the bulk action, showing and changing nothing', async () => {
    const n = await ticket(owner, { subject: 'Customer cannot see queues', requester: { email: customer.email } });
    for (const path of [
      '/app',
      '/app/queues',
      '/app/queues?status=open',
      '/app/queues/rows?status=open',
      `/app/queues/rows/${n}`,
      '/app/queues/nav',
      '/app/search?q=queues',
      `/app/queues/fresh?since=${new Date().toISOString()}`,
    ]) {
      const res = await page(path, customer);
      expect(res.status, path).toBe(302);
      expect(res.headers.get('location'), path).toBe('/portal');
      expect(await res.text(), path).not.toContain('Customer cannot see queues');
    }
    const res = await bulk(customer, { [`pick-${n}`]: String(n), action: 'status', status: 'pending' });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-redirect')).toBe('/portal');
    const [row] = await t.owner<{ status: string }[]>`select status from tickets where org_id = ${owner.orgId} and number = ${n}`;
    expect(row!.status).toBe('new');
  });
});

describe('the dashboard', () => {
  it("shows my unsolved and the unassigned tickets with their counts, and today's created and solved", async () => {
    const org = await t.org('dash');
    const me = await t.member(org, 'agent');
    const mine = await ticket(org, { subject: 'Mine to answer', assignee_id: me.userId });
    await ticket(org, { subject: 'Nobody has this', status: 'open' });
    const solved = await ticket(org, { subject: 'Done already', assignee_id: me.userId });
    expect((await t.request(`/api/v1/tickets/${solved}`, { method: 'PATCH', as: org, body: { status: 'solved' } })).status).toBe(200);
    // A ticket of yesterday (in UTC, the org's zone here) is not today's volume.
    const old = await ticket(org, { subject: 'From yesterday' });
    await t.owner`update tickets set created_at = now() - interval '2 days' where org_id = ${org.orgId} and number = ${old}`;

    const res = await page('/app', me);
    expect(res.status).toBe(200);
    const html = await res.text();
    const stat = (id: string) => new RegExp(`data-testid="${id}"><span class="stat-value">(\\d+)<`).exec(html)?.[1];
    expect(stat('stat-mine')).toBe('1');
    expect(stat('stat-unassigned')).toBe('2');
    expect(stat('stat-created')).toBe('3');
    expect(stat('stat-solved')).toBe('1');
    expect(html).toContain(`id="ticket-row-${mine}"`);
    expect(html).toContain('href="/app/tickets/' + mine + '"');
    expect(html).toContain('Nobody has this');
    expect(html).not.toContain('Done already');
  });

  it('lists the tickets whose SLA target runs out within the hour, soonest first, and not the others', async () => {
    const org = await t.org('dash-sla');
    const cal = await t.request('/api/v1/sla/calendars', { method: 'POST', as: org, body: { name: 'Always', time_zone: 'UTC', always_open: true } });
    const calendarId = ((await cal.json()) as { id: string }).id;
    const policy = await t.request('/api/v1/sla/policies', {
      method: 'POST',
      as: org,
      body: {
        name: 'Standard',
        calendar_id: calendarId,
        targets: {
          urgent: { first_response: { minutes: 15, business_hours: false } },
          normal: { first_response: { minutes: 45, business_hours: false } },
          low: { first_response: { minutes: 600, business_hours: false } },
        },
      },
    });
    expect(policy.status, await policy.clone().text()).toBe(201);
    const normal = await ticket(org, { subject: 'Due in 45 minutes', priority: 'normal' });
    const urgent = await ticket(org, { subject: 'Due in 15 minutes', priority: 'urgent' });
    await ticket(org, { subject: 'Due tomorrow-ish', priority: 'low' });
    const html = await (await page('/app', org)).text();
    expect(html).toMatch(/data-testid="stat-sla"><span class="stat-value">2</);
    const section = html.slice(html.indexOf('id="dash-sla"'), html.indexOf('</table>', html.indexOf('id="dash-sla"')));
    expect([...section.matchAll(/id="sla-row-(\d+)-first_response"/g)].map((m) => Number(m[1]))).toEqual([urgent, normal]);
    expect(section).toMatch(/1[45] mins? left/);
    expect(section).not.toContain('Due tomorrow-ish');
  });

  it("counts today in the org's time zone", async () => {
    const org = await t.org('dash-zone');
    await t.request('/api/v1/org', { method: 'PATCH', as: org, body: { settings: { time_zone: 'Pacific/Kiritimati' } } });
    const n = await ticket(org, { subject: 'Late yesterday there' });
    // 30 hours ago is always before midnight in UTC+14 today... and 20 hours ago is not always; use the zone's own midnight.
    await t.owner`update tickets set created_at = date_trunc('day', now() at time zone 'Pacific/Kiritimati') at time zone 'Pacific/Kiritimati' - interval '1 minute' where org_id = ${org.orgId} and number = ${n}`;
    await ticket(org, { subject: 'Today there' });
    const html = await (await page('/app', org)).text();
    expect(html).toMatch(/data-testid="stat-created"><span class="stat-value">1</);
    expect(html).toContain('in Pacific/Kiritimati');
  });
});

describe('queues', () => {
  let a: number, b: number, c: number, d: number;
  beforeAll(async () => {
    await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['gold', 'free'] } });
    a = await ticket(owner, { subject: 'Invoice missing', priority: 'high', tags: ['billing'], assignee_id: agent.userId, custom_fields: { plan: 'gold' } });
    b = await ticket(owner, { subject: 'Password reset loop', status: 'open', requester: { email: customer.email } });
    c = await ticket(owner, { subject: 'Refund request', tags: ['billing'], custom_fields: { plan: 'free' } });
    d = await ticket(owner, { subject: 'Printer on fire', priority: 'urgent', status: 'pending' });
  });

  it('lists unsolved tickets by default, with the side list of queues and their counts', async () => {
    const res = await page('/app/queues', agent);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(rowNumbers(html)).toEqual(expect.arrayContaining([a, b, c, d]));
    expect(html).toContain('href="/app/tickets/' + a + '"');
    expect(html).toMatch(/href="\/app\/queues\?status=unsolved&amp;assignee=me"><span>My unsolved<\/span><span class="count">1<\/span>/);
    expect(html).toContain('Ada Agent');
    expect(html).toContain('id="bulk-form"');
  });

  it('filters by status, priority, assignee (me, none), tag, requester, custom field, words and date ranges', async () => {
    const rows = async (qs: string) => {
      const res = await page(`/app/queues?${qs}`, agent);
      expect(res.status, qs).toBe(200);
      return rowNumbers(await res.text())
        .filter((n) => [a, b, c, d].includes(n))
        .sort((x, y) => x - y);
    };
    expect(await rows('status=pending')).toEqual([d]);
    expect(await rows('status=&priority=urgent,high')).toEqual([a, d]);
    expect(await rows('assignee=me')).toEqual([a]);
    expect(await rows('status=unsolved&assignee=none')).toEqual([b, c, d]);
    expect(await rows('tag=billing')).toEqual([a, c]);
    expect(await rows(`requester=${encodeURIComponent(customer.email)}`)).toEqual([b]);
    expect(await rows('requester=nobody%40nowhere.test')).toEqual([]);
    expect(await rows('cf.plan=gold')).toEqual([a]);
    expect(await rows('q=printer')).toEqual([d]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await rows(`created_from=${today}&created_to=${today}`)).toEqual([a, b, c, d]);
    expect(await rows('created_to=2000-01-01')).toEqual([]);
    expect(await rows('updated_from=2999-01-01')).toEqual([]);
    // The form shows what was asked for.
    const html = await (await page('/app/queues?priority=urgent&tag=billing', agent)).text();
    expect(html).toMatch(/<option value="urgent" selected="">Urgent<\/option>/);
    expect(html).toContain('name="tag" value="billing"');
  });

  it('refuses filters it cannot run with a 400 that names the field', async () => {
    for (const [qs, field] of [
      ['status=later', 'status'],
      ['created_from=yesterday', 'created_from'],
      ['cf.nope=1', 'cf.nope'],
      ['sort=random', 'sort'],
    ] as const) {
      const res = await page(`/app/queues?${qs}`, agent);
      expect(res.status, qs).toBe(400);
      expect(await res.text(), qs).toContain(field);
    }
  });

  it('sorts and pages with a cursor: "more" loads the next rows as a fragment, then stops', async () => {
    // Tickets of earlier tests are solved first, so the unsolved ones are exactly these four.
    const earlier = await t.owner<{ number: string }[]>`select number::text from tickets where org_id = ${owner.orgId} and number < ${a}`;
    for (const e of earlier) await t.request(`/api/v1/tickets/${e.number}`, { method: 'PATCH', as: owner, body: { status: 'solved' } });
    const first = await (await page('/app/queues?status=unsolved&sort=created_asc&limit=2', agent)).text();
    expect(rowNumbers(first)).toEqual([a, b]);
    const next = moreHref(first);
    expect(next).toMatch(/^\/app\/queues\/rows\?status=unsolved&sort=created_asc&limit=2&cursor=/);
    const second = await page(next!, agent, true);
    expect(second.status).toBe(200);
    const fragment = await second.text();
    expect(fragment).not.toContain('<html');
    expect(rowNumbers(fragment)).toEqual([c, d]);
    const third = moreHref(fragment);
    // Exactly four unsolved tickets: the third page is empty and offers no more.
    if (third) expect(rowNumbers(await (await page(third, agent, true)).text())).toEqual([]);
    expect((await page('/app/queues/rows?cursor=garbage', agent, true)).status).toBe(400);
  });

  it("renders one row as a fragment by ticket number, and 404s another org's number", async () => {
    const res = await page(`/app/queues/rows/${a}`, agent, true);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith(`<tr id="ticket-row-${a}" data-row="" hx-get="/app/queues/rows/${a}" hx-trigger="ticket-${a} from:#live-events"`)).toBe(true);
    expect(html).not.toContain('checked');
    expect(html).toContain('Invoice missing');
    const theirs = await ticket(stranger, { subject: 'Stranger secret' });
    const other = await page(`/app/queues/rows/${theirs + 1000}`, agent, true);
    expect(other.status).toBe(404);
    // The same number in the other org is this org's ticket, never theirs.
    const same = await (await page(`/app/queues/rows/${theirs}`, agent, true)).text();
    expect(same).not.toContain('Stranger secret');
  });
});

describe('saved views as queues', () => {
  it('shows a view with its count and tickets, pages it, and 404s views one may not see', async () => {
    const n1 = await ticket(owner, { subject: 'View one', tags: ['viewtag'] });
    const n2 = await ticket(owner, { subject: 'View two', tags: ['viewtag'] });
    const n3 = await ticket(owner, { subject: 'View three', tags: ['viewtag'] });
    const created = await t.request('/api/v1/views', { method: 'POST', as: agent, body: { name: 'Tagged', filters: { tag: 'viewtag' }, sort: 'created_asc' } });
    const view = ((await created.json()) as { id: string }).id;
    const res = await page(`/app/queues/${view}`, agent);
    expect(res.status, await res.clone().text()).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 id="queue-title">Tagged <span class="count" data-testid="queue-count">3</span>');
    expect(html).toMatch(new RegExp(`href="/app/queues/${view}" aria-current="page"><span>Tagged</span><span class="count">3</span>`));
    expect(rowNumbers(html)).toEqual([n1, n2, n3]);
    expect(moreHref(html)).toBeUndefined();

    // Its own rows endpoint pages it (50 a page: make the cursor by hand from the API).
    const api = (await (await t.request(`/api/v1/views/${view}/tickets?limit=1`, { as: agent })).json()) as { next_cursor: string };
    const rows = await page(`/app/queues/${view}/rows?cursor=${api.next_cursor}`, agent, true);
    expect(rowNumbers(await rows.text())).toEqual([n2, n3]);

    // Someone else's personal view, and another org's view: 404 alike.
    expect((await page(`/app/queues/${view}`, owner)).status).toBe(404);
    expect((await page(`/app/queues/${view}/rows`, owner, true)).status).toBe(404);
    const theirs = await t.request('/api/v1/views', { method: 'POST', as: stranger, body: { name: 'Theirs', filters: {} } });
    const theirId = ((await theirs.json()) as { id: string }).id;
    const cross = await page(`/app/queues/${theirId}`, agent);
    expect(cross.status).toBe(404);
    expect(await cross.text()).not.toContain('Theirs');
    expect((await page(`/app/queues/${theirId}/rows`, agent, true)).status).toBe(404);
  });
});

describe('bulk actions', () => {
  it('assigns the selected tickets and answers each one with its fresh row', async () => {
    const x = await ticket(owner, { subject: 'Bulk x' });
    const y = await ticket(owner, { subject: 'Bulk y' });
    const res = await bulk(agent, { [`pick-${x}`]: String(x), [`pick-${y}`]: String(y), action: 'assign', assignee: agent.userId });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2 of 2 tickets changed');
    expect(html).toContain(`<hx-partial hx-target="#ticket-row-${x}" hx-swap="outerHTML"><tr id="ticket-row-${x}"`);
    expect(html).toContain(`<hx-partial hx-target="#ticket-row-${y}" hx-swap="outerHTML"><tr id="ticket-row-${y}"`);
    const assignees = await t.owner<{ assignee_id: string }[]>`select assignee_id from tickets where org_id = ${owner.orgId} and number in ${t.owner([x, y])}`;
    expect(assignees.map((r) => r.assignee_id)).toEqual([agent.userId, agent.userId]);
    // The queue's side list reloads itself on the event the answer triggers, with the new counts.
    expect(res.headers.get('hx-trigger')).toBe('tickets-changed');
    const nav = await page('/app/queues/nav?current=%2Fapp%2Fqueues%3Fstatus%3Dunsolved%26assignee%3Dme', agent, true);
    const navHtml = await nav.text();
    expect(navHtml.startsWith('<nav id="queue-nav"')).toBe(true);
    expect(navHtml).toContain('hx-trigger="tickets-changed from:body, tickets from:#live-events throttle:2s, resync from:#live-events"');
    expect(navHtml).toMatch(/href="\/app\/queues\?status=unsolved&amp;assignee=me" aria-current="page"><span>My unsolved<\/span><span class="count">[2-9]<\/span>/);
  });

  it('reports a refused ticket by number and reason while the others still change', async () => {
    const fine = await ticket(owner, { subject: 'Goes pending' });
    const done = await ticket(owner, { subject: 'Already solved' });
    await t.request(`/api/v1/tickets/${done}`, { method: 'PATCH', as: owner, body: { status: 'solved' } });
    const res = await bulk(agent, { [`pick-${fine}`]: String(fine), [`pick-${done}`]: String(done), action: 'status', status: 'pending' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('1 of 2 tickets changed; 1 could not be changed');
    expect(html).toMatch(new RegExp(`<li class="failed" data-ticket="${done}">.*not changed: .*solved.*pending`, 's'));
    expect(html).toContain(`<li class="ok" data-ticket="${fine}">`);
    expect(html).toContain(`hx-target="#ticket-row-${fine}"`);
    expect(html).not.toContain(`hx-target="#ticket-row-${done}"`);
    const rows = await t.owner<{ number: string; status: string }[]>`select number::text, status from tickets where org_id = ${owner.orgId} and number in ${t.owner([fine, done])} order by number`;
    expect(rows.map((r) => r.status)).toEqual(['pending', 'solved']);
  });

  it('adds and removes tags, and merges into a ticket, refusing a different requester per ticket', async () => {
    const p = await ticket(owner, { subject: 'Tag me', tags: ['keep'] });
    const added = await bulk(agent, { [`pick-${p}`]: String(p), action: 'tag_add', tags: 'vip, Billing' });
    expect(await added.text()).toContain('tagged vip, billing');
    const removed = await bulk(agent, { [`pick-${p}`]: String(p), action: 'tag_remove', tags: 'vip' });
    expect(removed.status).toBe(200);
    const [row] = await t.owner<{ tags: string[] }[]>`select tags from tickets where org_id = ${owner.orgId} and number = ${p}`;
    expect(row!.tags).toEqual(['keep', 'billing']);

    const target = await ticket(owner, { subject: 'Merge target', requester: { email: 'same@agentpages.test' } });
    const sameRequester = await ticket(owner, { subject: 'Merge me', requester: { email: 'same@agentpages.test' } });
    const otherRequester = await ticket(owner, { subject: 'Someone else', requester: { email: 'other@agentpages.test' } });
    const res = await bulk(agent, {
      [`pick-${target}`]: String(target),
      [`pick-${sameRequester}`]: String(sameRequester),
      [`pick-${otherRequester}`]: String(otherRequester),
      action: 'merge',
      into: `#${target}`,
    });
    const html = await res.text();
    expect(html).toContain('2 of 3 tickets changed');
    expect(html).toContain(`merged into #${target}`);
    expect(html).toMatch(new RegExp(`data-ticket="${otherRequester}">.*not changed: .*different requesters`, 's'));
    const merged = await t.owner<{ number: string; merged_into: string | null }[]>`
      select number::text, merged_into::text from tickets where org_id = ${owner.orgId} and number in ${t.owner([sameRequester, otherRequester])} order by number`;
    expect(merged.map((r) => r.merged_into)).toEqual([String(target), null]);
  });

  it('answers a form it cannot act on with a 400 fragment that says why, changing nothing', async () => {
    const n = await ticket(owner, { subject: 'Untouched' });
    for (const [fields, text] of [
      [{ action: 'status', status: 'pending' }, 'Select at least one ticket'],
      [{ [`pick-${n}`]: String(n), action: 'explode' }, 'Choose an action'],
      [{ [`pick-${n}`]: String(n), action: 'assign', assignee: 'someone' }, 'Choose whom'],
      [{ [`pick-${n}`]: String(n), action: 'merge', into: 'soon' }, 'number of the ticket'],
      [{ [`pick-${n}`]: String(n), action: 'tag_add', tags: 'bad tag!' }, 'bad tag!'],
    ] as const) {
      const res = await bulk(agent, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(text);
    }
    // Another org's ticket number is refused per ticket (not found), not changed.
    const theirs = await ticket(stranger, { subject: 'Theirs to keep' });
    const cross = await bulk(agent, { [`pick-${theirs + 500}`]: String(theirs + 500), action: 'status', status: 'pending' });
    expect(await cross.text()).toContain('0 of 1 tickets changed');
    const [row] = await t.owner<{ status: string }[]>`select status from tickets where org_id = ${stranger.orgId} and number = ${theirs}`;
    expect(row!.status).toBe('new');
  });
});

describe('search', () => {
  it('finds tickets by words in subject and messages, pages with "more", and guides an empty search', async () => {
    const org = await t.org('search-page');
    const found = [];
    for (let i = 0; i < 3; i++) found.push(await ticket(org, { subject: `Shipment ${i}`, body: 'The parcel never arrived' }));
    await ticket(org, { subject: 'Unrelated', body: 'Nothing to see' });
    const res = await page('/app/search?q=parcel&limit=2', org);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Tickets matching “parcel”');
    expect(html).toContain('value="parcel"');
    expect(rowNumbers(html)).toHaveLength(2);
    const more = moreHref(html);
    expect(more).toMatch(/^\/app\/queues\/rows\?q=parcel&limit=2&cursor=/);
    const rest = rowNumbers(await (await page(more!, org, true)).text());
    expect([...rowNumbers(html), ...rest].sort()).toEqual(found.sort());
    const empty = await (await page('/app/search', org)).text();
    expect(empty).toContain('press / to get there');
    const none = await (await page('/app/search?q=zebra', org)).text();
    expect(none).toContain('No ticket matches these words');
  });
});

describe('live lists', () => {
  const freshLink = (html: string) => /id="queue-fresh" aria-live="polite" hx-get="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

  it('draws a queue that listens to the live stream: rows refetch themselves, the notice asks what came in', async () => {
    const n = await ticket(owner, { subject: 'Live row', priority: 'urgent' });
    const html = await (await page('/app/queues?priority=urgent', agent)).text();
    expect(html).toContain('hx-sse:connect="/app/events"');
    expect(html).toContain(
      `<tr id="ticket-row-${n}" data-row="" hx-get="/app/queues/rows/${n}" hx-trigger="ticket-${n} from:#live-events" hx-include="find input[type=checkbox]" hx-swap="outerHTML">`,
    );
    const fresh = freshLink(html)!;
    expect(fresh).toMatch(/^\/app\/queues\/fresh\?status=unsolved&priority=urgent&since=[^&]+&shown=\d+/);
    expect(new URLSearchParams(fresh.split('?')[1]).get('shown')!.split(',')).toContain(String(n));
  });

  it('brings a ticked row back ticked', async () => {
    const n = await ticket(owner, { subject: 'Ticked row' });
    const html = await (await page(`/app/queues/rows/${n}?pick-${n}=${n}`, agent, true)).text();
    expect(html).toContain(`name="pick-${n}" value="${n}" checked=""`);
  });

  it('says how many tickets came into the queue since it was drawn, not counting its own rows, and all changes after a reconnect', async () => {
    const org = await t.org('fresh');
    const me = await t.member(org, 'agent');
    const drawn = await ticket(org, { subject: 'Already on screen', priority: 'high' });
    const html = await (await page('/app/queues?priority=high', me)).text();
    const fresh = freshLink(html)!;
    expect((await (await page(fresh, me, true)).text()).trim()).toBe('');

    // A change to a drawn row: the row refreshes itself, the notice stays quiet.
    await t.request(`/api/v1/tickets/${drawn}`, { method: 'PATCH', as: org, body: { status: 'open' } });
    expect((await (await page(fresh, me, true)).text()).trim()).toBe('');
    // A new ticket in the queue, and one outside it.
    await ticket(org, { subject: 'Came in', priority: 'high' });
    await ticket(org, { subject: 'Elsewhere', priority: 'low' });
    const notice = await (await page(fresh, me, true)).text();
    expect(notice).toContain('1 ticket has come into this queue or changed since you opened it.');
    expect(notice).toContain('hx-get="/app/queues?status=unsolved&amp;priority=high" hx-target="#queue" hx-select="#queue"');
    // After a reconnect the drawn rows may be stale too: they count.
    expect(await (await page(`${fresh}&resync=1`, me, true)).text()).toContain('The live connection was interrupted: 2 tickets in this queue changed meanwhile.');
  });

  it('checks a saved view the same way, 404s a view of another org, and 400s a bad since', async () => {
    const org = await t.org('fresh-view');
    const me = await t.member(org, 'agent');
    const created = await t.request('/api/v1/views', { method: 'POST', as: me, body: { name: 'Billing', filters: { tag: 'billing' } } });
    const view = ((await created.json()) as { id: string }).id;
    const fresh = freshLink(await (await page(`/app/queues/${view}`, me)).text())!;
    expect(fresh).toMatch(new RegExp(`^/app/queues/${view}/fresh\\?since=`));
    await ticket(org, { subject: 'Billing question', tags: ['billing'] });
    expect(await (await page(fresh, me, true)).text()).toContain('1 ticket has come into this queue');
    expect((await page(fresh, agent, true)).status).toBe(404);
    const bad = await page(`/app/queues/${view}/fresh?since=yesterday`, me, true);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('since');
  });

  it('redraws the dashboard whole on any ticket change, and live rows on the search page', async () => {
    const dash = await (await page('/app', agent)).text();
    expect(dash).toContain('hx-sse:connect="/app/events"');
    expect(dash).toContain('<div id="dashboard" hx-get="/app" hx-select="#dashboard" hx-swap="outerHTML" hx-trigger="tickets from:#live-events throttle:2s, resync from:#live-events">');
    // Dashboard rows do not fetch themselves: the whole section is redrawn.
    expect(dash).not.toMatch(/<tr id="ticket-row-\d+" data-row="" hx-get/);
    const n = await ticket(owner, { subject: 'Searchable zebra' });
    const found = await (await page('/app/search?q=zebra', agent)).text();
    expect(found).toContain('hx-sse:connect="/app/events"');
    expect(found).toContain(`hx-trigger="ticket-${n} from:#live-events"`);
  });
});

describe('saving a queue as a view', () => {
  const save = (as: Member, fields: Record<string, string>) =>
    t.request('/app/queues/views', { method: 'POST', as, body: new URLSearchParams(fields).toString(), headers: { 'content-type': FORM, accept: 'text/html', 'hx-request': 'true' } });

  it('saves the filter form as a personal view, opens it, and the view shows the same tickets', async () => {
    const org = await t.org('saveview');
    const me = await t.member(org, 'agent');
    await t.request('/api/v1/custom-fields', { method: 'POST', as: org, body: { key: 'plan', label: 'Plan', type: 'dropdown', options: ['gold', 'free'] } });
    const gold = await ticket(org, { subject: 'Gold and urgent', priority: 'urgent', custom_fields: { plan: 'gold' } });
    await ticket(org, { subject: 'Free and urgent', priority: 'urgent', custom_fields: { plan: 'free' } });
    const form = await (await page('/app/queues?priority=urgent', me)).text();
    expect(form).toContain('hx-post="/app/queues/views" hx-include="#queue-filters"');
    // An agent cannot share with a team: no team choice is offered.
    expect(form).not.toContain('save-view-team');

    const res = await save(me, { view_name: '  Gold urgent ', status: '', priority: 'urgent', 'cf.plan': 'gold', sort: 'created_asc', assignee: '' });
    expect(res.status, await res.clone().text()).toBe(204);
    const location = res.headers.get('hx-redirect')!;
    expect(location).toMatch(/^\/app\/queues\/[0-9a-f-]{36}$/);
    const [row] = await t.owner<{ name: string; filters: unknown; sort: string; owner_user_id: string; team_id: string | null }[]>`
      select name, filters, sort, owner_user_id, team_id from saved_views where id = ${location.split('/').pop()!}`;
    expect(row).toEqual({ name: 'Gold urgent', filters: { priority: 'urgent', cf: { plan: 'gold' } }, sort: 'created_asc', owner_user_id: me.userId, team_id: null });
    const view = await (await page(location, me)).text();
    expect(rowNumbers(view)).toEqual([gold]);
  });

  it('says why nothing was saved: no name, filters that would not run, a team an agent may not share with', async () => {
    const org = await t.org('saveview-bad');
    const me = await t.member(org, 'agent');
    const team = (await (await t.request('/api/v1/teams', { method: 'POST', as: org, body: { name: 'Billing' } })).json()) as { id: string };
    const empty = await save(me, { view_name: '   ', priority: 'urgent' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('The view was not saved: the name must not be empty');
    const badFilter = await save(me, { view_name: 'Broken', priority: 'whenever' });
    expect(badFilter.status).toBe(400);
    expect(await badFilter.text()).toContain('priority');
    const shared = await save(me, { view_name: 'For the team', priority: 'urgent', view_team: team.id });
    expect(shared.status).toBe(403);
    expect(await shared.text()).toContain('Sharing a view with a team takes the lead role or above');
    const [{ n }] = (await t.owner`select count(*)::int as n from saved_views where org_id = ${org.orgId}`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  it("lets a lead share with their team, and refuses another org's team as unknown", async () => {
    const org = await t.org('saveview-lead');
    const lead = await t.member(org, 'lead');
    const team = (await (await t.request('/api/v1/teams', { method: 'POST', as: org, body: { name: 'Tier 2' } })).json()) as { id: string };
    await t.request(`/api/v1/teams/${team.id}/members`, { method: 'PUT', as: org, body: { user_ids: [lead.userId] } });
    expect(await (await page('/app/queues', lead)).text()).toContain('<option value="' + team.id + '">Team Tier 2</option>');
    const res = await save(lead, { view_name: 'Tier 2 unsolved', status: 'unsolved', view_team: team.id });
    expect(res.status, await res.clone().text()).toBe(204);
    const theirs = (await (await t.request('/api/v1/teams', { method: 'POST', as: stranger, body: { name: 'Theirs' } })).json()) as { id: string };
    const cross = await save(lead, { view_name: 'Sneaky', status: 'unsolved', view_team: theirs.id });
    expect(cross.status).toBe(422);
    expect(await cross.text()).toContain(`No team ${theirs.id} in this organization`);
  });
});
