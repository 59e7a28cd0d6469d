-- Endpoints declare a permission, never a role. This table is the one place that says which
-- role holds which permission, so a DBA can read (and audit) it in SQL.

create table permissions (
  name text primary key constraint permissions_name_format check (name ~ '^[a-z_]+\.[a-z_]+$'),
  description text not null
);

create table role_permissions (
  role member_role not null,
  permission text not null references permissions (name) on delete cascade,
  primary key (role, permission)
);

insert into permissions (name, description) values
  ('org.read',         'See the organization''s name and public settings'),
  ('tickets.read_own', 'See one''s own tickets (and one''s company''s, where allowed)'),
  ('tickets.read_all', 'See every ticket of the organization'),
  ('tickets.write',    'Create, update and reply to tickets'),
  ('users.read',       'See the organization''s members'),
  ('users.manage',     'Invite, disable and change the role of members'),
  ('settings.manage',  'Change organization settings'),
  ('audit.read',       'Read the audit log'),
  ('reports.read',     'Read reports'),
  ('kb.write',         'Write knowledge base articles'),
  ('api_keys.manage',  'Create and revoke API keys'),
  ('org.manage_owners','Grant and remove the owner role');

-- Roles rise customer < agent < lead < admin < owner; each holds what the one below holds.
insert into role_permissions (role, permission)
select r.role::member_role, p.permission
from (values
  ('customer', array['org.read', 'tickets.read_own']),
  ('agent',    array['org.read', 'tickets.read_own', 'tickets.read_all', 'tickets.write', 'users.read']),
  ('lead',     array['org.read', 'tickets.read_own', 'tickets.read_all', 'tickets.write', 'users.read',
                     'reports.read', 'kb.write']),
  ('admin',    array['org.read', 'tickets.read_own', 'tickets.read_all', 'tickets.write', 'users.read',
                     'reports.read', 'kb.write', 'users.manage', 'settings.manage', 'audit.read', 'api_keys.manage']),
  ('owner',    array['org.read', 'tickets.read_own', 'tickets.read_all', 'tickets.write', 'users.read',
                     'reports.read', 'kb.write', 'users.manage', 'settings.manage', 'audit.read', 'api_keys.manage',
                     'org.manage_owners'])
) as r (role, perms)
cross join lateral unnest(r.perms) as p (permission);

grant select on permissions, role_permissions to atum_runtime;
