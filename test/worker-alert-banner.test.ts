import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';
import { pageClient } from './helpers/page-client.ts';

/**
 * "The worker died silently" (issue 13): a stopped worker, or jobs that used up their attempts,
 * shows a banner to an org's admins on every page, and to nobody else.
 */
const t = useTestApp();
const browser = pageClient(t);
let owner: Member;
let other: Member;
let admin: Awaited<ReturnType<typeof browser.signIn>>;
let agent: Awaited<ReturnType<typeof browser.signIn>>;

const BANNER = 'aria-label="Background worker"';

beforeAll(async () => {
  owner = await t.org('banner-co');
  other = await t.org('banner-other');
  admin = await browser.signIn(owner, 'banner-co');
  agent = await browser.signIn(await t.member(owner, 'agent', 'agent@banner-co.test'), 'banner-co');
});

beforeEach(async () => {
  await t.owner`delete from graphile_worker._private_jobs`;
  await t.owner`
    insert into app.worker_heartbeat (worker, beat_at) values ('test:1', now())
    on conflict (id) do update set beat_at = excluded.beat_at`;
});

const html = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.text();
};

/** A mail-send job of `org` that failed as often as it may. */
async function deadJob(org: Member): Promise<void> {
  const [job] = await t.owner<{ id: string }[]>`
    select id::text from graphile_worker.add_job('mail-send', json_build_object('org_id', ${org.orgId}::uuid, 'id', gen_random_uuid()), max_attempts => 3)`;
  await t.owner`update graphile_worker._private_jobs set attempts = 3, last_error = 'connect ECONNREFUSED' where id = ${job!.id}::bigint`;
}

describe('the worker banner', () => {
  it('is absent while the worker beats and no job is dead', async () => {
    expect(await html(await admin.get('/app'))).not.toContain(BANNER);
    expect(await html(await admin.get('/app/admin'))).not.toContain(BANNER);
  });

  it('tells admins, on agent and admin pages, when the heartbeat is stale, and not agents', async () => {
    await t.owner`update app.worker_heartbeat set beat_at = now() - interval '10 minutes'`;
    for (const path of ['/app', '/app/admin']) {
      const page = await html(await admin.get(path));
      expect(page).toContain(BANNER);
      expect(page).toContain('The background worker has stopped.');
      expect(page).toContain('systemctl status atum-worker');
    }
    expect(await html(await agent.get('/app'))).not.toContain(BANNER);
  });

  it('tells admins about their org’s jobs that used up their attempts, not about another org’s', async () => {
    await deadJob(other);
    expect(await html(await admin.get('/app'))).not.toContain(BANNER);
    await deadJob(owner);
    await deadJob(owner);
    const page = await html(await admin.get('/app'));
    expect(page).toContain(BANNER);
    expect(page).toContain('2 background jobs have used up their attempts');
    expect(page).toContain('sending email (2)');
    expect(page).not.toContain('The background worker has stopped.');
    expect(page).not.toContain('ECONNREFUSED');
    expect(await html(await agent.get('/app'))).not.toContain(BANNER);
  });

  it('is not shown to a customer', async () => {
    await t.owner`update app.worker_heartbeat set beat_at = now() - interval '10 minutes'`;
    await deadJob(owner);
    const customer = await browser.signIn(await t.member(owner, 'customer', 'cara@customer.test'), 'banner-co');
    const res = await customer.get('/portal');
    expect(await html(res)).not.toContain(BANNER);
  });
});
