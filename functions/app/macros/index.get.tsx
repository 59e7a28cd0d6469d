import { layoutUser } from '#lib/pages/layout-user.ts';
import { listMacros } from '#lib/macros/store.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { MacrosBody, MacrosLayout } from '#views/macros/macros-page.tsx';

/** GET /app/macros — the org's shared macros and the caller's own (as GET /api/v1/macros), with the way to add one. */
export default endpoint({
  auth: { permission: 'tickets.write' },
  page: 'person',
  async handler({ c, db, caller }) {
    return c.html(
      <MacrosLayout user={await layoutUser(db, caller)}>
        <MacrosBody macros={await listMacros(db)} me={caller} />
      </MacrosLayout>,
    );
  },
});
