import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '#lib/config.ts';
import { ROLES, type Role } from '#lib/db/tenant.ts';
import { migrate, MigrationError } from '#lib/db/migrate.ts';
import { entryProof, registerEntryProof } from '#lib/db/entry-proof.ts';
import { UnsafeRoleError } from '#lib/db/role-check.ts';
import { RouteConflictError } from '#lib/router/scan.ts';
import { createMember, createOrg, InputError } from '#lib/orgs/create.ts';
import { startRuntime } from '#lib/runtime.ts';
import { stopOnSignals } from '#lib/shutdown.ts';
import { auditVerify } from './audit-verify.ts';
import { doctor } from './doctor.ts';
import { printRoutes } from './routes.ts';
import { CliError, withOwner } from './with-owner.ts';

const USAGE = `Usage: npm run atum -- <command>

  start [--api-only]     run the API and the worker (npm start)
  worker                 run the worker alone (npm run worker)
  migrate                apply database migrations (needs DATABASE_OWNER_URL, or embedded mode)
  org create --slug S --name N --admin-email E --admin-password P [--admin-name N]
  user create --org S --email E --role R [--password P] [--name N]   roles: ${ROLES.join(', ')}
  routes                 print the route table
  doctor [--nginx-site F] [--nginx-conf F] [--skip-nginx | --nginx-only]
                         check config, database, Redis, migrations, the worker and its jobs, the
                         API's listening sockets and, for an https PUBLIC_URL, nginx's TLS files
                         and an HTTPS round trip
  audit verify [--org S] check every org's (or one org's) audit hash chain; exit 1 if one is broken`;

const log = (line: string) => console.log(`[atum] ${line}`);
// If whoever reads our output goes away first (npm exits on Ctrl-C), a failed write must not
// crash the shutdown halfway and leave the embedded PostgreSQL running.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'routes') {
    await printRoutes(console.log);
    return 0;
  }
  const config = loadConfig(process.env);
  switch (command) {
    case 'start':
    case 'worker':
      return serve(config, command === 'worker' ? { api: false, worker: true } : { api: true, worker: !argv.includes('--api-only') });
    case 'migrate':
      return withOwner(config, async (owner, target) => {
        const ran = await migrate(owner, target.ownerUrl!, target.loginRoles, log);
        // The API and the worker enter tenant contexts with a proof derived from APP_SECRET (sql/022).
        await registerEntryProof(owner, entryProof(target.appSecret));
        log(ran.length ? `applied ${ran.length} migration(s)` : 'database is up to date');
        return 0;
      });
    case 'doctor': {
      const options = { 'nginx-site': { type: 'string' }, 'nginx-conf': { type: 'string' }, 'skip-nginx': { type: 'boolean' }, 'nginx-only': { type: 'boolean' } } as const;
      let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options }>>['values'];
      try {
        ({ values } = parseArgs({ args: argv.slice(1), options }));
      } catch (err) {
        throw new CliError(`doctor: ${(err as Error).message}`);
      }
      if (values['skip-nginx'] && values['nginx-only']) throw new CliError('doctor takes --skip-nginx or --nginx-only, not both');
      const nginx = values['skip-nginx'] ? 'skip' : values['nginx-only'] ? 'only' : 'check';
      return doctor(config, console.log, { nginxSite: values['nginx-site'], nginxConf: values['nginx-conf'], nginx });
    }
    case 'org':
      if (sub !== 'create') break;
      return orgCreate(config, argv.slice(2));
    case 'user':
      if (sub !== 'create') break;
      return userCreate(config, argv.slice(2));
    case 'audit': {
      if (sub !== 'verify') break;
      const { values } = parseArgs({ args: argv.slice(2), options: { org: { type: 'string' } } });
      return auditVerify(config, { org: values.org }, console.log);
    }
  }
  console.error(`Unknown command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

async function serve(config: Config, parts: { api: boolean; worker: boolean }): Promise<number> {
  const running = await startRuntime(config, { ...parts, log });
  stopOnSignals(running.stop, log);
  log(parts.api ? `ATUM DESK ${parts.worker ? '(API and worker) ' : '(API) '}is listening on ${running.url}` : 'worker is running');
  return new Promise<number>(() => {}); // runs until a signal
}

async function orgCreate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { slug: { type: 'string' }, name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-password': { type: 'string' }, 'admin-name': { type: 'string' } },
  });
  const { slug, name, 'admin-email': adminEmail, 'admin-password': adminPassword } = values;
  if (!slug || !name || !adminEmail || !adminPassword) throw new CliError('org create needs --slug, --name, --admin-email and --admin-password');
  const created = await withOwner(config, (owner) => createOrg(owner, { slug, name, adminEmail, adminPassword, ...(values['admin-name'] ? { adminName: values['admin-name'] } : {}) }));
  console.log(JSON.stringify({ org: { id: created.orgId, slug }, admin: { id: created.userId, email: adminEmail, existing_account: !created.newUser } }));
  if (!created.newUser) log(`${adminEmail} already had an account: it is now owner of ${slug}, with its existing password`);
  return 0;
}

async function userCreate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { org: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
  if (!values.org || !values.email || !values.role) throw new CliError('user create needs --org, --email and --role');
  if (!ROLES.includes(values.role as Role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}`);
  const { org, email, role, password, name } = values;
  const created = await withOwner(config, (owner) => createMember(owner, { orgSlug: org, email, role: role as Role, ...(password ? { password } : {}), ...(name ? { name } : {}) }));
  console.log(JSON.stringify({ user: { id: created.userId, email, role }, org: { id: created.orgId, slug: org }, existing_account: !created.newUser }));
  return 0;
}

const KNOWN = [ConfigError, CliError, InputError, MigrationError, UnsafeRoleError, RouteConflictError];

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    if (KNOWN.some((k) => err instanceof k)) console.error(`atum: ${err.message}`);
    else console.error('atum: unexpected error:', err);
    process.exit(1);
  },
);
