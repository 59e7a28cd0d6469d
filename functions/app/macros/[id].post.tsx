import { attempt } from '#lib/pages/form-errors.ts';
import { readFormFields } from '#lib/http/form-body.ts';
import { idParams } from '#lib/http/schemas.ts';
import { t } from '#lib/i18n/translate.ts';
import { checkMacroForm, macroFormValues } from '#lib/macros/form.ts';
import { findMacro, updateMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MacroBody } from '#views/macros/macro-form.tsx';

/**
 * POST /app/macros/:id — the macro's form, checked by PATCH /api/v1/macros/:id's schema and
 * saved by the same call. Refused: 422 beside the fields; a shared macro from an agent, 403;
 * nothing saved.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller: me, params }) {
    const macro = await findMacro(db, params.id);
    const values = await readFormFields(c);
    const checked = checkMacroForm(values);
    if (!checked.ok) return c.html(<MacroBody macro={macro} me={me} form={{ errors: checked.errors, values }} />, 422);
    const done = await attempt(db, (sp) => updateMacro(sp, params.id, checked.value));
    if (!done.ok) return c.html(<MacroBody macro={macro} me={me} form={{ errors: done.errors, values }} state={{ error: done.message }} />, done.status);
    return c.html(<MacroBody macro={done.value} me={me} form={{ errors: {}, values: macroFormValues(done.value) }} state={{ notice: t('macros.saved') }} />);
  },
});
