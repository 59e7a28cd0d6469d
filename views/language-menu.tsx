import { languageChoices } from '#lib/i18n/language-names.ts';
import { reader } from '#lib/i18n/reader.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * The language menu of the top bar (the account menu) and the sign-in pages: each language by
 * its own name. A signed-in person's choice is saved to their account (POST
 * /app/account/language); a visitor's is kept in a cookie (POST /language). The button, not the
 * select's change, sends it: a keyboard user stepping through the list is not thrown onto a
 * reloaded page at the first arrow key (WCAG 3.2.2). The page then reloads in the new language.
 */
export function LanguageMenu(props: { signedIn: boolean }) {
  const current = reader().locale;
  const action = props.signedIn ? '/app/account/language' : '/language';
  return (
    <form class="language-menu" method="post" action={action} hx-post={action} aria-label={t('language.menu_label')}>
      <label class="sr-only" for="language-menu-locale">
        {t('language.menu_label')}
      </label>
      <select id="language-menu-locale" name="locale" title={t('language.change')}>
        {languageChoices().map((choice) => (
          <option value={choice.locale} lang={choice.locale} selected={choice.locale === current}>
            {choice.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary language-menu-send">
        {t('language.switch')}
      </button>
    </form>
  );
}
