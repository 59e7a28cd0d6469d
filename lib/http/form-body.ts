import type { Context } from 'hono';
import * as v from 'valibot';
import { HttpError } from './errors.ts';
import { readCapped } from './read-capped.ts';
import { fieldErrors } from './schema-issues.ts';
import { t } from '#lib/i18n/translate.ts';

/** Page forms are small: a sign-in, a code, a password twice. Anything larger is refused. */
const FORM_BODY_LIMIT = 64 * 1024;

const FORM_TYPE = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;

type Schema = v.GenericSchema | v.GenericSchemaAsync;

/** What a page handler gets back: the parsed form, or one message per field to show beside it. */
export type FormResult<T> = { ok: true; value: T; values: Record<string, string> } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Reads an HTML form post (urlencoded, or multipart for htmx's `hx-encoding`) and checks it
 * against a valibot schema. Bad input is the page's to show, so it comes back as
 * `{ ok: false, errors }` keyed by field name rather than thrown; `values` holds the raw text
 * fields either way, so a form can be re-rendered with what was typed. Another content type is a
 * 415 and a body over 64 KiB a 413, counted as it streams, whatever Content-Length claims.
 * File fields are dropped: no page form takes uploads.
 *
 * @example
 * const form = await readForm(c, v.object({ email, password }));
 * if (!form.ok) return c.html(<LoginPage error={Object.values(form.errors)[0]} />, 400);
 * await passwordLogin(deps, form.value, clientOf(c));
 */
export async function readForm<S extends Schema>(c: Context, schema: S): Promise<FormResult<v.InferOutput<S>>> {
  const values = await readFormFields(c);
  const result = await v.safeParseAsync(schema, values);
  if (result.success) return { ok: true, value: result.output, values };
  return { ok: false, errors: fieldErrors(result.issues), values };
}

/**
 * One sentence for a form's errors, for the card's alert: the first field's label and message.
 *
 * @example
 * formErrorMessage({ email: 'must be an email address' }, { email: 'Email' }); // 'Email must be an email address'
 */
export function formErrorMessage(errors: Record<string, string>, labels: Record<string, string>): string {
  const [field, message] = Object.entries(errors)[0] ?? ['', t('validation.form.not_valid')];
  return t('validation.form.field_message', { label: labels[field] ?? t('validation.form.the_form'), message });
}

/** The text fields of the posted form, first value of each name. */
export async function readFormFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!FORM_TYPE.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', t('error.form_content_type'));
  }
  if (Number(c.req.header('content-length')) > FORM_BODY_LIMIT) throw new HttpError(413, 'payload_too_large', tooLarge());
  const bytes = new Uint8Array(await readCapped(c.req.raw.body, FORM_BODY_LIMIT, tooLarge));
  let data: FormData;
  try {
    data = await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw new HttpError(400, 'invalid_form', t('error.form_unreadable'));
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of data) {
    if (typeof value === 'string' && !(name in fields)) fields[name] = value;
  }
  return fields;
}

/** Written when it is said, in the reader's language. */
const tooLarge = () => t('error.form_too_large', { kib: String(FORM_BODY_LIMIT / 1024) });
