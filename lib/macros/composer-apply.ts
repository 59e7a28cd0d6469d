import type { Context } from 'hono';
import * as v from 'valibot';
import type { MemberCaller } from '#lib/auth/caller.ts';
import type { TransactionSql } from '#lib/db/pool.ts';
import { readForm } from '#lib/http/form-body.ts';
import { uuid } from '#lib/http/schemas.ts';
import { t } from '#lib/i18n/translate.ts';
import { refusal } from '#lib/pages/form-errors.ts';
import type { TicketRow } from '#lib/tickets/model.ts';
import { composerMacros } from '#lib/tickets/ticket-page.ts';
import { applyMacro } from './apply.ts';
import type { MacroRow } from './model.ts';

const Form = v.object({
  macro_id: v.pipe(
    v.string(),
    v.minLength(1, () => t('validation.macro.choose_first')),
    uuid,
  ),
  body: v.optional(v.string(), ''),
  mode: v.optional(v.string(), 'reply'),
});

/**
 * What applying a macro from the composer comes to, with the macros the composer offers: the
 * draft with the macro's text added, the ticket as it now is and the mode to show (a note when
 * the macro is internal); or, refused, the draft as it was and why.
 */
export type ComposerMacroOutcome = { macros: MacroRow[]; mode: 'reply' | 'note' } & (
  | { ok: true; text: string; ticket: TicketRow; macro: MacroRow | undefined }
  | { ok: false; draft: string; error: string }
);

/**
 * Applies the macro the composer's form names (`macro_id`, with the `body` draft and `mode`) to
 * ticket `number` through applyMacro, in a savepoint: its status, priority and tags change the
 * ticket now, its text (placeholders filled) is added to the draft. No macro chosen, or a refused
 * change (a transition, required fields), keeps the draft and says why; the ticket itself gone
 * (404) is thrown, for the error page.
 *
 * @example
 * const done = await applyMacroFromComposer(c, db, caller, 42);
 * if (!done.ok) return again(done.draft, done.error);
 */
export async function applyMacroFromComposer(c: Context, tx: TransactionSql, me: MemberCaller, number: number): Promise<ComposerMacroOutcome> {
  const form = await readForm(c, Form);
  const macros = await composerMacros(tx);
  const draft = form.values.body ?? '';
  const mode = form.values.mode === 'note' ? 'note' : 'reply';
  if (!form.ok) return { macros, mode, ok: false, draft, error: form.errors.macro_id ?? t('macros.choose_first') };
  let applied;
  try {
    applied = await tx.savepoint((sp) => applyMacro(sp, me, number, form.value.macro_id));
  } catch (err) {
    const refused = refusal(err);
    // A 404 is the ticket itself gone: the error page says so.
    if (refused.status === 404) throw err;
    return { macros, mode, ok: false, draft, error: refused.reason };
  }
  const text = draft.trim() ? `${draft.trimEnd()}\n\n${applied.text}` : applied.text;
  const macro = macros.find((m) => m.id === form.value.macro_id);
  return { macros, mode: applied.internal ? 'note' : mode, ok: true, text, ticket: applied.ticket, macro };
}
