import * as v from 'valibot';
import { mustBeAny, mustBeEmail, mustBeWholeNumber, notEmpty, sendAChange } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';

const host = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, notEmpty),
  v.maxLength(255),
  v.regex(/^[A-Za-z0-9.:[\]-]+$/, () => t('validation.mail.host')),
);
const port = v.pipe(v.number(), v.integer(mustBeWholeNumber), v.minValue(1), v.maxValue(65535));
const security = v.picklist(['tls', 'starttls', 'none'], mustBeAny(['tls', 'starttls', 'none']));
const user = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(255));
const secret = v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(1024));

/** Every field a mailbox has that an admin sets; passwords are write-only (null clears). */
const fields = {
  name: v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100)),
  enabled: v.boolean(),
  imap_host: v.nullable(host),
  imap_port: port,
  imap_security: security,
  imap_user: v.nullable(user),
  imap_password: v.nullable(secret),
  imap_folder: v.pipe(v.string(), v.minLength(1, notEmpty), v.maxLength(255)),
  smtp_host: v.nullable(host),
  smtp_port: port,
  smtp_security: security,
  smtp_user: v.nullable(user),
  smtp_password: v.nullable(secret),
  from_address: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email(mustBeEmail)),
  from_name: v.pipe(v.string(), v.trim(), v.maxLength(200)),
  signature: v.pipe(v.string(), v.maxLength(10000)),
  subject_pattern: v.pipe(
    v.string(),
    v.maxLength(50),
    v.includes('{number}', () => t('validation.must_contain', { text: '{number}' })),
  ),
};

const optional = Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, v.optional(s)])) as { [K in keyof typeof fields]: v.OptionalSchema<(typeof fields)[K], undefined> };

/** POST /api/v1/mailboxes: a name and a from address at least. */
export const CreateMailbox = v.strictObject({ ...optional, name: fields.name, from_address: fields.from_address });

/** PATCH /api/v1/mailboxes/:id: any of the fields, at least one. */
export const UpdateMailbox = v.pipe(
  v.strictObject(optional),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);
