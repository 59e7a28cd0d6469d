import type { MessageKey } from '#lib/i18n/locales.ts';
import { t } from '#lib/i18n/translate.ts';

/**
 * Every keyboard shortcut, as the help overlay lists them; views/assets/shortcuts.js implements
 * them. The keys are the keyboard's own names; what they do is a catalogue key, read per render.
 */
const SHORTCUTS: readonly (readonly [keys: string, what: MessageKey])[] = [
  ['j / k', 'shell.shortcuts.move'],
  ['Enter', 'shell.shortcuts.open'],
  ['x', 'shell.shortcuts.select'],
  ['/', 'shell.shortcuts.search'],
  ['r', 'shell.shortcuts.reply'],
  ['n', 'shell.shortcuts.note'],
  ['e', 'shell.shortcuts.solve'],
  ['?', 'shell.shortcuts.show'],
  ['Esc', 'shell.shortcuts.hide'],
];

/**
 * The help overlay, a native modal dialog: `?` opens it, Esc or Close shuts it (the dialog form
 * needs no script), and focus returns to where it was.
 */
export function ShortcutHelp() {
  return (
    <dialog id="shortcut-help" class="shortcut-help" aria-labelledby="shortcut-help-title">
      <h2 id="shortcut-help-title">{t('shell.shortcuts.title')}</h2>
      <p class="muted small">{t('shell.shortcuts.intro')}</p>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div>
            <dt>
              {keys.split(' / ').map((k, i) => (
                <>
                  {i ? ' / ' : ''}
                  <kbd>{k}</kbd>
                </>
              ))}
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" class="secondary">
          {t('common.close')}
        </button>
      </form>
    </dialog>
  );
}
