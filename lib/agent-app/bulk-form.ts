import * as v from 'valibot';
import type { MemberCaller } from '#lib/auth/caller.ts';
import { HttpError } from '#lib/http/errors.ts';
import { uuid } from '#lib/http/schemas.ts';
import { status, tag } from '#lib/tickets/model.ts';
import type { BulkAction } from './bulk.ts';
import { t } from '#lib/i18n/translate.ts';

/** More than a page of tickets in one post is not a person clicking boxes. */
const BULK_MAX = 100;

const bad = (message: string) => new HttpError(400, 'validation_failed', message);

/**
 * The ticket numbers ticked in the bulk form: each row's checkbox is `pick-<number>`, so the
 * form's fields stay one value per name.
 *
 * @example
 * pickedTickets({ 'pick-12': '12', action: 'status' }); // [12]
 */
export function pickedTickets(fields: Record<string, string>): number[] {
  const numbers = Object.keys(fields).flatMap((name) => {
    const m = /^pick-([1-9]\d{0,15})$/.exec(name);
    return m ? [Number(m[1])] : [];
  });
  if (!numbers.length) throw bad(t('error.bulk.none_selected'));
  if (numbers.length > BULK_MAX) throw bad(t('error.bulk.too_many', { max: BULK_MAX }));
  return numbers;
}

/**
 * The bulk form's action and the one field it uses, checked, as a message a person can act on.
 *
 * @example
 * bulkAction({ action: 'assign', assignee: 'me' }, caller); // { kind: 'assign', assignee: caller.userId }
 */
export function bulkAction(fields: Record<string, string>, caller: MemberCaller): BulkAction {
  switch (fields.action) {
    case 'assign': {
      const who = fields.assignee ?? '';
      if (who === 'me') return { kind: 'assign', assignee: caller.userId };
      if (who === 'none') return { kind: 'assign', assignee: null };
      if (!v.is(uuid, who)) throw bad(t('error.bulk.assignee_missing'));
      return { kind: 'assign', assignee: who };
    }
    case 'status': {
      const parsed = v.safeParse(status, fields.status);
      if (!parsed.success) throw bad(t('error.bulk.status_missing'));
      return { kind: 'status', status: parsed.output };
    }
    case 'tag_add':
    case 'tag_remove': {
      const words = (fields.tags ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!words.length) throw bad(t('error.bulk.tags_missing'));
      const tags = words.map((w) => {
        const parsed = v.safeParse(tag, w);
        if (!parsed.success) throw bad(t('error.bulk.tag_invalid', { tag: w.slice(0, 60), problem: parsed.issues[0].message }));
        return parsed.output;
      });
      return { kind: fields.action, tags };
    }
    case 'merge': {
      const into = (fields.into ?? '').trim().replace(/^#/, '');
      if (!/^[1-9]\d{0,15}$/.test(into)) throw bad(t('error.bulk.merge_target_missing'));
      return { kind: 'merge', into: Number(into) };
    }
    default:
      throw bad(t('error.bulk.action_missing'));
  }
}
