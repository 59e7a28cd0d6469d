import { t } from '#lib/i18n/translate.ts';
import type { MacroRow } from '#lib/macros/model.ts';
import { Outcome } from '#views/admin/form.tsx';
import { ticketPath } from './format.ts';

type ComposerMode = 'reply' | 'note';

export interface ComposerProps {
  number: number | string;
  macros: MacroRow[];
  mode?: ComposerMode;
  /** Text to start with: a macro's, or what was typed when sending failed. */
  text?: string;
  error?: string | undefined;
  notice?: string | undefined;
}

function MacroPicker(props: { number: number | string; macros: MacroRow[] }) {
  const shared = props.macros.filter((m) => m.owner_user_id === null);
  const personal = props.macros.filter((m) => m.owner_user_id !== null);
  const options = (list: MacroRow[]) => list.map((m) => <option value={m.id}>{m.name}</option>);
  return (
    <form class="macro-picker" hx-post={ticketPath(props.number, '/macro')} hx-target="#composer" hx-swap="outerHTML" hx-include="#composer-body, #composer input[name='mode']:checked">
      <label for="macro-id">{t('ticket.composer.macro_label')}</label>
      <select id="macro-id" name="macro_id" required>
        <option value="">{props.macros.length ? t('ticket.composer.choose_macro') : t('ticket.composer.no_macros')}</option>
        {shared.length ? <optgroup label={t('ticket.composer.macros_shared')}>{options(shared)}</optgroup> : null}
        {personal.length ? <optgroup label={t('ticket.composer.macros_mine')}>{options(personal)}</optgroup> : null}
      </select>
      <button type="submit" class="secondary">
        {t('common.apply')}
      </button>
    </form>
  );
}

/**
 * The composer: a public reply or an internal note (the note's form is tinted and says so),
 * one optional file, and canned responses (macros) that fill in the text. `r` and `n` pick the
 * kind of message (data-shortcut, clicked by the shortcut script), and ticket.js then puts the
 * cursor in the text. Typing reports "replying" to the others on the ticket (PresenceBeats).
 */
export function Composer(props: ComposerProps) {
  const mode = props.mode ?? 'reply';
  return (
    <div id="composer" class="composer-box">
      <MacroPicker number={props.number} macros={props.macros} />
      <form
        class="composer"
        hx-post={ticketPath(props.number, '/messages')}
        enctype="multipart/form-data"
        hx-target="#composer"
        hx-swap="outerHTML"
        hx-disable="find button[type='submit']"
        aria-label={t('ticket.composer.form_label')}
      >
        <fieldset class="modes">
          <legend>{t('ticket.composer.kind_legend')}</legend>
          <label>
            <input type="radio" name="mode" value="reply" checked={mode === 'reply'} data-shortcut="r" /> {t('ticket.kind.reply')}
          </label>
          <label>
            <input type="radio" name="mode" value="note" checked={mode === 'note'} data-shortcut="n" /> {t('ticket.kind.note')} <span class="muted small">{t('ticket.composer.staff_only')}</span>
          </label>
        </fieldset>
        <label for="composer-body">{t('ticket.composer.message_label')}</label>
        <textarea id="composer-body" name="body" rows={6} aria-describedby="composer-hint">
          {props.text ?? ''}
        </textarea>
        <p id="composer-hint" class="hint">
          {t('ticket.composer.hint')}
        </p>
        <label for="composer-file">{t('ticket.composer.attach_label')}</label>
        <input id="composer-file" type="file" name="file" />
        <Outcome error={props.error} notice={props.notice} />
        <div class="actions">
          <button type="submit">{t('ticket.composer.send')}</button>
          <span class="htmx-indicator muted small">{t('ticket.composer.sending')}</span>
        </div>
      </form>
    </div>
  );
}
