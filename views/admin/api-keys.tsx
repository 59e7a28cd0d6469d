import type { ApiKeyView } from '#lib/api-keys/issue.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import type { Permission } from '#lib/auth/permissions.ts';
import { EMPTY_FORM, Outcome, Submit, TextField, When } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';
import { TableScroll } from '#views/table-scroll.tsx';

export interface ApiKeysState {
  form?: FormState;
  /** The key just created, shown this once. */
  created?: { name: string; key: string };
  notice?: string;
  error?: string | undefined;
}

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The API keys page's body: a new key (once), the create form, and the keys with their revoke buttons. */
export function ApiKeysBody(props: { keys: ApiKeyView[]; grantable: readonly Permission[]; state?: ApiKeysState }) {
  const state = props.state ?? {};
  const form = state.form ?? EMPTY_FORM;
  const permError = form.errors.permissions;
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      {state.created ? (
        <div class="notice" role="status">
          <p>{tRich('admin.api_keys.created', { name: state.created.name, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <code class="secret" data-testid="new-api-key">
            {state.created.key}
          </code>
        </div>
      ) : null}
      <section aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">{t('admin.api_keys.new_heading')}</h2>
        <form class="card stack" method="post" action="/app/admin/api-keys" hx-post="/app/admin/api-keys" {...SWAP}>
          <TextField form="key" label={t('admin.api_keys.name')} name="name" required maxlength={100} state={form} hint={t('admin.api_keys.name_hint')} />
          <fieldset aria-describedby={permError ? 'key-permissions-error' : undefined}>
            <legend>
              <strong>{t('admin.api_keys.permissions')}</strong>
            </legend>
            {permError ? (
              <div class="field-error" id="key-permissions-error">
                {permError}
              </div>
            ) : null}
            <div class="checks">
              {props.grantable.map((p) => (
                <label class="check">
                  <input type="checkbox" name={`perm_${p}`} value="on" checked={form.values[`perm_${p}`] === 'on'} /> <code>{p}</code>
                </label>
              ))}
            </div>
          </fieldset>
          <TextField form="key" label={t('admin.api_keys.expires')} name="expires_on" type="date" state={form} hint={t('admin.api_keys.expires_hint')} />
          <Submit>{t('admin.api_keys.create')}</Submit>
        </form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('admin.api_keys.keys_heading')}</h2>
        {props.keys.length === 0 ? (
          <p class="muted">{t('admin.api_keys.empty')}</p>
        ) : (
          <TableScroll label={t('admin.api_keys.table_label')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.api_keys.name')}</th>
                  <th scope="col">{t('admin.api_keys.starts_with')}</th>
                  <th scope="col">{t('admin.api_keys.permissions')}</th>
                  <th scope="col">{t('admin.api_keys.last_used')}</th>
                  <th scope="col">{t('admin.api_keys.state')}</th>
                </tr>
              </thead>
              <tbody>
                {props.keys.map((k) => (
                  <tr>
                    <td>{k.name}</td>
                    <td>
                      <code>{k.display_prefix}…</code>
                    </td>
                    <td class="small">{k.permissions.join(', ')}</td>
                    <td>
                      <When at={k.last_used_at} empty={t('common.never')} />
                    </td>
                    <td>
                      {k.revoked_at ? (
                        <span class="badge badge-off">{t('admin.api_keys.revoked')}</span>
                      ) : (
                        <button
                          type="button"
                          class="secondary"
                          hx-post={`/app/admin/api-keys/${k.id}/revoke`}
                          hx-confirm={t('admin.api_keys.revoke_confirm', { name: k.name })}
                          {...SWAP}
                          aria-label={t('admin.api_keys.revoke_label', { name: k.name })}
                        >
                          {t('admin.api_keys.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
