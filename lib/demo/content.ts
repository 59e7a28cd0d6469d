import { signAccessToken, type TokenKeys } from '#lib/auth/access-token.ts';
import type { Role } from '#lib/db/tenant.ts';
import { DEMO_PRODUCTS, DEMO_TICKETS } from './tickets.ts';

/** The demo org's staff, created with it (lib/demo-seed.ts). */
export interface DemoStaff {
  orgId: string;
  admin: string;
  ada: string;
  grace: string;
}

type Fetch = (request: Request) => Response | Promise<Response>;

const WEEKDAYS_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }));
const hours = (h: number) => ({ minutes: h * 60, business_hours: true });

/**
 * Fills the new demo org with what a support team has on a normal morning: a team, a custom
 * field customers see, business hours with an SLA policy, a canned response, and eight
 * conversations in every state. It goes through the JSON API of the running app, as each
 * person would (staff and customers signed in as themselves), so every rule, trigger, SLA
 * target, audit row and acknowledgement mail happens as it would for real tickets.
 *
 * @example
 * await seedDemoContent(app.fetch, deps.tokenKeys, staff);
 */
export async function seedDemoContent(fetch: Fetch, keys: TokenKeys, staff: DemoStaff): Promise<{ tickets: number }> {
  const as =
    (userId: string, role: Role) =>
    async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const token = await signAccessToken(keys, { orgId: staff.orgId, userId, role }, 300);
      const res = await fetch(
        new Request(`http://demo.invalid${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      );
      const text = await res.text();
      if (!res.ok) throw new Error(`demo data: ${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
  const admin = as(staff.admin, 'owner');
  const people = { admin: staff.admin, ada: staff.ada, grace: staff.grace };

  const team = await admin<{ id: string }>('POST', '/api/v1/teams', { name: 'Support' });
  await admin('PUT', `/api/v1/teams/${team.id}/members`, { user_ids: [staff.admin, staff.ada, staff.grace] });
  await admin('POST', '/api/v1/custom-fields', { key: 'product', label: 'Product', type: 'dropdown', options: DEMO_PRODUCTS, visible_to_customers: true });
  const calendar = await admin<{ id: string }>('POST', '/api/v1/sla/calendars', {
    name: 'Office hours',
    time_zone: 'Europe/Berlin',
    weekly: WEEKDAYS_9_TO_5,
    holidays: [
      { date: '2026-12-25', recurring: true, name: 'Christmas Day' },
      { date: '2027-01-01', recurring: true, name: "New Year's Day" },
    ],
  });
  await admin('POST', '/api/v1/sla/policies', {
    name: 'Standard support',
    calendar_id: calendar.id,
    targets: {
      urgent: { first_response: hours(1), resolution: hours(8) },
      high: { first_response: hours(2), next_response: hours(4), resolution: hours(16) },
      normal: { first_response: hours(8), next_response: hours(8), resolution: hours(40) },
      low: { first_response: hours(16), resolution: hours(80) },
    },
  });
  await admin('POST', '/api/v1/macros', {
    name: 'Ask for diagnostics',
    body: 'Hi {{requester.first_name}},\n\nthanks for reporting this. Could you send us the diagnostics export (Help → Export diagnostics) from a day when it happened?\n\n{{agent.first_name}}',
    set_status: 'pending',
    shared: true,
  });

  for (const demo of DEMO_TICKETS) {
    const assigneeId = demo.assignee ? people[demo.assignee] : null;
    const ticket = await admin<{ number: number; requester: { id: string } }>('POST', '/api/v1/tickets', {
      subject: demo.subject,
      body: demo.body,
      requester: demo.requester,
      priority: demo.priority,
      type: demo.type,
      tags: demo.tags,
      team_id: team.id,
      ...(assigneeId ? { assignee_id: assigneeId } : {}),
      custom_fields: { product: demo.product },
    });
    const agent = as(assigneeId ?? staff.ada, assigneeId === staff.admin ? 'owner' : assigneeId === staff.grace ? 'lead' : 'agent');
    const customer = as(ticket.requester.id, 'customer');
    const note = as(staff.grace, 'lead');
    for (const step of demo.thread) {
      const path = `/api/v1/tickets/${ticket.number}/messages`;
      if (step.by === 'agent') await agent('POST', path, { body: step.body });
      else if (step.by === 'note') await note('POST', path, { body: step.body, internal: true });
      else await customer('POST', path, { body: step.body });
    }
    if (demo.status) await agent('PATCH', `/api/v1/tickets/${ticket.number}`, { status: demo.status });
  }
  return { tickets: DEMO_TICKETS.length };
}
