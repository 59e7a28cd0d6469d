import { t } from '#lib/i18n/translate.ts';

/**
 * The words of a rule the database enforces (lib/db/errors.ts ruleViolation) in the reader's
 * language. The trigger (sql/009) raises them in English with the values inside; those are
 * taken back out so the sentence is the catalogue's. A message in another shape is passed on
 * as it came, capitalised.
 *
 * @example
 * ruleMessage({ constraint: 'ticket_status_transition', message: 'a closed ticket cannot become open' }); // 'A closed ticket cannot become open'
 */
export function ruleMessage(rule: { constraint: string; message: string }): string {
  const transition = /^a (\w+) ticket cannot become (\w+)$/.exec(rule.message);
  if (rule.constraint === 'ticket_status_transition' && transition) return t('error.ticket_status_transition', { from: transition[1], to: transition[2] });
  const required = /^custom fields (.+) are required once a ticket is (\w+)$/.exec(rule.message);
  if (rule.constraint === 'ticket_required_custom_fields' && required) return t('error.custom_fields_required', { fields: required[1], status: required[2] });
  return `${rule.message[0]!.toUpperCase()}${rule.message.slice(1)}`;
}
