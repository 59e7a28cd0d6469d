import * as v from 'valibot';
import { maxChars, notEmpty, sendAChange } from '#lib/http/validation-messages.ts';
import { t } from '#lib/i18n/translate.ts';
import { priority, status, tag } from '#lib/tickets/model.ts';
import { PLACEHOLDERS, unknownPlaceholders } from './render.ts';

/** A macro row as selected by MACRO_COLUMNS. */
export interface MacroRow {
  id: string;
  owner_user_id: string | null;
  name: string;
  body: string;
  internal: boolean;
  set_status: string | null;
  set_priority: string | null;
  add_tags: string[];
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export const MACRO_COLUMNS = 'id, owner_user_id, name, body, internal, set_status, set_priority, add_tags, created_by, created_at, updated_at';

const body = v.pipe(
  v.string(),
  v.maxLength(20_000, maxChars(20_000)),
  v.check(
    (s) => unknownPlaceholders(s).length === 0,
    (issue) => t('validation.macro.unknown_placeholders', { unknown: unknownPlaceholders(String(issue.input)).join(', '), known: PLACEHOLDERS.join(', ') }),
  ),
);
const name = v.pipe(v.string(), v.trim(), v.minLength(1, notEmpty), v.maxLength(100, maxChars(100)));
const fields = {
  name,
  body,
  internal: v.boolean(),
  set_status: v.nullable(status),
  set_priority: v.nullable(priority),
  add_tags: v.pipe(
    v.array(tag),
    v.maxLength(20, () => t('validation.max_tags', { max: 20 })),
  ),
};

/** POST /api/v1/macros: `shared` macros belong to the org (leads, admins and owners write them), others to their author. */
export const MacroCreate = v.strictObject({
  name: fields.name,
  body: v.optional(fields.body, ''),
  shared: v.optional(v.boolean(), false),
  internal: v.optional(fields.internal, false),
  set_status: v.optional(fields.set_status, null),
  set_priority: v.optional(fields.set_priority, null),
  add_tags: v.optional(fields.add_tags, []),
});

/** PATCH /api/v1/macros/:id: any of the fields; who owns it does not change. */
export const MacroPatch = v.pipe(
  v.strictObject({
    name: v.optional(fields.name),
    body: v.optional(fields.body),
    internal: v.optional(fields.internal),
    set_status: v.optional(fields.set_status),
    set_priority: v.optional(fields.set_priority),
    add_tags: v.optional(fields.add_tags),
  }),
  v.check((b) => Object.values(b).some((x) => x !== undefined), sendAChange),
);

/** The API shape of a macro. */
export function serializeMacro(m: MacroRow) {
  return {
    id: m.id,
    name: m.name,
    body: m.body,
    shared: m.owner_user_id === null,
    owner_user_id: m.owner_user_id,
    internal: m.internal,
    set_status: m.set_status,
    set_priority: m.set_priority,
    add_tags: m.add_tags,
    created_by: m.created_by,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}
