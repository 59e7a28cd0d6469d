import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import postgres from 'postgres';
import { withUser } from '#lib/config.ts';

export interface TestDatabase {
  name: string;
  /** Superuser on this database: for setup and for checks a test makes behind the app's back. */
  ownerUrl: string;
  appUrl: string;
  workerUrl: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template: a test file owns it alone. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const pg = inject('pg');
  const name = `${pg.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(pg.serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${pg.template}`);
  } finally {
    await admin.end();
  }
  const at = (user: string, password?: string) => {
    const u = new URL(withUser(pg.serverUrl, user, password));
    u.pathname = `/${name}`;
    return u.toString();
  };
  const serverUser = decodeURIComponent(new URL(pg.serverUrl).username) || 'postgres';
  const serverPassword = decodeURIComponent(new URL(pg.serverUrl).password) || undefined;
  return {
    name,
    ownerUrl: at(serverUser, serverPassword),
    appUrl: at(pg.appUser, pg.password),
    workerUrl: at(pg.workerUser, pg.password),
    async drop() {
      const a = postgres(pg.serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}
