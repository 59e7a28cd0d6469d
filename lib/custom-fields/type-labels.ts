import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';

const TYPE: Record<string, MessageKey> = {
  text: 'admin_fields.type.text',
  textarea: 'admin_fields.type.textarea',
  integer: 'admin_fields.type.integer',
  decimal: 'admin_fields.type.decimal',
  date: 'admin_fields.type.date',
  checkbox: 'admin_fields.type.checkbox',
  dropdown: 'admin_fields.type.dropdown',
  multi_select: 'admin_fields.type.multi_select',
  regex: 'admin_fields.type.regex',
};

/** A custom field type in the reader's words; one the catalogue does not know is shown as stored. */
export function fieldTypeLabel(type: string): string {
  const key = TYPE[type];
  return key ? t(key) : type;
}
