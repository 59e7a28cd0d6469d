/** Every keyboard shortcut, as the help overlay lists them; views/assets/shortcuts.js implements them. */
const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['j / k', 'Next / previous ticket in a list'],
  ['Enter', 'Open the selected ticket'],
  ['x', 'Select the ticket for a bulk action'],
  ['/', 'Search tickets'],
  ['r', 'Reply (on a ticket)'],
  ['n', 'Add an internal note (on a ticket)'],
  ['e', 'Solve (on a ticket)'],
  ['?', 'Show this list'],
  ['Esc', 'Close this list'],
];

/**
 * The help overlay, a native modal dialog: `?` opens it, Esc or Close shuts it (the dialog form
 * needs no script), and focus returns to where it was.
 */
export function ShortcutHelp() {
  return (
    <dialog id="shortcut-help" class="shortcut-help" aria-labelledby="shortcut-help-title">
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <p class="muted small">They work anywhere except while typing in a field.</p>
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
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" class="secondary">
          Close
        </button>
      </form>
    </dialog>
  );
}
