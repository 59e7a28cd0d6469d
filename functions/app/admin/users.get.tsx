import { usersPageData } from '#lib/admin/pages.ts';
import { layoutUser } from '#lib/http/layout-user.ts';
import { pagePerson } from '#lib/admin/page-caller.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { AdminLayout } from '#views/admin/admin-layout.tsx';
import { UsersBody } from '#views/admin/users.tsx';

/** GET /app/admin/users — members with their role and access, pending invitations, the invite form. */
export default endpoint({
  auth: { permission: 'users.manage' },
  async handler({ c, db, caller: presented }) {
    const caller = pagePerson(presented);
    const data = await usersPageData(db, caller, c.var.deps.rolePermissions);
    return c.html(
      <AdminLayout user={await layoutUser(db, caller)} section="users" title="Users">
        <UsersBody data={data} />
      </AdminLayout>,
    );
  },
});
