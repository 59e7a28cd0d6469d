import { beforeAll, describe, expect, it } from 'vitest';
import { reindexOrgSearch } from '#lib/tickets/search-language.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let en: Member;
let de: Member;
let agent: Member;

interface Ticket {
  number: number;
  created_at: string;
  updated_at: string;
}

const newTicket = async (as: Member, subject: string, body = 'x') => {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as, body: { subject, body } });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<Ticket>(res);
};
const numbers = async (as: Member, query: string) => {
  const res = await t.request(`/api/v1/tickets?${query}`, { as });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await json<{ items: Ticket[] }>(res)).items.map((x) => x.number);
};
const setLanguage = (as: Member, search_language: string) => t.request('/api/v1/org', { method: 'PATCH', as, body: { search_language } });

beforeAll(async () => {
  en = await t.org('search-en');
  de = await t.org('search-de');
  agent = await t.member(en, 'agent');
});

describe('full-text search', () => {
  it("stems words in the org's own language", async () => {
    const res = await setLanguage(de, 'german');
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await json<{ search_language: string }>(res)).toMatchObject({ search_language: 'german' });
    const houses = await newTicket(de, 'Die Häuser brennen', 'Alle Häuser am Markt');
    expect(await numbers(de, 'q=Haus')).toEqual([houses.number]);
    const shoes = await newTicket(en, 'Running shoes', 'The runners keep running');
    expect(await numbers(en, 'q=run')).toEqual([shoes.number]);
    // English does not know that Häuser is the plural of Haus.
    await newTicket(en, 'Häuser in Berlin');
    expect(await numbers(en, 'q=Haus')).toEqual([]);
  });

  it("re-indexes the org's tickets in a background job when the language changes, so old tickets are found in the new one", async () => {
    const org = await t.org('search-switch');
    const old: number[] = [];
    for (let i = 0; i < 5; i++) old.push((await newTicket(org, `Bestellung ${i}`, 'Die Bücher kamen nicht an')).number);
    expect(await numbers(org, 'q=Buch')).toEqual([]);
    expect((await setLanguage(org, 'german')).status).toBe(200);
    const [row] = await t.owner<{ lang: string }[]>`select search_language::text as lang from organizations where id = ${org.orgId}`;
    expect(row!.lang).toBe('german');
    // The request only queued the re-index (one job per org, whatever the number of changes).
    expect((await setLanguage(org, 'german')).status).toBe(200);
    const jobs = await t.owner<{ identifier: string }[]>`
      select k.identifier from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id where j.key = ${`search-reindex:${org.orgId}`}`;
    expect(jobs).toEqual([{ identifier: 'search-reindex' }]);
    // A ticket made meanwhile is indexed in the new language at once; the old ones when the job has run.
    const fresh = await newTicket(org, 'Neue Bestellung', 'Ein Buch fehlt');
    expect(await numbers(org, 'q=Buch')).toEqual([fresh.number]);
    const notified: string[] = [];
    const listener = await t.owner.listen('atum_live', (payload) => notified.push(payload));
    // Batches of two: the job walks the org's tickets in several transactions.
    expect(await reindexOrgSearch(t.deps.unscoped, org.orgId, 2)).toBe(6);
    expect((await numbers(org, 'q=Buch')).sort((a, b) => a - b)).toEqual([...old, fresh.number]);
    // Only search words changed: no live event asks open pages to refetch.
    await t.owner`select pg_notify('atum_live', 'end')`;
    await expect.poll(() => notified.includes('end')).toBe(true);
    expect(
      notified.filter((p) => p.includes(org.orgId)),
      notified.join(' '),
    ).toEqual([]);
    await listener.unlisten();
  });

  it('refuses a language PostgreSQL does not have (422) and callers without settings.manage (403)', async () => {
    const res = await setLanguage(en, 'klingon');
    expect(res.status).toBe(422);
    expect(await json<{ error: { code: string; message: string } }>(res)).toMatchObject({ error: { code: 'invalid_language', message: expect.stringContaining('german') } });
    expect((await setLanguage(en, 'Robert; drop table tickets')).status).toBe(400);
    expect((await setLanguage(agent, 'german')).status).toBe(403);
    const [row] = await t.owner<{ lang: string }[]>`select search_language::text as lang from organizations where id = ${en.orgId}`;
    expect(row!.lang).toBe('english');
  });
});

describe('ticket lists', () => {
  it('filters by tag as the tags change, through ticket_tags, and shows a customer only their own tagged tickets', async () => {
    const org = await t.org('tag-filter');
    const customer = await t.member(org, 'customer');
    const mine = await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: 'VIP one', body: 'x', tags: ['vip', 'billing'], requester: { email: customer.email } } });
    const theirs = await t.request('/api/v1/tickets', { method: 'POST', as: org, body: { subject: 'VIP two', body: 'x', tags: ['vip'] } });
    const [a, b] = [((await mine.json()) as Ticket).number, ((await theirs.json()) as Ticket).number];
    expect(await numbers(org, 'tag=vip&sort=created_asc')).toEqual([a, b]);
    expect(await numbers(customer, 'tag=vip')).toEqual([a]);
    expect((await t.request(`/api/v1/tickets/${a}`, { method: 'PATCH', as: org, body: { tags: ['billing'] } })).status).toBe(200);
    expect(await numbers(org, 'tag=vip')).toEqual([b]);
    expect(await numbers(org, 'tag=billing')).toEqual([a]);
    const rows = await t.owner<{ tag: string; ticket_number: string }[]>`select tag, ticket_number::text from ticket_tags where org_id = ${org.orgId} order by tag, ticket_number`;
    expect(rows).toEqual([
      { tag: 'billing', ticket_number: String(a) },
      { tag: 'vip', ticket_number: String(b) },
    ]);
  });

  it('sort by created or updated time, either way', async () => {
    const org = await t.org('sort-co');
    const [a, b, c] = [await newTicket(org, 'A'), await newTicket(org, 'B'), await newTicket(org, 'C')];
    expect(await numbers(org, 'sort=created_asc')).toEqual([a.number, b.number, c.number]);
    expect(await numbers(org, 'sort=created_desc')).toEqual([c.number, b.number, a.number]);
    expect((await t.request(`/api/v1/tickets/${a.number}`, { method: 'PATCH', as: org, body: { priority: 'high' } })).status).toBe(200);
    expect(await numbers(org, 'sort=updated_desc')).toEqual([a.number, c.number, b.number]);
    expect(await numbers(org, 'sort=updated_asc')).toEqual([b.number, c.number, a.number]);
    expect((await t.request('/api/v1/tickets?sort=random', { as: org })).status).toBe(400);
  });

  it('filter on created and updated ranges (from inclusive, to exclusive)', async () => {
    const org = await t.org('range-co');
    const [a, b, c] = [await newTicket(org, 'A'), await newTicket(org, 'B'), await newTicket(org, 'C')];
    const at = async (n: number) =>
      (
        await t.owner<{ c: string; u: string }[]>`
      select to_char(created_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as c, to_char(updated_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as u
      from tickets where org_id = ${org.orgId} and number = ${n}`
      )[0]!;
    const [tb, tc] = [await at(b.number), await at(c.number)];
    expect(await numbers(org, `created_after=${tb.c}&sort=created_asc`)).toEqual([b.number, c.number]);
    expect(await numbers(org, `created_before=${tb.c}&sort=created_asc`)).toEqual([a.number]);
    expect(await numbers(org, `created_after=${tb.c}&created_before=${tc.c}`)).toEqual([b.number]);
    expect((await t.request(`/api/v1/tickets/${a.number}`, { method: 'PATCH', as: org, body: { priority: 'low' } })).status).toBe(200);
    const ta = await at(a.number);
    expect(await numbers(org, `updated_after=${ta.u}`)).toEqual([a.number]);
    expect(await numbers(org, `updated_before=${ta.u}&sort=created_asc`)).toEqual([b.number, c.number]);
    expect((await t.request('/api/v1/tickets?created_after=yesterday', { as: org })).status).toBe(400);
  });
});
