import { attempt } from '#lib/pages/form-errors.ts';
import { idParams } from '#lib/http/schemas.ts';
import { t } from '#lib/i18n/translate.ts';
import { deleteMacro, findMacro, listMacros } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MacrosBody } from '#views/macros/macros-page.tsx';

/**
 * POST /app/macros/:id/delete — deletes a macro the caller may write (as DELETE /api/v1/macros/:id:
 * a shared one from an agent is a 403, another person's a 404) and answers the list at its own URL.
 */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller, params }) {
    const macro = await findMacro(db, params.id);
    const done = await attempt(db, (sp) => deleteMacro(sp, params.id));
    const macros = await listMacros(db);
    if (!done.ok) return c.html(<MacrosBody macros={macros} me={caller} state={{ error: done.message ?? Object.values(done.errors)[0] }} />, done.status);
    return c.html(<MacrosBody macros={macros} me={caller} state={{ notice: t('macros.deleted', { name: macro.name }) }} />, 200, { 'HX-Replace-Url': '/app/macros' });
  },
});
