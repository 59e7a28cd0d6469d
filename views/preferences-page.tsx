import { languageChoices, languageName } from '#lib/i18n/language-names.ts';
import { formatDateTime } from '#lib/i18n/format.ts';
import type { PreferencesView } from '#lib/i18n/own-preferences.ts';
import { t } from '#lib/i18n/translate.ts';
import { TimeZoneList } from './admin/time-zone-list.tsx';
import { AppNav } from './app-nav.tsx';
import { Field } from './field.tsx';
import { Layout, type LayoutUser } from './layout.tsx';

/**
 * GET /app/account/preferences — the person's own language and time zone. Empty means "as my
 * organization", which the choices say by name, so nobody has to guess what the default is.
 */
export function PreferencesPage(props: { user: LayoutUser; prefs: PreferencesView; saved?: boolean | undefined; error?: string | undefined }) {
  const { prefs } = props;
  return (
    <Layout title={t('preferences.title')} user={props.user} nav={<AppNav current="preferences" />}>
      <h1>{t('preferences.title')}</h1>
      <p class="muted">{t('preferences.intro')}</p>
      <PreferencesForm prefs={prefs} saved={props.saved} error={props.error} />
    </Layout>
  );
}

/** The form alone: what a refused save answers, in place of the form that sent it. */
export function PreferencesForm(props: { prefs: PreferencesView; saved?: boolean | undefined; error?: string | undefined }) {
  const { prefs } = props;
  return (
    <form class="stack" hx-post="/app/account/preferences" hx-target="this" hx-swap="outerHTML" method="post" action="/app/account/preferences">
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {props.saved ? (
        <p class="notice" role="status">
          {t('preferences.saved')}
        </p>
      ) : null}
      <div class="field">
        <label for="pref-locale">
          <span>{t('preferences.language')}</span>
        </label>
        <select id="pref-locale" name="locale">
          <option value="" selected={prefs.locale === null}>
            {t('preferences.language_org', { language: languageName(prefs.orgLocale) })}
          </option>
          {languageChoices().map((choice) => (
            <option value={choice.locale} lang={choice.locale} selected={choice.locale === prefs.locale}>
              {choice.name}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t('preferences.time_zone')}
        name="time_zone"
        value={prefs.timeZone ?? ''}
        list="pref-zones"
        autocomplete="off"
        invalid={!!props.error}
        hint={t('preferences.time_zone_hint', { zone: prefs.orgTimeZone })}
      />
      <TimeZoneList id="pref-zones" />
      <p class="muted">{t('preferences.now', { time: formatDateTime(new Date()) })}</p>
      <button type="submit">{t('common.save')}</button>
    </form>
  );
}
