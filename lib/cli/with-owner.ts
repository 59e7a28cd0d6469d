import type { Config } from '#lib/config.ts';
import { createPool, type Sql } from '#lib/db/pool.ts';
import { openDatabaseTarget, type DatabaseTarget } from '#lib/db/target.ts';

/**
 * Runs a CLI command with the owner connection. In embedded mode it starts the database if no
 * ATUM DESK is running on DATA_DIR, and stops it again afterwards.
 */
export async function withOwner<T>(config: Config, fn: (owner: Sql, target: DatabaseTarget) => Promise<T>): Promise<T> {
  const target = await openDatabaseTarget(config, { adopt: false, log: () => {} });
  try {
    if (!target.ownerUrl) throw new CliError('This command needs DATABASE_OWNER_URL (the role that owns the schema).');
    const owner = createPool(target.ownerUrl, { max: 2, applicationName: 'atum-cli' });
    try {
      return await fn(owner, target);
    } finally {
      await owner.end({ timeout: 5 });
    }
  } finally {
    await target.embedded?.stop();
  }
}

/** An error the CLI prints as one line, without a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
}
