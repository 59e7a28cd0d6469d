import { idParams } from '#lib/http/schemas.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { macroFormValues } from '#lib/macros/form.ts';
import { findMacro } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MacroBody } from '#views/macros/macro-form.tsx';
import { MacrosLayout } from '#views/macros/macros-page.tsx';

/** GET /app/macros/:id — one macro to edit (a shared one, to read, for those who may not change it). Another org's, or another person's personal one, is a 404. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  params: idParams,
  async handler({ c, db, caller: me, params }) {
    const macro = await findMacro(db, params.id);
    return c.html(
      <MacrosLayout user={await layoutUser(db, me)}>
        <MacroBody macro={macro} me={me} form={{ errors: {}, values: macroFormValues(macro) }} />
      </MacrosLayout>,
    );
  },
});
