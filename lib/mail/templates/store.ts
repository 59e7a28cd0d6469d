import type { TransactionSql } from '#lib/db/pool.ts';
import { HttpError } from '#lib/http/errors.ts';
import { LOCALES, type Locale } from '#lib/i18n/locales.ts';
import { forReader } from '#lib/i18n/reader.ts';
import { defaultTemplate, TEMPLATE_KEYS, type MailTemplate, type TemplateKey } from './defaults.ts';
import { templateProblems } from './render.ts';
import { t } from '#lib/i18n/translate.ts';

export interface TemplateRow extends MailTemplate {
  id: string;
  key: TemplateKey;
  locale: Locale;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, key, locale, subject, body_text, body_html, updated_by, created_at, updated_at';

/**
 * Every kind in every language with what is in force: the org's own template where it saved one
 * (`id` set), else the built-in default of that language (`id: null`). `locale` narrows to one language.
 */
export async function listTemplates(tx: TransactionSql, locale?: Locale) {
  const rows = await tx.unsafe<TemplateRow[]>(`select ${COLUMNS} from mail_templates`);
  return (locale ? [locale] : LOCALES).flatMap((lang) =>
    TEMPLATE_KEYS.map((key) => {
      const own = rows.find((r) => r.key === key && r.locale === lang);
      if (own) return serializeTemplate(own);
      const fallback = forReader({ locale: lang, timeZone: 'UTC' }, () => defaultTemplate(key));
      return { id: null, key, locale: lang, ...fallback, customized: false, updated_by: null, created_at: null, updated_at: null };
    }),
  );
}

/** One saved template; another org's id is a 404, by RLS. */
export async function findTemplate(tx: TransactionSql, id: string, opts: { lock?: boolean } = {}): Promise<TemplateRow> {
  const [row] = await tx.unsafe<TemplateRow[]>(`select ${COLUMNS} from mail_templates where id = $1${opts.lock ? ' for update' : ''}`, [id]);
  if (!row) throw new HttpError(404, 'not_found', t('error.mail_template_not_found', { id }));
  return row;
}

/**
 * What a send to a reader of `locale` uses: the org's template of that kind in that language,
 * else the default in that language. An org's wording in another language is never sent instead:
 * a German customer reads the German default rather than the org's English.
 */
export async function effectiveTemplate(tx: TransactionSql, key: TemplateKey, locale: Locale): Promise<MailTemplate> {
  const [row] = await tx<MailTemplate[]>`select subject, body_text, body_html from mail_templates where key = ${key} and locale = ${locale}`;
  return row ?? forReader({ locale, timeZone: 'UTC' }, () => defaultTemplate(key));
}

/** 422 naming every unknown variable or stray brace, before anything is written. */
function assertValidTemplate(template: MailTemplate): void {
  const problems = templateProblems(template);
  if (problems.length) {
    const first = problems[0]!;
    throw new HttpError(422, 'invalid_template', t('error.mail_template_invalid', { path: first.path, problem: first.message, more: problems.length - 1 }), problems);
  }
}

/** Outside insertTemplate, whose template argument is named `t`. */
const templateExists = (key: TemplateKey) => new HttpError(409, 'template_exists', t('error.mail_template_exists', { key }));

export async function insertTemplate(tx: TransactionSql, orgId: string, userId: string | null, key: TemplateKey, locale: Locale, t: MailTemplate): Promise<TemplateRow> {
  assertValidTemplate(t);
  const [row] = await tx.unsafe<TemplateRow[]>(
    `insert into mail_templates (org_id, key, locale, subject, body_text, body_html, updated_by) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (org_id, key, locale) do nothing returning ${COLUMNS}`,
    [orgId, key, locale, t.subject, t.body_text, t.body_html, userId],
  );
  if (!row) throw templateExists(key);
  return row;
}

export async function updateTemplate(tx: TransactionSql, id: string, userId: string | null, change: Partial<MailTemplate>): Promise<TemplateRow> {
  const current = await findTemplate(tx, id, { lock: true });
  const next: MailTemplate = {
    subject: change.subject ?? current.subject,
    body_text: change.body_text ?? current.body_text,
    body_html: change.body_html !== undefined ? change.body_html : current.body_html,
  };
  assertValidTemplate(next);
  const [row] = await tx.unsafe<TemplateRow[]>(`update mail_templates set subject = $2, body_text = $3, body_html = $4, updated_by = $5, updated_at = now() where id = $1 returning ${COLUMNS}`, [
    id,
    next.subject,
    next.body_text,
    next.body_html,
    userId,
  ]);
  return row!;
}

/** Back to the default: the saved template goes. */
export async function deleteTemplate(tx: TransactionSql, id: string): Promise<TemplateKey> {
  const [row] = await tx<{ key: TemplateKey }[]>`delete from mail_templates where id = ${id} returning key`;
  if (!row) throw new HttpError(404, 'not_found', t('error.mail_template_not_found', { id }));
  return row.key;
}

export function serializeTemplate(r: TemplateRow) {
  return {
    id: r.id,
    key: r.key,
    locale: r.locale,
    subject: r.subject,
    body_text: r.body_text,
    body_html: r.body_html,
    customized: true,
    updated_by: r.updated_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}
