import type { OrgView } from '#lib/orgs/settings.ts';
import type { SettingsForm, SettingsState } from '#lib/pages/settings-save.ts';
import { CheckboxField, EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The Settings page's body: search language and auto-close, the 2FA requirement, the IP allowlist. */
export function SettingsBody(props: { org: OrgView; languages: string[]; clientIp: string; state?: SettingsState }) {
  const { org } = props;
  const state = props.state ?? {};
  const stateOf = (which: SettingsForm): FormState => (state.form?.which === which ? state.form.state : EMPTY_FORM);
  const general = stateOf('general');
  const security = stateOf('security');
  const allowlist = stateOf('allowlist');
  return (
    <div id="admin-body">
      <Outcome notice={state.notice} error={state.error} />
      <section aria-labelledby="general-heading">
        <h2 id="general-heading">Tickets and search</h2>
        <form class="card stack" method="post" action="/app/admin/settings/general" hx-post="/app/admin/settings/general" {...SWAP}>
          <SelectField
            form="general"
            label="Search language"
            name="search_language"
            options={props.languages.map((l) => [l, l] as const)}
            selected={org.search_language}
            state={general}
            hint="Words are matched by their stem in this language. Changing it re-indexes every ticket in the background; older tickets are found in the new language once that has run."
          />
          <TextField
            form="general"
            label="Close solved tickets after (days)"
            name="solved_autoclose_days"
            type="number"
            min={1}
            max={365}
            required
            value={general.values.solved_autoclose_days ?? String(org.solved_autoclose_days)}
            state={general}
            hint="A solved ticket closes by itself after this many days without a reply (1 to 365)."
          />
          <Submit>Save</Submit>
        </form>
      </section>
      <section aria-labelledby="security-heading">
        <h2 id="security-heading">Two-factor authentication</h2>
        <form class="card stack" method="post" action="/app/admin/settings/security" hx-post="/app/admin/settings/security" {...SWAP}>
          <CheckboxField
            form="security"
            label="Require two-factor authentication of everyone"
            name="require_2fa"
            checked={org.require_2fa}
            state={security}
            hint="People without it are asked to set it up at their next sign-in, before they can do anything else."
          />
          <Submit>Save</Submit>
        </form>
      </section>
      <section aria-labelledby="allowlist-heading">
        <h2 id="allowlist-heading">IP allowlist</h2>
        <form class="card stack" method="post" action="/app/admin/settings/allowlist" hx-post="/app/admin/settings/allowlist" {...SWAP}>
          <TextArea
            form="allowlist"
            label="Allowed addresses"
            name="ip_allowlist"
            rows={4}
            state={allowlist.values.ip_allowlist === undefined ? { ...allowlist, values: { ip_allowlist: org.ip_allowlist.join('\n') } } : allowlist}
            hint={`One address or CIDR range per line, e.g. 203.0.113.0/24. Empty allows every address. Your address now is ${props.clientIp}: the list must include it.`}
          />
          <Submit>Save allowlist</Submit>
        </form>
      </section>
    </div>
  );
}
