import { beforeAll, describe, expect, it } from 'vitest';
import { templateProblems, renderHtml, renderText } from '#lib/mail/templates/render.ts';
import { TEMPLATE_VARIABLES, type TemplateValues } from '#lib/mail/templates/variables.ts';
import { useTestApp, type Member } from './helpers/app.ts';
import { json } from './helpers/json-response.ts';

const t = useTestApp();
let owner: Member;
let other: Member;

interface Template {
  id: string | null;
  key: string;
  locale: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  customized: boolean;
}
const list = async (as: Member) => (await json<{ items: Template[] }>(await t.request('/api/v1/mail/templates', { as }))).items;

beforeAll(async () => {
  owner = await t.org('tpl-co');
  other = await t.org('tpl-other-co');
});

describe('mail templates', () => {
  it('lists every kind with its built-in default until the org saves its own', async () => {
    const items = await list(owner);
    // Each catalogue language has its own default of every kind (sql/025: one template per kind and language).
    expect(items.map((i) => [i.key, i.locale, i.customized, i.id])).toEqual([
      ['ticket_acknowledgement', 'en', false, null],
      ['ticket_reply', 'en', false, null],
      ['ticket_assignment', 'en', false, null],
      ['ticket_acknowledgement', 'de', false, null],
      ['ticket_reply', 'de', false, null],
      ['ticket_assignment', 'de', false, null],
    ]);
    for (const item of items) expect(templateProblems(item)).toEqual([]);
    const vars = await json<{ items: { name: string }[] }>(await t.request('/api/v1/mail/templates/variables', { as: owner }));
    expect(vars.items.map((v) => v.name)).toContain('message.body');
  });

  it('refuses unknown variables and stray braces with a 422 naming each, and writes nothing', async () => {
    const res = await t.request('/api/v1/mail/templates', {
      method: 'POST',
      as: owner,
      body: { key: 'ticket_reply', subject: 'Re {{ticket.subjct}}', body_text: 'Hi {{ requester.nam }} {{message.body}}', body_html: '<p>{{ticket.number}</p>' },
    });
    expect(res.status).toBe(422);
    const body = await json<{ error: { code: string; message: string; details: { path: string; message: string }[] } }>(res);
    expect(body.error.code).toBe('invalid_template');
    expect(body.error.message).toContain('unknown variable {{ticket.subjct}}');
    expect(body.error.details).toEqual([
      { path: 'subject', message: 'unknown variable {{ticket.subjct}}' },
      { path: 'body_text', message: 'unknown variable {{requester.nam}}' },
      { path: 'body_html', message: 'a {{ or }} that is not part of a {{variable}}' },
    ]);
    expect((await list(owner)).every((i) => !i.customized)).toBe(true);
    const bad = await t.request('/api/v1/mail/templates', { method: 'POST', as: owner, body: { key: 'nope', subject: 'x', body_text: 'x' } });
    expect(bad.status).toBe(400);
  });

  it('creates, changes and deletes an org template; one per kind', async () => {
    const created = await t.request('/api/v1/mail/templates', {
      method: 'POST',
      as: owner,
      body: { key: 'ticket_reply', subject: 'Re: {{ticket.subject}}', body_text: '{{message.body}}\n-- {{agent.name}}' },
    });
    expect(created.status).toBe(201);
    const tpl = await json<Template>(created);
    expect(tpl).toMatchObject({ key: 'ticket_reply', body_html: null, customized: true });
    expect((await list(owner)).find((i) => i.key === 'ticket_reply')).toMatchObject({ id: tpl.id, customized: true });
    const again = await t.request('/api/v1/mail/templates', { method: 'POST', as: owner, body: { key: 'ticket_reply', subject: 'x', body_text: 'x' } });
    expect(again.status).toBe(409);

    const badPatch = await t.request(`/api/v1/mail/templates/${tpl.id}`, { method: 'PATCH', as: owner, body: { body_text: '{{ticket.owner}}' } });
    expect(badPatch.status).toBe(422);
    const patched = await t.request(`/api/v1/mail/templates/${tpl.id}`, { method: 'PATCH', as: owner, body: { body_html: '<p>{{message.body}}</p>' } });
    expect(patched.status).toBe(200);
    expect(await json<Template>(patched)).toMatchObject({ body_text: '{{message.body}}\n-- {{agent.name}}', body_html: '<p>{{message.body}}</p>' });
    expect((await t.request(`/api/v1/mail/templates/${tpl.id}`, { as: owner })).status).toBe(200);
    const [audit] = await t.owner`select action from audit_log where org_id = ${owner.orgId} and target_id = ${tpl.id} order by seq desc limit 1`;
    expect(audit).toEqual({ action: 'mail_template.update' });

    expect((await t.request(`/api/v1/mail/templates/${tpl.id}`, { method: 'DELETE', as: owner })).status).toBe(204);
    expect((await t.request(`/api/v1/mail/templates/${tpl.id}`, { method: 'DELETE', as: owner })).status).toBe(404);
    expect((await list(owner)).find((i) => i.key === 'ticket_reply')).toMatchObject({ id: null, customized: false });
  });

  it("answers another org's template id with 404 everywhere", async () => {
    const created = await t.request('/api/v1/mail/templates', { method: 'POST', as: owner, body: { key: 'ticket_assignment', subject: 'Yours: {{ticket.subject}}', body_text: 'x' } });
    const { id } = await json<Template>(created);
    expect((await t.request(`/api/v1/mail/templates/${id}`, { as: other })).status).toBe(404);
    expect((await t.request(`/api/v1/mail/templates/${id}`, { method: 'PATCH', as: other, body: { subject: 'stolen' } })).status).toBe(404);
    expect((await t.request(`/api/v1/mail/templates/${id}`, { method: 'DELETE', as: other })).status).toBe(404);
    expect((await list(other)).every((i) => !i.customized)).toBe(true);
    const [row] = await t.owner`select subject from mail_templates where id = ${id}`;
    expect(row).toEqual({ subject: 'Yours: {{ticket.subject}}' });
  });
});

describe('rendering', () => {
  const values = Object.fromEntries(Object.keys(TEMPLATE_VARIABLES).map((k) => [k, ''])) as TemplateValues;
  it('escapes every value in HTML and keeps text as written', () => {
    const v = { ...values, 'ticket.subject': '<img src=x onerror=alert(1)> & "quotes"', 'message.body': 'line 1\nline <2>' };
    expect(renderHtml('<h1>{{ticket.subject}}</h1><div>{{ message.body }}</div>', v)).toBe('<h1>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</h1><div>line 1<br>\nline &lt;2&gt;</div>');
    expect(renderText('{{ticket.subject}}', v)).toBe('<img src=x onerror=alert(1)> & "quotes"');
  });
});
