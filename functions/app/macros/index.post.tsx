import { attempt } from '#lib/pages/form-errors.ts';
import { checkNewMacro, macroFormValues, mayWriteShared } from '#lib/macros/form.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { t } from '#lib/i18n/translate.ts';
import { createMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MacroBody, NewMacroBody } from '#views/macros/macro-form.tsx';

/**
 * POST /app/macros — a macro from the form, checked by POST /api/v1/macros's schema (an unknown
 * placeholder is refused beside the text, 422) and created by the same call: personal, or shared
 * for leads, admins and owners (the database refuses anyone else, 403). Created: its page, its
 * URL in the address bar.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  async handler({ c, db, caller: me }) {
    const canShare = mayWriteShared(me.role);
    const values = await readFormFields(c);
    const checked = checkNewMacro(values);
    if (!checked.ok) return c.html(<NewMacroBody form={{ errors: checked.errors, values }} canShare={canShare} />, 422);
    const done = await attempt(db, (sp) => createMacro(sp, me.orgId, me.userId, checked.value));
    if (!done.ok) return c.html(<NewMacroBody form={{ errors: done.errors, values }} canShare={canShare} error={done.message} />, done.status);
    const macro = done.value;
    const notice = macro.owner_user_id === null ? t('macros.created_shared', { name: macro.name }) : t('macros.created_personal', { name: macro.name });
    return c.html(<MacroBody macro={macro} me={me} form={{ errors: {}, values: macroFormValues(macro) }} state={{ notice }} />, 200, { 'HX-Push-Url': `/app/macros/${macro.id}` });
  },
});
