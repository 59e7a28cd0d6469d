import { describe, expect, it } from 'vitest';
import { ConnectBackoffError, createConnectGate } from '#lib/worker/connect-backoff.ts';

/** The worker's connection gate (lib/worker/connect-backoff.ts), on a clock of the test's own. */
function setup() {
  let now = 0;
  const lines: string[] = [];
  const gate = createConnectGate({ role: 'atum_worker', setting: 'WORKER_DATABASE_URL', log: (l) => lines.push(l), now: () => now });
  let calls = 0;
  const refuse = () => {
    calls++;
    return Promise.reject(Object.assign(new Error('password authentication failed for user "atum_worker"'), { code: '28P01' }));
  };
  const accept = () => {
    calls++;
    return Promise.resolve('client');
  };
  return { gate, lines, calls: () => calls, refuse, accept, advance: (ms: number) => (now += ms) };
}

describe('the connection gate', () => {
  it('lets one attempt through per window, doubling from 0.5 s to 60 s, and refuses the rest without connecting', async () => {
    const s = setup();
    await expect(s.gate.attempt(s.refuse)).rejects.toThrow('password authentication failed');
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      let waited = 0;
      for (;;) {
        const err = await s.gate.attempt(s.refuse).catch((e: Error) => e);
        if (!(err instanceof ConnectBackoffError)) break;
        s.advance(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(s.calls()).toBe(11);
  });

  it('says once which role was refused and what to check, and once that it is back', async () => {
    const s = setup();
    for (let i = 0; i < 5; i++) {
      await s.gate.attempt(s.refuse).catch(() => {});
      s.advance(60_000);
    }
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toContain('refused the worker\'s login as role "atum_worker"');
    expect(s.lines[0]).toContain('Check that WORKER_DATABASE_URL');
    await expect(s.gate.attempt(s.accept)).resolves.toBe('client');
    expect(s.lines[1]).toBe('worker: connected to PostgreSQL as role "atum_worker" again after 5 failed attempt(s)');
    expect(s.gate.failures).toBe(0);
    // Healthy again: attempts go straight through.
    await Promise.all([s.gate.attempt(s.accept), s.gate.attempt(s.accept)]);
  });

  it('makes a single probe at a time while failing, and counts attempts already in flight as one failure', async () => {
    const s = setup();
    let fail!: (e: Error) => void;
    const pending = () => new Promise<string>((_, reject) => (fail = reject));
    const first = s.gate.attempt(pending);
    const second = s.gate.attempt(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
    await expect(second).rejects.toThrow('ECONNREFUSED');
    fail(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await expect(first).rejects.toThrow('ECONNREFUSED');
    expect(s.gate.failures).toBe(1);
    expect(s.lines).toEqual(['the worker cannot connect to PostgreSQL as role "atum_worker" (connect ECONNREFUSED 127.0.0.1:5432); retrying with backoff (at most one attempt every 60 s).']);
    s.advance(500);
    const probe = s.gate.attempt(pending);
    await expect(s.gate.attempt(s.accept)).rejects.toBeInstanceOf(ConnectBackoffError);
    fail(new Error('still down'));
    await expect(probe).rejects.toThrow('still down');
  });
});
