import type { JobHelpers, Task } from 'graphile-worker';
import * as v from 'valibot';
import { AUTOREPLY_CAP_PER_HOUR } from '#lib/mail/inbound/deliver.ts';
import { pollMailbox, type PollOptions } from '#lib/mail/inbound/poll.ts';
import { createMemoryStore } from '#lib/kv/memory.ts';
import type { KvStore } from '#lib/kv/store.ts';
import { SERVICE, withTenant } from '#lib/db/tenant.ts';
import type { WorkerDeps } from './deps.ts';

let fallbackKv: KvStore | undefined;

const Payload = v.object({ org_id: v.pipe(v.string(), v.uuid()), mailbox_id: v.pipe(v.string(), v.uuid()) });

/** The poll options of the worker's mail settings. */
export function pollOptions(deps: WorkerDeps): PollOptions {
  const { config } = deps;
  return {
    sql: deps.sql,
    key: deps.mailKey,
    kv: deps.kv ?? (fallbackKv ??= createMemoryStore()),
    log: deps.log ?? ((line) => process.stderr.write(`${line}\n`)),
    dataDir: config.dataDir,
    attachmentMaxBytes: config.attachmentMaxBytes,
    mailMaxBytes: config.mailMaxBytes,
    autoreplyCapPerHour: AUTOREPLY_CAP_PER_HOUR,
    smtpUrlSet: Boolean(config.mail.smtpUrl),
  };
}

/**
 * Enqueues one mailbox's poll: keyed by mailbox, so a pending poll is not doubled, and in the
 * mailbox's own queue, so two polls of one mailbox never run at once. No retries: a failure
 * is the mailbox's health (exponential backoff in lib/mail/inbound/poll-state.ts), not the job's.
 */
export async function enqueuePoll(helpers: Pick<JobHelpers, 'addJob'>, orgId: string, mailboxId: string): Promise<void> {
  await helpers.addJob('mail-poll', { org_id: orgId, mailbox_id: mailboxId }, { jobKey: `mail-poll:${mailboxId}`, queueName: `mail:${mailboxId}`, maxAttempts: 1 });
}

/** Polls one mailbox (lib/mail/inbound/poll.ts); more mail than one batch: polls again at once. */
export function mailPoll(deps: WorkerDeps): Task {
  return async function mailPollTask(payload, helpers) {
    const input = v.parse(Payload, payload);
    const result = await pollMailbox(pollOptions(deps), input.org_id, input.mailbox_id);
    if (result.filed) helpers.logger.info(`mail-poll: filed ${result.filed} mail(s) from mailbox ${input.mailbox_id}`);
    if (result.more) await enqueuePoll(helpers, input.org_id, input.mailbox_id);
  };
}

/** Every minute: a poll for each mailbox whose next try is due, in every org (app.mail_due_mailboxes). */
export function mailPollDue(deps: WorkerDeps): Task {
  return async function mailPollDueTask(_payload, helpers) {
    const due = await withTenant(deps.sql, SERVICE, (tx) => tx<{ org_id: string; id: string }[]>`select org_id, id from app.mail_due_mailboxes()`);
    for (const box of due) await enqueuePoll(helpers, box.org_id, box.id);
  };
}
