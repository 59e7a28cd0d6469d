import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#lib/config.ts';

describe('configuration', () => {
  it('runs embedded with no variables at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, host: '127.0.0.1', port: 8000, publicUrl: 'http://127.0.0.1:8000', redisUrl: undefined, embeddedPgPort: 5488 });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('derives the worker URL from DATABASE_URL', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://atum_app:pw@db.internal:5432/atum', APP_SECRET: 'x'.repeat(32) });
    expect(c.workerDatabaseUrl).toBe('postgres://atum_worker@db.internal:5432/atum');
  });

  it.each([
    [{ PORT: '0' }, 'PORT must be a whole number between 1 and 65535 (got "0")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a URL starting with postgres:// or postgresql:// (got "mysql://x")'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a URL starting with redis:// or rediss:// (got "localhost:6379")'],
    [{ APP_SECRET: 'short' }, 'APP_SECRET must be at least 32 characters (try: openssl rand -base64 48) (got "short")'],
    [{ DATABASE_URL: 'postgres://a@b/c' }, 'APP_SECRET is required when DATABASE_URL is set (try: openssl rand -base64 48)'],
    [{ DATABASE_OWNER_URL: 'postgres://a@b/c' }, 'DATABASE_URL must be set when DATABASE_OWNER_URL or WORKER_DATABASE_URL is set'],
    [{ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/33' }, 'TRUSTED_PROXIES must be IP addresses or CIDR ranges separated by commas, not "10.0.0.0/33" (got "127.0.0.1, 10.0.0.0/33")'],
  ])('refuses %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('trusts no proxy unless TRUSTED_PROXIES lists it', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    const ranges = loadConfig({ TRUSTED_PROXIES: '127.0.0.1, ::1 10.0.0.0/8' }).trustedProxies;
    expect(ranges.map(([a, p]) => `${a.toString()}/${p}`)).toEqual(['127.0.0.1/32', '::1/128', '10.0.0.0/8']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', REDIS_URL: '' }).port).toBe(8000);
  });
});
