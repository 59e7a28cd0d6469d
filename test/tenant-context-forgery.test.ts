/**
 * Isolation that holds against SQL injection (issue 14): connected as the application role with
 * raw SQL, as an injection would be, no sequence of set_config calls shows a row of another org.
 * Org B is the demo org (tickets, notes, SLA targets, macros, teams, mail, sessions, an API key);
 * the attacker holds what an injection inside one of org A's requests holds: A's real context.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryProof } from '#lib/db/entry-proof.ts';
import { seedDemoContent } from '#lib/demo/content.ts';
import { seedDemo } from '#lib/demo-seed.ts';
import { TEST_SECRET, useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
const PROOF = entryProof(TEST_SECRET);
/** B's context as app.enter would write it for the transaction it is read in (all but the MAC). */
const forgedForB = (tx: postgres.TransactionSql) => tx`concat_ws('|', 'on', ${w.b.orgId}::text, ${w.b.admin}::text, 'owner', '', '', pg_backend_pid(), app.transaction_stamp())`;
const SETTINGS = ['app.context', 'app.context_mac', 'app.org_id', 'app.user_id', 'app.role', 'app.service', 'app.api_key_id', 'app.client_ip'] as const;

type Conn = postgres.Sql | postgres.TransactionSql;
interface World {
  a: Member;
  b: { orgId: string; admin: string; keyId: string };
  /** B's users who are not A's, whose global user rows A must not see either. */
  bOnlyUsers: string[];
  /** Tables of org data the application role may select, each as one counting query. */
  tables: string[];
}

let w: World;
let attacker: postgres.Sql;

beforeAll(async () => {
  const staff = (await seedDemo(t.owner, await mkdtemp(path.join(tmpdir(), 'atum-forgery-')), () => {}))!;
  await seedDemoContent(t.app.fetch, t.deps.tokenKeys, staff);
  const bAdmin: Member = { orgId: staff.orgId, userId: staff.admin, role: 'owner', email: 'admin@demo.local', auth: '' };
  bAdmin.auth = (await t.member(bAdmin, 'owner', 'second-owner@demo.local')).auth;
  const key = await t.request('/api/v1/api-keys', { method: 'POST', as: bAdmin, body: { name: 'CRM', permissions: ['tickets.read_all'] } });
  expect(key.status).toBe(201);
  const a = await t.org('a-org');
  expect((await t.request('/api/v1/tickets', { method: 'POST', as: a, body: { subject: 'A ticket', body: 'of org A', requester: { email: 'cust@a.test' } } })).status).toBe(201);
  const users = await t.owner<{ id: string }[]>`
    select user_id as id from memberships where org_id = ${staff.orgId}
    except select user_id from memberships where org_id = ${a.orgId}`;
  const tables = await t.owner<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
    where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker')
      and has_column_privilege('atum_app', c.oid, a.attnum, 'select')
    order by 1`;
  w = { a, b: { orgId: staff.orgId, admin: staff.admin, keyId: ((await key.json()) as { id: string }).id }, bOnlyUsers: users.map((u) => u.id), tables: tables.map((x) => x.name) };
  attacker = postgres(t.db.appUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await attacker?.end();
});

/** Rows of another org than A that `db` can see, by table; {} when none. Errors read nothing. */
async function foreignRows(db: Conn): Promise<Record<string, number>> {
  const seen: Record<string, number> = {};
  const count = async (name: string, query: string, params: postgres.ParameterOrJSON<never>[]) => {
    try {
      const [row] = await (db as postgres.TransactionSql).savepoint((sp) => sp.unsafe<{ n: number }[]>(query, params));
      if (row && row.n > 0) seen[name] = row.n;
    } catch {
      // A statement that fails (a bad uuid in a forged setting, a permission) returns nothing.
    }
  };
  for (const table of w.tables) await count(table, `select count(*)::int as n from ${table} where org_id <> $1`, [w.a.orgId]);
  await count('public.organizations', 'select count(*)::int as n from organizations where id <> $1', [w.a.orgId]);
  await count('public.users', 'select count(*)::int as n from users where id = any($1::uuid[])', [w.bOnlyUsers]);
  return seen;
}

/** What the application sends for A's request, with the proof: the context an injection runs in. */
async function enterAsA(db: Conn): Promise<void> {
  await db`select app.enter(${PROOF}, false, ${w.a.orgId}, ${w.a.userId}, 'owner', null, '203.0.113.7')`;
}

async function mac(db: Conn): Promise<string> {
  const [row] = await db<{ mac: string }[]>`select current_setting('app.context_mac', true) as mac`;
  return row!.mac;
}

async function errorCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? 'error';
  }
}

describe('a tenant context forged by the application role', () => {
  it('is checked over a well-filled org B: the application itself, entering B, sees its rows in many tables', async () => {
    const seen = await attacker.begin(async (tx) => {
      await tx`select app.enter(${PROOF}, false, ${w.b.orgId}, ${w.b.admin}, 'owner', null, '')`;
      return foreignRows(tx);
    });
    expect(Object.keys(seen).length).toBeGreaterThanOrEqual(20);
    expect(seen).toMatchObject({ 'public.tickets': 8, 'public.api_keys': 1, 'public.organizations': 1 });
  });

  it('shows nothing of org B after set_config of its org, user and role, transaction-local or for the session', async () => {
    for (const local of [true, false]) {
      const seen = await attacker.begin(async (tx) => {
        await tx`select set_config('app.org_id', ${w.b.orgId}, ${local}), set_config('app.user_id', ${w.b.admin}, ${local}),
                        set_config('app.role', 'owner', ${local}), set_config('app.service', 'on', ${local})`;
        return foreignRows(tx);
      });
      expect(seen).toEqual({});
    }
    await attacker`select set_config(s, '', false) from unnest(${SETTINGS as unknown as string[]}::text[]) s`;
  });

  it('shows nothing of B, nor of A any more, when a request of A changes its signed context to B', async () => {
    const [seen, own] = await attacker.begin(async (tx) => {
      await enterAsA(tx);
      const [before] = await tx<{ n: number }[]>`select count(*)::int as n from tickets`;
      expect(before!.n).toBe(1);
      await tx`select set_config('app.context', replace(current_setting('app.context'), ${w.a.orgId}, ${w.b.orgId}), true)`;
      await tx`select set_config('app.org_id', ${w.b.orgId}, true), set_config('app.user_id', ${w.b.admin}, true)`;
      const foreign = await foreignRows(tx);
      const [mine] = await tx<{ n: number }[]>`select count(*)::int as n from tickets`;
      return [foreign, mine!.n] as const;
    });
    expect(seen).toEqual({});
    expect(own).toBe(0);
  });

  it('shows nothing of B when a MAC that was valid for B in an earlier transaction is replayed on the same connection', async () => {
    const conn = attacker; // max: 1, so one backend: the replay happens on the very connection
    const captured = await conn.begin(async (tx) => {
      await tx`select app.enter(${PROOF}, false, ${w.b.orgId}, ${w.b.admin}, 'owner', null, '')`;
      const [row] = await tx<{ pid: number; context: string; mac: string }[]>`
        select pg_backend_pid() as pid, current_setting('app.context') as context, current_setting('app.context_mac') as mac`;
      return row!;
    });
    const seen = await conn.begin(async (tx) => {
      await tx`select set_config('app.context', ${captured.context}, true), set_config('app.context_mac', ${captured.mac}, true)`;
      const [same] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid`;
      expect(same!.pid).toBe(captured.pid);
      return foreignRows(tx);
    });
    expect(seen).toEqual({});
  });

  it("shows nothing of B when a request of A writes B's context for this very backend and transaction, keeping A's MAC", async () => {
    const seen = await attacker.begin(async (tx) => {
      await enterAsA(tx);
      await tx`select set_config('app.context', ${forgedForB(tx)}, true)`;
      return foreignRows(tx);
    });
    expect(seen).toEqual({});
  });

  it('cannot enter without the proof, nor sign a context, nor read the key', async () => {
    const wrong = Buffer.alloc(32, 7);
    const refused = async (run: (tx: postgres.TransactionSql) => Promise<unknown>) => errorCode(() => attacker.begin(run));
    expect(await refused((tx) => tx`select app.enter(${wrong}, false, ${w.b.orgId}, ${w.b.admin}, 'owner', null, '')`)).toBe('42501');
    expect(await refused((tx) => tx`select app.enter(null, true, ${w.b.orgId}, null, null, null, '')`)).toBe('42501');
    expect(await refused((tx) => tx`select * from app.enter_as_member(${wrong}, ${w.b.orgId}, ${w.b.admin}, 'owner', null, '127.0.0.1')`)).toBe('42501');
    expect(await refused((tx) => tx`select * from app.enter_as_api_key(${wrong}, ${w.b.orgId}, ${Buffer.alloc(32)}, '127.0.0.1')`)).toBe('42501');
    expect(await refused((tx) => tx`select app.take_ticket_number(${wrong}, ${w.b.orgId}, ${w.b.admin}, 'owner', null, null, '127.0.0.1')`)).toBe('42501');
    expect(await refused((tx) => tx`select app.context_mac('on|' || ${w.b.orgId})`)).toBe('42501');
    expect(await refused((tx) => tx`select * from app.context_key`)).toBe('42501');
    expect(await refused((tx) => tx`select * from app.entry_proofs`)).toBe('42501');
  });

  it("cannot call the functions that read across orgs, from A's context or with a forged service flag", async () => {
    const calls = [
      (tx: postgres.TransactionSql) => tx`select app.org_ids()`,
      (tx: postgres.TransactionSql) => tx`select app.org_id_by_slug('demo')`,
      (tx: postgres.TransactionSql) => tx`select * from app.sla_missed('0 seconds', 100)`,
      (tx: postgres.TransactionSql) => tx`select * from app.mail_due_mailboxes()`,
      (tx: postgres.TransactionSql) => tx`select * from app.mailbox_failures()`,
      (tx: postgres.TransactionSql) => tx`select app.mail_outbox_attention('0 seconds')`,
      (tx: postgres.TransactionSql) => tx`select app.audit_chain_break(${w.b.orgId})`,
    ];
    for (const call of calls) {
      expect(
        await errorCode(() =>
          attacker.begin(async (tx) => {
            await enterAsA(tx);
            await call(tx);
          }),
        ),
      ).toBe('42501');
      expect(
        await errorCode(() =>
          attacker.begin(async (tx) => {
            await enterAsA(tx);
            await tx`select set_config('app.service', 'on', true)`;
            await call(tx);
          }),
        ),
      ).toBe('42501');
    }
    // Org A's own chain is still A's to check.
    const [own] = await attacker.begin(async (tx) => {
      await enterAsA(tx);
      return tx`select app.audit_chain_break(${w.a.orgId}) as broken`;
    });
    expect(own).toEqual({ broken: null });
  });

  it("shows nothing of B after any sequence of set_config calls, across transactions, mixed with A's real context", async () => {
    const conn = attacker; // max: 1, so one backend: the replay happens on the very connection
    try {
      const b = await conn.begin(async (tx) => {
        await tx`select app.enter(${PROOF}, true, ${w.b.orgId}, ${w.b.admin}, 'owner', ${w.b.keyId}, '')`;
        const [row] = await tx<{ context: string; mac: string }[]>`select current_setting('app.context') as context, current_setting('app.context_mac') as mac`;
        return row!;
      });
      const values: Record<(typeof SETTINGS)[number], string[]> = {
        'app.context': [b.context, '', 'on|not-a-uuid'],
        'app.context_mac': [b.mac, '', 'deadbeef'],
        'app.org_id': [w.b.orgId, w.a.orgId, '', 'not-a-uuid'],
        'app.user_id': [w.b.admin, w.a.userId, ''],
        'app.role': ['owner', 'admin', 'agent', 'customer', ''],
        'app.service': ['on', ''],
        'app.api_key_id': [w.b.keyId, ''],
        'app.client_ip': ['', '203.0.113.7'],
      };
      const step = fc.oneof(
        fc.record({ kind: fc.constant('set' as const), setting: fc.constantFrom(...SETTINGS), pick: fc.nat(), local: fc.boolean() }),
        fc.record({ kind: fc.constant('enter-a' as const) }),
        fc.record({ kind: fc.constant('copy-mac' as const) }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }), async (transactions) => {
          for (const steps of transactions) {
            const seen = await conn.begin(async (tx) => {
              let aMac = '';
              for (const s of steps) {
                if (s.kind === 'enter-a') {
                  await enterAsA(tx);
                  aMac = await mac(tx);
                } else if (s.kind === 'copy-mac') {
                  await tx`select set_config('app.context_mac', ${aMac}, true)`;
                } else {
                  const options = values[s.setting];
                  await tx`select set_config(${s.setting}, ${options[s.pick % options.length]!}, ${s.local})`;
                }
              }
              return foreignRows(tx);
            });
            expect(seen).toEqual({});
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      await conn`select set_config(s, '', false) from unnest(${SETTINGS as unknown as string[]}::text[]) s`;
    }
  });
});
