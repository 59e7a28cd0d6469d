import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp, type Member } from './helpers/app.ts';

// Issue 13, fault 9: a replayed create (same Idempotency-Key) must not take a ticket number.
const t = useTestApp();
let owner: Member;
let agent: Member;

const create = (headers: Record<string, string>, body: Record<string, unknown> = { subject: 'Replay me', body: 'once', requester: { email: 'req@replays.test' } }) =>
  t.request('/api/v1/tickets', { method: 'POST', body, headers });
const numberOf = async (res: Response): Promise<number> => {
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { number: number }).number;
};

beforeAll(async () => {
  owner = await t.org('replays');
  agent = await t.member(owner, 'agent');
});

describe('replayed creates', () => {
  it('burn no ticket number: a member replays three times, the next create gets number + 1', async () => {
    const as = { authorization: agent.auth };
    const first = await numberOf(await create({ ...as, 'idempotency-key': 'member-1' }));
    for (let i = 0; i < 3; i++) {
      const again = await create({ ...as, 'idempotency-key': 'member-1' });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await numberOf(again)).toBe(first);
    }
    expect(await numberOf(await create({ ...as, 'idempotency-key': 'member-2' }))).toBe(first + 1);
  });

  it('burn no ticket number for an API key either, nor for a key reused with another body (422)', async () => {
    const made = await t.request('/api/v1/api-keys', { method: 'POST', as: owner, body: { name: 'replays', permissions: ['tickets.create', 'tickets.read_all'] } });
    const { key } = (await made.json()) as { key: string };
    const as = { authorization: `Bearer ${key}` };
    const first = await numberOf(await create({ ...as, 'idempotency-key': 'key-1' }));
    for (let i = 0; i < 3; i++) expect(await numberOf(await create({ ...as, 'idempotency-key': 'key-1' }))).toBe(first);
    const reused = await create({ ...as, 'idempotency-key': 'key-1' }, { subject: 'Another', body: 'x', requester: { email: 'req@replays.test' } });
    expect(reused.status).toBe(422);
    expect(await numberOf(await create(as))).toBe(first + 1);
  });
});
