import { beforeAll, describe, expect, it } from 'vitest';
import type { PERMISSIONS } from '#lib/auth/permissions.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import { loadRouteTable, type Route } from '#lib/router/mount.ts';
import { TEST_PASSWORD, useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

/**
 * Every role against every permission-guarded endpoint, built from the route table: a new
 * endpoint needs a sample request here (or a reason to be open) before this test passes.
 */
const t = useTestApp();
let owner: Member;
let routes: Route[];
let seq = 0;

interface Sample {
  path: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  form?: FormData;
}
type Prepare = (role: Role) => Promise<Sample>;

function textFile(text: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
  return data;
}

/** A ticket the role's member may see: they requested it (customers see no other). */
async function ticketFor(role: Role): Promise<number> {
  const res = await t.request('/api/v1/tickets', { method: 'POST', as: owner, body: { subject: `for ${role}`, body: 'x', requester: { email: members.get(role)!.email } } });
  return (await json<{ number: number }>(res)).number;
}

async function teamId(): Promise<string> {
  const res = await t.request('/api/v1/teams', { method: 'POST', as: owner, body: { name: `target ${++seq}` } });
  return (await json<{ id: string }>(res)).id;
}

async function fieldId(): Promise<string> {
  const res = await t.request('/api/v1/custom-fields', { method: 'POST', as: owner, body: { key: `target_${++seq}`, label: 'Target', type: 'text' } });
  return (await json<{ id: string }>(res)).id;
}

async function calendarId(): Promise<string> {
  const res = await t.request('/api/v1/sla/calendars', { method: 'POST', as: owner, body: { name: `calendar ${++seq}`, time_zone: 'UTC', always_open: true } });
  return (await json<{ id: string }>(res)).id;
}

async function policyId(): Promise<string> {
  const res = await t.request('/api/v1/sla/policies', {
    method: 'POST',
    as: owner,
    body: { name: `policy ${++seq}`, calendar_id: await calendarId(), targets: { low: { resolution: { minutes: 600 } } } },
  });
  return (await json<{ id: string }>(res)).id;
}

/** A personal view of the role's member (written directly: customers may not create one). */
async function viewFor(role: Role): Promise<string> {
  const [view] = await t.owner<{ id: string }[]>`
    insert into saved_views (org_id, name, owner_user_id) values (${owner.orgId}, ${`view ${++seq}`}, ${members.get(role)!.userId}) returning id`;
  return view!.id;
}

/** A saved mail template (written directly: only one per kind, and the matrix needs a fresh one per call). */
async function templateId(): Promise<string> {
  await t.owner`delete from mail_templates where org_id = ${owner.orgId} and key = 'ticket_assignment'`;
  const [row] = await t.owner<{ id: string }[]>`
    insert into mail_templates (org_id, key, subject, body_text) values (${owner.orgId}, 'ticket_assignment', 'Yours: {{ticket.subject}}', 'x') returning id`;
  return row!.id;
}

/** A message that failed, so it may be sent again. */
async function failedMailId(): Promise<string> {
  const [row] = await t.owner<{ id: string }[]>`
    insert into outbox (org_id, kind, to_address, subject, body_text, state, next_attempt_at)
    values (${owner.orgId}, 'invitation', ${`rbac${++seq}@rbac.test`}, 'Hi', 'x', 'failed', now() + interval '1 day') returning id`;
  return row!.id;
}

async function mailboxId(): Promise<string> {
  const res = await t.request('/api/v1/mailboxes', { method: 'POST', as: owner, body: { name: `target box ${++seq}`, from_address: `target${seq}@rbac.test` } });
  return (await json<{ id: string }>(res)).id;
}

/** A personal macro of the role's member (written directly: customers may not create one). */
async function macroFor(role: Role): Promise<string> {
  const [macro] = await t.owner<{ id: string }[]>`
    insert into macros (org_id, name, owner_user_id) values (${owner.orgId}, ${`macro ${++seq}`}, ${members.get(role)!.userId}) returning id`;
  return macro!.id;
}

/** A fresh target per call, made by the owner, so the call under test can succeed on its own. */
const SAMPLES: Record<string, Prepare> = {
  'GET /api/v1/org': async () => ({ path: '/api/v1/org' }),
  'PATCH /api/v1/org': async () => ({ path: '/api/v1/org', body: { settings: { greeting: `hi ${++seq}` } } }),
  'GET /api/v1/users': async () => ({ path: '/api/v1/users' }),
  'GET /api/v1/users/:id': async () => ({ path: `/api/v1/users/${owner.userId}` }),
  'PATCH /api/v1/users/:id': async () => ({ path: `/api/v1/users/${(await t.member(owner, 'agent')).userId}`, body: { disabled: true } }),
  'GET /api/v1/invitations': async () => ({ path: '/api/v1/invitations' }),
  'POST /api/v1/invitations': async () => ({ path: '/api/v1/invitations', body: { email: `new${++seq}@rbac.test`, role: 'agent' } }),
  'DELETE /api/v1/invitations/:id': async () => {
    const res = await t.request('/api/v1/invitations', { method: 'POST', as: owner, body: { email: `gone${++seq}@rbac.test`, role: 'agent' } });
    return { path: `/api/v1/invitations/${(await json<{ id: string }>(res)).id}` };
  },
  'GET /api/v1/api-keys': async () => ({ path: '/api/v1/api-keys' }),
  'POST /api/v1/api-keys': async () => ({ path: '/api/v1/api-keys', body: { name: `k${++seq}`, permissions: ['org.read'] } }),
  'DELETE /api/v1/api-keys/:id': async () => {
    const res = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: `d${++seq}`, permissions: ['org.read'] } });
    return { path: `/api/v1/api-keys/${(await json<{ id: string }>(res)).id}` };
  },
  'GET /api/v1/sessions': async () => ({ path: '/api/v1/sessions' }),
  'DELETE /api/v1/sessions/:id': async () => {
    const m = await t.member(owner, 'agent');
    await t.request('/api/v1/auth/login', { method: 'POST', body: { org: 'rbac-co', email: m.email, password: TEST_PASSWORD } });
    const [s] = await t.owner<{ id: string }[]>`select id from sessions where user_id = ${m.userId}`;
    return { path: `/api/v1/sessions/${s!.id}` };
  },
  'GET /api/v1/audit': async () => ({ path: '/api/v1/audit' }),
  'GET /api/v1/tickets': async () => ({ path: '/api/v1/tickets?status=unsolved' }),
  'POST /api/v1/tickets': async () => ({ path: '/api/v1/tickets', body: { subject: `s${++seq}`, body: 'hello' } }),
  'GET /api/v1/tickets/:number': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}` }),
  'PATCH /api/v1/tickets/:number': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}`, body: { priority: 'high' } }),
  'GET /api/v1/tickets/:number/messages': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/messages` }),
  'POST /api/v1/tickets/:number/messages': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/messages`, body: { body: 'a reply' } }),
  'POST /api/v1/tickets/:number/attachments': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/attachments`, form: textFile(`notes for ${role}`) }),
  'GET /api/v1/tickets/:number/attachments': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/attachments` }),
  'GET /api/v1/tickets/counts': async () => ({ path: '/api/v1/tickets/counts' }),
  'GET /api/v1/tickets/:number/history': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/history` }),
  'GET /api/v1/tickets/:number/followers': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/followers` }),
  'POST /api/v1/tickets/:number/followers': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/followers`, body: {} }),
  'DELETE /api/v1/tickets/:number/followers/:user_id': async (role) => {
    const number = await ticketFor(role);
    await t.request(`/api/v1/tickets/${number}/followers`, { method: 'POST', as: owner, body: {} });
    return { path: `/api/v1/tickets/${number}/followers/${owner.userId}` };
  },
  'GET /api/v1/tickets/:number/links': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/links` }),
  'POST /api/v1/tickets/:number/links': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/links`, body: { number: await ticketFor(role) } }),
  'DELETE /api/v1/tickets/:number/links/:other': async (role) => {
    const [a, b] = [await ticketFor(role), await ticketFor(role)];
    await t.request(`/api/v1/tickets/${a}/links`, { method: 'POST', as: owner, body: { number: b } });
    return { path: `/api/v1/tickets/${a}/links/${b}` };
  },
  'POST /api/v1/tickets/:number/merge': async (role) => ({ path: `/api/v1/tickets/${await ticketFor(role)}/merge`, body: { into: await ticketFor(role) } }),
  'GET /api/v1/teams': async () => ({ path: '/api/v1/teams' }),
  'POST /api/v1/teams': async () => ({ path: '/api/v1/teams', body: { name: `team ${++seq}` } }),
  'PATCH /api/v1/teams/:id': async () => ({ path: `/api/v1/teams/${await teamId()}`, body: { round_robin: true } }),
  'DELETE /api/v1/teams/:id': async () => ({ path: `/api/v1/teams/${await teamId()}` }),
  'PUT /api/v1/teams/:id/members': async () => ({ path: `/api/v1/teams/${await teamId()}/members`, body: { user_ids: [owner.userId] } }),
  'GET /api/v1/custom-fields': async () => ({ path: '/api/v1/custom-fields' }),
  'POST /api/v1/custom-fields': async () => ({ path: '/api/v1/custom-fields', body: { key: `field_${++seq}`, label: 'Field', type: 'text' } }),
  'PATCH /api/v1/custom-fields/:id': async () => ({ path: `/api/v1/custom-fields/${await fieldId()}`, body: { label: 'Renamed' } }),
  'DELETE /api/v1/custom-fields/:id': async () => ({ path: `/api/v1/custom-fields/${await fieldId()}` }),
  'POST /api/v1/custom-fields/:id/unarchive': async () => ({ path: `/api/v1/custom-fields/${await fieldId()}/unarchive` }),
  'GET /api/v1/views': async () => ({ path: '/api/v1/views' }),
  'POST /api/v1/views': async () => ({ path: '/api/v1/views', body: { name: `view ${++seq}`, filters: { status: 'unsolved' } } }),
  'PATCH /api/v1/views/:id': async (role) => ({ path: `/api/v1/views/${await viewFor(role)}`, body: { name: 'Renamed' } }),
  'DELETE /api/v1/views/:id': async (role) => ({ path: `/api/v1/views/${await viewFor(role)}` }),
  'GET /api/v1/views/:id/tickets': async (role) => ({ path: `/api/v1/views/${await viewFor(role)}/tickets` }),
  'GET /api/v1/mail/templates': async () => ({ path: '/api/v1/mail/templates' }),
  'GET /api/v1/mail/templates/variables': async () => ({ path: '/api/v1/mail/templates/variables' }),
  'POST /api/v1/mail/templates': async () => {
    await t.owner`delete from mail_templates where org_id = ${owner.orgId} and key = 'ticket_acknowledgement'`;
    return { path: '/api/v1/mail/templates', body: { key: 'ticket_acknowledgement', subject: 'Got it: {{ticket.subject}}', body_text: 'Thanks, {{requester.name}}' } };
  },
  'GET /api/v1/mail/templates/:id': async () => ({ path: `/api/v1/mail/templates/${await templateId()}` }),
  'PATCH /api/v1/mail/templates/:id': async () => ({ path: `/api/v1/mail/templates/${await templateId()}`, body: { subject: 'Assigned: {{ticket.subject}}' } }),
  'DELETE /api/v1/mail/templates/:id': async () => ({ path: `/api/v1/mail/templates/${await templateId()}` }),
  'GET /api/v1/mail/outbox': async () => ({ path: '/api/v1/mail/outbox?state=failed' }),
  'POST /api/v1/mail/outbox/:id/resend': async () => ({ path: `/api/v1/mail/outbox/${await failedMailId()}/resend` }),
  'GET /api/v1/mailboxes': async () => ({ path: '/api/v1/mailboxes' }),
  'POST /api/v1/mailboxes': async () => ({ path: '/api/v1/mailboxes', body: { name: `box ${++seq}`, from_address: `box${seq}@rbac.test` } }),
  'GET /api/v1/mailboxes/:id': async () => ({ path: `/api/v1/mailboxes/${await mailboxId()}` }),
  'PATCH /api/v1/mailboxes/:id': async () => ({ path: `/api/v1/mailboxes/${await mailboxId()}`, body: { signature: '-- ' } }),
  'DELETE /api/v1/mailboxes/:id': async () => ({ path: `/api/v1/mailboxes/${await mailboxId()}` }),
  'POST /api/v1/mailboxes/:id/inbound-token': async () => ({ path: `/api/v1/mailboxes/${await mailboxId()}/inbound-token` }),
  'POST /api/v1/mailboxes/:id/test': async () => ({ path: `/api/v1/mailboxes/${await mailboxId()}/test` }),
  'GET /api/v1/mail/inbound': async () => ({ path: '/api/v1/mail/inbound?outcome=quarantined' }),
  'GET /api/v1/sla/calendars': async () => ({ path: '/api/v1/sla/calendars' }),
  'POST /api/v1/sla/calendars': async () => ({ path: '/api/v1/sla/calendars', body: { name: `cal ${++seq}`, time_zone: 'Europe/Berlin', always_open: true } }),
  'GET /api/v1/sla/calendars/:id': async () => ({ path: `/api/v1/sla/calendars/${await calendarId()}` }),
  'PATCH /api/v1/sla/calendars/:id': async () => ({ path: `/api/v1/sla/calendars/${await calendarId()}`, body: { time_zone: 'America/New_York' } }),
  'DELETE /api/v1/sla/calendars/:id': async () => ({ path: `/api/v1/sla/calendars/${await calendarId()}` }),
  'GET /api/v1/sla/policies': async () => ({ path: '/api/v1/sla/policies' }),
  'POST /api/v1/sla/policies': async () => ({ path: '/api/v1/sla/policies', body: { name: `p ${++seq}`, calendar_id: await calendarId(), targets: { low: { resolution: { minutes: 600 } } } } }),
  'GET /api/v1/sla/policies/:id': async () => ({ path: `/api/v1/sla/policies/${await policyId()}` }),
  'PATCH /api/v1/sla/policies/:id': async () => ({ path: `/api/v1/sla/policies/${await policyId()}`, body: { warn_percent: 70 } }),
  'DELETE /api/v1/sla/policies/:id': async () => ({ path: `/api/v1/sla/policies/${await policyId()}` }),
  'PUT /api/v1/sla/policies/order': async () => ({ path: '/api/v1/sla/policies/order', body: { ids: [await policyId()] } }),
  'GET /api/v1/sla/report': async () => ({ path: '/api/v1/sla/report?group_by=team' }),
  'GET /api/v1/macros': async () => ({ path: '/api/v1/macros' }),
  'POST /api/v1/macros': async () => ({ path: '/api/v1/macros', body: { name: `macro ${++seq}`, body: 'Hi {{requester.first_name}}' } }),
  'GET /api/v1/macros/:id': async (role) => ({ path: `/api/v1/macros/${await macroFor(role)}` }),
  'PATCH /api/v1/macros/:id': async (role) => ({ path: `/api/v1/macros/${await macroFor(role)}`, body: { name: 'Renamed' } }),
  'DELETE /api/v1/macros/:id': async (role) => ({ path: `/api/v1/macros/${await macroFor(role)}` }),
  'GET /api/v1/attachments/:id': async (role) => {
    const number = await ticketFor(role);
    const res = await t.app.request(`/api/v1/tickets/${number}/attachments`, { method: 'POST', headers: { authorization: owner.auth }, body: textFile('x') });
    return { path: `/api/v1/attachments/${(await json<{ id: string }>(res)).id}` };
  },
};

/** Endpoints open to anyone, or to anyone signed in, and why. Everything else must declare a permission. */
const NOT_PERMISSION_GUARDED: Record<string, string> = {
  'GET /api/v1/health': 'load balancers and doctor probe it without credentials',
  'GET /api/v1/openapi.json': 'the public description of the API; no tenant data',
  'GET /api/docs': 'the same description, as a page',
  'POST /api/v1/auth/login': 'how one gets credentials',
  'POST /api/v1/auth/mfa': 'second step of signing in',
  'POST /api/v1/auth/refresh': 'the refresh token is the credential',
  'POST /api/v1/auth/logout': 'signing out must work with an expired access token',
  'POST /api/v1/auth/password/forgot': 'for people who cannot sign in',
  'POST /api/v1/auth/password/reset': 'the emailed token is the credential',
  'POST /api/v1/auth/invitations/accept': 'the emailed token is the credential',
  'POST /api/v1/mail/inbound': "an MTA's pipe: the mailbox's inbound token is the credential",
  'GET /api/v1/me': "the caller's own identity",
  'PATCH /api/v1/me': "the caller's own language and time zone",
  'GET /api/v1/me/sessions': "the caller's own sessions",
  'DELETE /api/v1/me/sessions/:id': "the caller's own sessions",
  'POST /api/v1/me/totp': "the caller's own 2FA",
  'POST /api/v1/me/totp/confirm': "the caller's own 2FA",
  'DELETE /api/v1/me/totp': "the caller's own 2FA",
  'GET /api/v1/notifications': "the caller's own notifications",
  'PATCH /api/v1/notifications/:id': "the caller's own notifications (RLS: 404 for anyone else's)",
};

const members = new Map<Role, Member>();

beforeAll(async () => {
  owner = await t.org('rbac-co');
  members.set('owner', owner);
  for (const role of ROLES.filter((r) => r !== 'owner')) members.set(role, await t.member(owner, role));
  routes = (await loadRouteTable()).routes.filter((r) => r.path.startsWith('/api/'));
});

describe('RBAC matrix', () => {
  it('has a sample for every permission-guarded API endpoint and a reason for every other one', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (typeof r.auth === 'object') {
        if (!SAMPLES[key]) problems.push(`${key} (${r.file}) declares ${r.auth.permission}: add a sample to SAMPLES`);
      } else if (!NOT_PERMISSION_GUARDED[key]) {
        problems.push(`${key} (${r.file}) is '${r.auth}': declare a permission, or add it to NOT_PERMISSION_GUARDED with a reason`);
      }
    }
    for (const key of Object.keys(SAMPLES)) if (!routes.some((r) => `${r.method} ${r.path}` === key)) problems.push(`SAMPLES has ${key}, which no file serves`);
    expect(problems).toEqual([]);
  });

  it('answers every role on every guarded endpoint with 2xx exactly when the role holds the permission', async () => {
    const guarded = routes.filter((r): r is Route & { auth: { permission: (typeof PERMISSIONS)[number] } } => typeof r.auth === 'object');
    expect(guarded.length).toBeGreaterThanOrEqual(Object.keys(SAMPLES).length);
    const mismatches: string[] = [];
    for (const route of guarded) {
      for (const role of ROLES) {
        const sample = await SAMPLES[`${route.method} ${route.path}`]!(role);
        const res = sample.form
          ? await t.app.request(sample.path, { method: route.method, headers: { authorization: members.get(role)!.auth }, body: sample.form })
          : await t.request(sample.path, { method: route.method, as: members.get(role)!, ...(sample.body !== undefined ? { body: sample.body } : {}) });
        const allowed = t.deps.rolePermissions.get(role)!.has(route.auth.permission);
        const ok = allowed ? res.status >= 200 && res.status < 300 : res.status === 403;
        if (!ok) mismatches.push(`${role} ${route.method} ${sample.path} (${route.auth.permission}): expected ${allowed ? '2xx' : '403'}, got ${res.status} ${await res.text()}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000); // every endpoint × every role, each with its own setup: minutes on a busy machine

  it('gives customers nothing of the staff surface', () => {
    const customer = t.deps.rolePermissions.get('customer')!;
    expect([...customer].sort()).toEqual(['org.read', 'tickets.create', 'tickets.read_own', 'tickets.reply']);
  });
});
