import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type * as v from 'valibot';
import type { AppEnv } from '#lib/app-env.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { readForm } from '#lib/http/form-body.ts';
import { attempt } from './form-errors.ts';
import { updateOrg, type OrgChange } from '#lib/orgs/settings.ts';
import { settingsPageData } from './admin-page-data.ts';
import type { FormState } from './form-state.ts';

/** The Settings page's three forms, each posted on its own. */
export type SettingsForm = 'general' | 'security' | 'allowlist';

/** What the Settings page shows after a post. */
export interface SettingsState {
  /** The form that was posted, with what was typed and what was wrong. */
  form?: { which: SettingsForm; state: FormState };
  notice?: string;
  error?: string | undefined;
}

/** What a Settings page form answers: the status, the page's data read after the save, and its state. */
export interface SettingsOutcome {
  status: ContentfulStatusCode;
  data: Awaited<ReturnType<typeof settingsPageData>>;
  state: SettingsState;
}

/** updateOrg's refusals that belong beside one field of whichever form was posted. */
const FIELD_FOR = { allowlist_excludes_you: 'ip_allowlist', invalid_language: 'search_language' };

/**
 * Saves one Settings form (as PATCH /api/v1/org does): the form read by `schema` (refused: 400
 * with the reasons beside `which` form's fields), turned into the change by `toChange`, and
 * updateOrg's own refusals (a 409 allowlist that shuts you out, a 422 language) beside their field.
 *
 * @example
 * const saved = await saveSettingsForm(c, db, 'security', Form, (f) => ({ require_2fa: f.require_2fa === 'on' }), 'Saved.');
 * return c.html(<SettingsBody {...saved.data} state={saved.state} />, saved.status);
 */
export async function saveSettingsForm<S extends v.GenericSchema>(
  c: Context<AppEnv>,
  db: TransactionSql,
  which: SettingsForm,
  schema: S,
  toChange: (value: v.InferOutput<S>) => OrgChange,
  notice: string,
): Promise<SettingsOutcome> {
  const read = () => settingsPageData(db, c.var.clientIp);
  const form = await readForm(c, schema);
  if (!form.ok) return { status: 400, data: await read(), state: { form: { which, state: form } } };
  const done = await attempt(db, (sp) => updateOrg(sp, c.var.clientIp, toChange(form.value)), FIELD_FOR);
  if (!done.ok) return { status: done.status, data: await read(), state: { form: { which, state: { errors: done.errors, values: form.values } }, error: done.message } };
  return { status: 200, data: await read(), state: { notice } };
}
