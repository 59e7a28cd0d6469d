import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signAccessToken } from '#lib/auth/access-token.ts';
import { seedDemoContent } from '#lib/demo/content.ts';
import { DEMO_TICKETS } from '#lib/demo/tickets.ts';
import { seedDemo } from '#lib/demo-seed.ts';
import { useTestApp } from './helpers/app.ts';

const t = useTestApp();

describe('the demo data of a first `npm start`', () => {
  it('creates the demo org with three staff and fills it with conversations in every state, through the API, once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'atum-demo-'));
    const lines: string[] = [];
    const staff = await seedDemo(t.owner, dir, (l) => lines.push(l));
    expect(staff).not.toBeNull();
    const password = /password=(.+)/.exec(await readFile(path.join(dir, 'demo-login.txt'), 'utf8'))![1];
    expect(lines).toContain(`demo login: organization "demo", email admin@demo.local, password ${password}`);
    expect(lines).toContain('demo staff with the same password: ada@demo.local (agent), grace@demo.local (lead)');

    expect(await seedDemoContent(t.app.fetch, t.deps.tokenKeys, staff!)).toEqual({ tickets: DEMO_TICKETS.length });
    const tickets = await t.owner<{ status: string; priority: string; assignee: string | null; product: string; channel: string }[]>`
      select t.status, t.priority, u.email as assignee, t.custom_fields->>'product' as product, t.channel from tickets t
      left join users u on u.id = t.assignee_id where t.org_id = ${staff!.orgId} order by t.number`;
    expect(tickets).toHaveLength(8);
    expect(new Set(tickets.map((x) => x.status))).toEqual(new Set(['new', 'open', 'pending', 'on_hold', 'solved']));
    expect(new Set(tickets.map((x) => x.priority))).toEqual(new Set(['low', 'normal', 'high', 'urgent']));
    expect(tickets.filter((x) => x.assignee === null)).toHaveLength(3);
    expect(tickets.every((x) => x.product)).toBe(true);

    const [counts] = await t.owner<{ notes: number; customer: number; targets: number; acks: number; team: number; macros: number }[]>`
      select (select count(*)::int from messages where org_id = ${staff!.orgId} and internal) as notes,
             (select count(*)::int from messages m join memberships ms on ms.user_id = m.author_id and ms.org_id = m.org_id
                where m.org_id = ${staff!.orgId} and ms.role = 'customer') as customer,
             (select count(*)::int from ticket_sla_targets where org_id = ${staff!.orgId}) as targets,
             (select count(*)::int from outbox where org_id = ${staff!.orgId}) as acks,
             (select count(*)::int from team_members where org_id = ${staff!.orgId}) as team,
             (select count(*)::int from macros where org_id = ${staff!.orgId}) as macros`;
    // 8 first messages and 2 later replies by customers; 2 internal notes; SLA on every ticket.
    expect(counts).toMatchObject({ notes: 2, customer: 10, team: 3, macros: 1 });
    expect(counts!.targets).toBeGreaterThanOrEqual(8);
    expect(counts!.acks).toBeGreaterThan(0);

    // Ada signs in to a queue with the demo tickets in it.
    const ada = `Bearer ${await signAccessToken(t.deps.tokenKeys, { orgId: staff!.orgId, userId: staff!.ada, role: 'agent' })}`;
    const queue = await t.request('/app/queues', { headers: { accept: 'text/html', authorization: ada } });
    expect(queue.status).toBe(200);
    expect(await queue.text()).toContain('VPN disconnects every hour since the last update');

    // A second start finds the org and adds nothing.
    expect(await seedDemo(t.owner, dir, () => {})).toBeNull();
    const [again] = await t.owner<{ n: number }[]>`select count(*)::int as n from organizations`;
    expect(again!.n).toBe(1);
  }, 60_000);
});
