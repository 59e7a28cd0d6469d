import type { CustomFieldDef } from './values.ts';

/**
 * The portal form's custom field inputs (`cf_<key>`, and `cf_<key>__<n>` per ticked option of a
 * multi-select) as the JSON values POST /api/v1/tickets takes; empty inputs are left out so the
 * field stays unset. What does not parse is passed on as typed, for the field's own schema to
 * refuse in words (parseCustomFields).
 *
 * @example
 * customFieldValues(defs, { cf_plan: 'Pro', cf_seats: '12' }); // { plan: 'Pro', seats: 12 }
 */
export function customFieldValues(defs: readonly CustomFieldDef[], fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const name = `cf_${def.key}`;
    if (def.type === 'multi_select') {
      const picked = def.options.filter((_, i) => fields[`${name}__${i}`] === 'on');
      if (picked.length) out[def.key] = picked;
      continue;
    }
    if (def.type === 'checkbox') {
      if (fields[name] === 'on') out[def.key] = true;
      continue;
    }
    const raw = fields[name]?.trim() ?? '';
    if (raw === '') continue;
    if (def.type === 'integer' || def.type === 'decimal') {
      const n = Number(raw);
      out[def.key] = Number.isFinite(n) ? n : raw;
    } else {
      out[def.key] = def.type === 'textarea' ? (fields[name] ?? '') : raw;
    }
  }
  return out;
}
