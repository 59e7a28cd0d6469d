import type { ApiKeyView } from '#lib/api-keys/issue.ts';
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
          <p>
            <strong>Key “{state.created.name}” created.</strong> Copy it now: it is shown only this once.
          </p>
          <code class="secret" data-testid="new-api-key">
            {state.created.key}
          </code>
        </div>
      ) : null}
      <section aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">New API key</h2>
        <form class="card stack" method="post" action="/app/admin/api-keys" hx-post="/app/admin/api-keys" {...SWAP}>
          <TextField form="key" label="Name" name="name" required maxlength={100} state={form} hint="What uses it, e.g. CRM sync." />
          <fieldset aria-describedby={permError ? 'key-permissions-error' : undefined}>
            <legend>
              <strong>Permissions</strong>
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
          <TextField form="key" label="Expires (optional)" name="expires_on" type="date" state={form} hint="The key stops working at the start of this day (UTC)." />
          <Submit>Create key</Submit>
        </form>
      </section>
      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {props.keys.length === 0 ? (
          <p class="muted">No API keys yet. Create one above for each integration; its secret is shown once, so copy it then.</p>
        ) : (
          <TableScroll label="Table of API keys">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
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
                      <When at={k.last_used_at} empty="never" />
                    </td>
                    <td>
                      {k.revoked_at ? (
                        <span class="badge badge-off">Revoked</span>
                      ) : (
                        <button
                          type="button"
                          class="secondary"
                          hx-post={`/app/admin/api-keys/${k.id}/revoke`}
                          hx-confirm={`Revoke ${k.name}? Whatever uses it stops working at once.`}
                          {...SWAP}
                          aria-label={`Revoke ${k.name}`}
                        >
                          Revoke
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
