import { t } from '#lib/i18n/translate.ts';
import * as v from 'valibot';
import { AuditQuery, queryAuditLog } from '#lib/audit/log-query.ts';
import { isHtmx } from '#lib/http/page-redirect.ts';
import { fieldErrors, pathOr } from '#lib/http/schema-issues.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { AuditBody } from '#views/admin/audit.tsx';

/**
 * GET /app/admin/audit — the audit log with the filters of GET /api/v1/audit (checked by its
 * schema; a bad filter is a 400 with the message beside the field) and whether the chain holds.
 * htmx gets the body only; a plain load (a shared URL) gets the whole page.
 */
export default endpoint({
  auth: { permission: 'audit.read' },
  page: 'person',
  async handler({ c, db, caller: person }) {
    const values = Object.fromEntries(Object.entries(c.req.query()).filter(([, x]) => x !== ''));
    const parsed = v.safeParse(AuditQuery, values);
    const errors = parsed.success ? {} : fieldErrors(parsed.issues, pathOr('action'));
    const page = parsed.success ? await queryAuditLog(db, parsed.output) : undefined;
    const body = <AuditBody page={page} filters={{ errors, values }} />;
    const status = parsed.success ? 200 : 400;
    if (isHtmx(c)) return c.html(body, status);
    return c.html(
      <AdminLayout user={await layoutUser(db, person)} section="audit" title={t('admin.nav.audit')}>
        {body}
      </AdminLayout>,
      status,
    );
  },
});
