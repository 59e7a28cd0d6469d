import type { CustomFieldDef } from './values.ts';

/** Form names of custom fields on a ticket's sidebar: `cf.<key>` (a multi-select adds `.<index>` per option). */
export const CF_PREFIX = 'cf.';

/**
 * The custom field values a posted form holds, typed for updateTicket: empty clears a field,
 * numbers become numbers (a non-number stays text, for the field's own check to refuse).
 * Fields absent from the form are left alone.
 *
 * @example
 * customFieldsFromForm(defs, { 'cf.plan': 'Gold', 'cf.seats': '12' }); // { plan: 'Gold', seats: 12 }
 */
export function customFieldsFromForm(defs: CustomFieldDef[], form: Record<string, string>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const name = `${CF_PREFIX}${def.key}`;
    if (!(name in form)) continue;
    const raw = form[name]!.trim();
    if (def.type === 'multi_select') {
      const picked = def.options.filter((_, i) => form[`${name}.${i}`] !== undefined);
      out[def.key] = picked.length ? picked : null;
    } else if (raw === '') out[def.key] = null;
    else if (def.type === 'integer' || def.type === 'decimal') out[def.key] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
    else if (def.type === 'checkbox') out[def.key] = raw === 'yes';
    else out[def.key] = def.type === 'textarea' ? form[name] : raw;
  }
  return Object.keys(out).length ? out : undefined;
}
