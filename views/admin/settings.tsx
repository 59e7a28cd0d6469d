import { languageName } from '#lib/i18n/language-names.ts';
import { LOCALES } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';
import type { OrgView } from '#lib/orgs/settings.ts';
import type { SettingsForm, SettingsState } from '#lib/pages/settings-save.ts';
import { CheckboxField, EMPTY_FORM, Outcome, SelectField, Submit, TextArea, TextField } from './form.tsx';
import type { FormState } from '#lib/pages/form-state.ts';

const SWAP = { 'hx-target': '#admin-body', 'hx-swap': 'outerHTML' } as const;

/** The Settings page's body: default and search language, auto-close, the 2FA requirement, the IP allowlist. */
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
        <h2 id="general-heading">{t('admin.settings.general_heading')}</h2>
        <form class="card stack" method="post" action="/app/admin/settings/general" hx-post="/app/admin/settings/general" {...SWAP}>
          <SelectField
            form="general"
            label={t('admin.settings.default_locale')}
            name="default_locale"
            // Each language by its own name, so a reader who cannot read the current one still finds theirs.
            options={LOCALES.map((l) => [l, languageName(l)] as const)}
            selected={org.default_locale}
            state={general}
            hint={t('admin.settings.default_locale_hint')}
          />
          <SelectField
            form="general"
            label={t('admin.settings.search_language')}
            name="search_language"
            options={props.languages.map((l) => [l, l] as const)}
            selected={org.search_language}
            state={general}
            hint={t('admin.settings.search_language_hint')}
          />
          <TextField
            form="general"
            label={t('admin.settings.autoclose_days')}
            name="solved_autoclose_days"
            type="number"
            min={1}
            max={365}
            required
            value={general.values.solved_autoclose_days ?? String(org.solved_autoclose_days)}
            state={general}
            hint={t('admin.settings.autoclose_hint')}
          />
          <Submit>{t('common.save')}</Submit>
        </form>
      </section>
      <section aria-labelledby="security-heading">
        <h2 id="security-heading">{t('admin.settings.security_heading')}</h2>
        <form class="card stack" method="post" action="/app/admin/settings/security" hx-post="/app/admin/settings/security" {...SWAP}>
          <CheckboxField form="security" label={t('admin.settings.require_2fa')} name="require_2fa" checked={org.require_2fa} state={security} hint={t('admin.settings.require_2fa_hint')} />
          <Submit>{t('common.save')}</Submit>
        </form>
      </section>
      <section aria-labelledby="allowlist-heading">
        <h2 id="allowlist-heading">{t('admin.settings.allowlist_heading')}</h2>
        <form class="card stack" method="post" action="/app/admin/settings/allowlist" hx-post="/app/admin/settings/allowlist" {...SWAP}>
          <TextArea
            form="allowlist"
            label={t('admin.settings.allowlist_label')}
            name="ip_allowlist"
            rows={4}
            state={allowlist.values.ip_allowlist === undefined ? { ...allowlist, values: { ip_allowlist: org.ip_allowlist.join('\n') } } : allowlist}
            hint={t('admin.settings.allowlist_hint', { ip: props.clientIp })}
          />
          <Submit>{t('admin.settings.save_allowlist')}</Submit>
        </form>
      </section>
    </div>
  );
}
