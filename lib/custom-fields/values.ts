import * as v from 'valibot';
import { maxChars, oneOf } from '#lib/http/validation-messages.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { invalidInput } from '#lib/http/invalid-input.ts';
import { issueDetails } from '#lib/http/schema-issues.ts';
import { PatternError, patternMatches, PATTERN_VALUE_MAX_LENGTH } from './pattern.ts';
import { t } from '#lib/i18n/translate.ts';

export const CUSTOM_FIELD_TYPES = ['text', 'textarea', 'integer', 'decimal', 'date', 'checkbox', 'dropdown', 'multi_select', 'regex'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomFieldDef {
  id: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: string[];
  pattern: string | null;
  required_from: string | null;
  visible_to_customers: boolean;
  position: number;
}

/** The org's live field definitions, in display order. */
export async function loadCustomFields(tx: TransactionSql): Promise<CustomFieldDef[]> {
  return tx<CustomFieldDef[]>`
    select id, key, label, type, options, pattern, required_from, visible_to_customers, position
    from custom_fields where archived_at is null order by position, key`;
}

/** The valibot schema of one field's value; `null` always clears it. */
export function valueSchema(def: CustomFieldDef): v.GenericSchema {
  const base = ((): v.GenericSchema => {
    switch (def.type) {
      case 'text':
        return v.pipe(v.string(), v.trim(), v.maxLength(500));
      case 'textarea':
        return v.pipe(v.string(), v.maxLength(10_000));
      case 'integer':
        return v.pipe(v.number(), v.integer(), v.minValue(-(2 ** 53) + 1), v.maxValue(2 ** 53 - 1));
      case 'decimal':
        return v.pipe(v.number(), v.finite());
      case 'date':
        return v.pipe(
          v.string(),
          v.isoDate(() => t('validation.field.date')),
        );
      case 'checkbox':
        return v.boolean();
      case 'dropdown':
        return v.picklist(def.options, oneOf(def.options));
      case 'multi_select':
        return v.pipe(v.array(v.picklist(def.options, () => t('validation.each_one_of', { values: def.options.join(', ') }))), v.maxLength(def.options.length));
      case 'regex': {
        // On RE2 (pattern.ts), never RegExp: a tenant's pattern must not backtrack for seconds.
        const pattern = def.pattern ?? '^$';
        return v.pipe(
          v.string(),
          v.maxLength(PATTERN_VALUE_MAX_LENGTH, maxChars(PATTERN_VALUE_MAX_LENGTH)),
          v.check(
            (s) => s.length > PATTERN_VALUE_MAX_LENGTH || regexMismatch(pattern, s) === null,
            (issue) => regexMismatch(pattern, String(issue.input)) ?? '',
          ),
        );
      }
    }
  })();
  return v.nullable(base);
}

/** Why `value` fails the field's pattern, or null when it matches. */
function regexMismatch(pattern: string, value: string): string | null {
  try {
    return patternMatches(pattern, value) ? null : t('validation.field.must_match', { pattern });
  } catch (err) {
    if (err instanceof PatternError) return t('validation.field.pattern_broken', { problem: err.message });
    throw err;
  }
}

/**
 * A schema for `custom_fields` in a request, built from the org's definitions: unknown keys are
 * refused (a typo must not vanish silently), known ones are checked by type.
 *
 * @example
 * const schema = customFieldsSchema(await loadCustomFields(tx));
 * const values = v.parse(schema, body.custom_fields ?? {});
 */
function customFieldsSchema(defs: CustomFieldDef[]): v.GenericSchema<unknown, Record<string, unknown>> {
  const entries = Object.fromEntries(defs.map((d) => [d.key, v.optional(valueSchema(d))]));
  return v.strictObject(entries) as unknown as v.GenericSchema<unknown, Record<string, unknown>>;
}

/** Validates custom field input against the org's definitions; 400 with details when it fails. */
export async function parseCustomFields(tx: TransactionSql, input: unknown): Promise<Record<string, unknown>> {
  const defs = await loadCustomFields(tx);
  const result = v.safeParse(customFieldsSchema(defs), input ?? {});
  if (result.success) return result.output;
  const details = issueDetails(result.issues, 'custom_fields.');
  throw invalidInput('request body', details);
}

/** The keys a customer may see. */
export async function customerVisibleKeys(tx: TransactionSql): Promise<Set<string>> {
  const rows = await tx<{ key: string }[]>`select key from custom_fields where visible_to_customers and archived_at is null`;
  return new Set(rows.map((r) => r.key));
}
