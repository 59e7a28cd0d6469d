import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let agent: Member;
let customer: Member;
let otherCustomer: Member;

const patch = (id: string, body: unknown, as: Member = owner) => t.request(`/api/v1/users/${id}`, { method: 'PATCH', as, body });

beforeAll(async () => {
  owner = await t.org('users-company');
  agent = await t.member(owner, 'agent');
  customer = await t.member(owner, 'customer', 'cara@acme.test');
  otherCustomer = await t.member(await t.org('users-company-b'), 'customer');
});

describe('PATCH /api/v1/users/:id: company and company sharing', () => {
  it("sets a customer's company and sharing, returns them from GET, and writes one audit row", async () => {
    const res = await patch(customer.userId, { company: '  Acme  ', sees_company_tickets: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: customer.userId, role: 'customer', company: 'Acme', sees_company_tickets: true });

    const one = await json<Record<string, unknown>>(await t.request(`/api/v1/users/${customer.userId}`, { as: owner }));
    expect(one).toMatchObject({ email: 'cara@acme.test', company: 'Acme', sees_company_tickets: true });
    const { users } = await json<{ users: { id: string; company: string | null; sees_company_tickets: boolean }[] }>(await t.request('/api/v1/users', { as: agent }));
    expect(users.find((u) => u.id === customer.userId)).toMatchObject({ company: 'Acme', sees_company_tickets: true });
    expect(users.find((u) => u.id === agent.userId)).toMatchObject({ company: null, sees_company_tickets: false });

    const audit = await t.owner`
      select actor_user_id, details from audit_log
      where org_id = ${owner.orgId} and action = 'member.company_change' and target_id = ${customer.userId}`;
    expect(audit).toEqual([{ actor_user_id: owner.userId, details: { changes: { company: [null, 'Acme'], sees_company_tickets: [false, true] } } }]);

    // null clears the company; the same values again change nothing and record nothing.
    expect(await json(await patch(customer.userId, { company: null }))).toMatchObject({ company: null, sees_company_tickets: true });
    expect((await patch(customer.userId, { company: null })).status).toBe(200);
    const [count] = await t.owner<{ n: number }[]>`select count(*)::int as n from audit_log where org_id = ${owner.orgId} and action = 'member.company_change'`;
    expect(count!.n).toBe(2);
  });

  it('refuses company sharing for staff with a 422 that says why, and keeps nothing of the request', async () => {
    const res = await patch(agent.userId, { company: 'Acme', sees_company_tickets: true });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: { code: 'not_customer', message: "Only customers can be allowed to see their company's requests; staff already see every ticket" },
    });
    const [m] = await t.owner`select company, sees_company_tickets from memberships where user_id = ${agent.userId}`;
    expect(m).toEqual({ company: null, sees_company_tickets: false });
    // A company alone is fine for staff (SLA policies match on it).
    expect(await json(await patch(agent.userId, { company: 'Acme' }))).toMatchObject({ role: 'agent', company: 'Acme', sees_company_tickets: false });
  });

  it('takes sharing away from a customer who becomes staff', async () => {
    const later = await t.member(owner, 'customer');
    await patch(later.userId, { company: 'Acme', sees_company_tickets: true });
    expect(await json(await patch(later.userId, { role: 'agent' }))).toMatchObject({ role: 'agent', company: 'Acme', sees_company_tickets: false });
    expect((await patch(later.userId, { role: 'customer', sees_company_tickets: true })).status).toBe(200);
  });

  it('validates the body: a company of 1 to 200 characters or null, a boolean flag', async () => {
    for (const body of [{ company: '' }, { company: '   ' }, { company: 'x'.repeat(201) }, { company: 42 }, { sees_company_tickets: 'yes' }, {}]) {
      const res = await patch(customer.userId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<{ error: { code: string } }>(res)).error.code).toBe('validation_failed');
    }
    expect(await json(await patch(customer.userId, { company: 'x'.repeat(200) }))).toMatchObject({ company: 'x'.repeat(200) });
  });

  it("answers 404 for another org's user and changes nothing there", async () => {
    const res = await patch(otherCustomer.userId, { company: 'Stolen', sees_company_tickets: true });
    expect(res.status).toBe(404);
    expect((await t.request(`/api/v1/users/${otherCustomer.userId}`, { as: owner })).status).toBe(404);
    const [m] = await t.owner`select company, sees_company_tickets from memberships where user_id = ${otherCustomer.userId}`;
    expect(m).toEqual({ company: null, sees_company_tickets: false });
  });

  it('is for users.manage only: an agent or a customer cannot set it', async () => {
    expect((await patch(customer.userId, { company: 'Agentco' }, agent)).status).toBe(403);
    expect((await patch(customer.userId, { sees_company_tickets: false }, customer)).status).toBe(403);
  });
});
