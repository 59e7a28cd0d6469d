import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '#lib/db/tenant.ts';
import { mailboxSecrets, saveMailbox } from '#lib/mail/mailboxes.ts';
import { mailSecretKey } from '#lib/mail/secret-key.ts';
import { useTestApp, type Member } from './helpers/app.ts';

const t = useTestApp();
let a: Member;
beforeAll(async () => {
  a = await t.org('mailbox-store');
});
const asA = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(t.deps.unscoped, { orgId: a.orgId, userId: a.userId, role: 'owner' }, fn);

describe('mailbox store', () => {
  it('seals passwords at rest and opens them with the same key only', async () => {
    const box = await asA((tx) =>
      saveMailbox(tx, t.deps.mailKey, a.orgId, null, {
        name: 'Support',
        from_address: 'help@store.test',
        imap_host: 'imap.store.test',
        imap_user: 'help',
        imap_password: 'imap-pw-123',
        smtp_password: 'smtp-pw-456',
      }),
    );
    expect(box).toMatchObject({ has_imap_password: true, has_smtp_password: true, subject_pattern: '[#{number}]', status: 'ok', last_uid: '0' });
    const [row] = await t.owner<{ imap: string; smtp: string }[]>`select imap_password_sealed as imap, smtp_password_sealed as smtp from mailboxes where id = ${box.id}`;
    expect(row!.imap).toMatch(/^v1\./);
    expect(row!.imap).not.toContain('imap-pw-123');
    expect(await asA((tx) => mailboxSecrets(tx, t.deps.mailKey, box.id))).toEqual({ imapPassword: 'imap-pw-123', smtpPassword: 'smtp-pw-456' });
    const otherKey = mailSecretKey({ mailSecretKey: 'another-key-another-key-another-key-0123' }, 'unused');
    await expect(asA((tx) => mailboxSecrets(tx, otherKey, box.id))).rejects.toThrow(/wrong key/);
  });

  it('derives the key from MAIL_SECRET_KEY when set, else from APP_SECRET, never equal to secret-box', () => {
    const fromApp = mailSecretKey({ mailSecretKey: undefined }, 'a'.repeat(40));
    expect(Buffer.from(fromApp)).toHaveLength(32);
    expect(Buffer.from(mailSecretKey({ mailSecretKey: 'b'.repeat(40) }, 'a'.repeat(40)))).not.toEqual(Buffer.from(fromApp));
    expect(Buffer.from(t.deps.tokenKeys.boxKey)).not.toEqual(Buffer.from(t.deps.mailKey));
  });

  it('restarts UID progress when the IMAP account changes', async () => {
    const box = await asA((tx) => saveMailbox(tx, t.deps.mailKey, a.orgId, null, { name: 'Sales', from_address: 'sales@store.test' }));
    await t.owner`update mailboxes set uidvalidity = 7, last_uid = 42, status = 'failing', last_error = 'x' where id = ${box.id}`;
    const renamed = await asA((tx) => saveMailbox(tx, t.deps.mailKey, a.orgId, box.id, { name: 'Sales EU' }));
    expect(renamed).toMatchObject({ name: 'Sales EU', uidvalidity: '7', last_uid: '42' });
    const moved = await asA((tx) => saveMailbox(tx, t.deps.mailKey, a.orgId, box.id, { imap_folder: 'Support' }));
    expect(moved).toMatchObject({ imap_folder: 'Support', uidvalidity: null, last_uid: '0' });
    expect(moved.next_try_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
