// ATUM DESK keyboard shortcuts, for every signed-in page (views/shortcut-help.tsx lists them).
// A plain script under script-src 'self': no eval, no inline handlers.
//   j / k   move the selection through the rows of a list ([data-row]); it focuses the row's link
//   Enter   opens the selected row (a focused link opens by itself)
//   x       ticks the selected row's checkbox (bulk actions)
//   ?       opens the help dialog (#shortcut-help); Esc closes it, as any modal dialog
//   other   the element with data-shortcut="<key>": a field is focused, anything else clicked
// Keys typed into a field, or pressed with Ctrl, Alt or Meta, are left alone.
(function shortcuts() {
  'use strict';

  var selectedId = null;

  function isTyping(el) {
    if (!(el instanceof HTMLElement)) return false;
    if (el.isContentEditable) return true;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
    return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
  }

  function rows() {
    return Array.prototype.filter.call(document.querySelectorAll('[data-row]'), function visible(row) {
      return row.getClientRects().length > 0;
    });
  }

  // Rows are replaced by htmx (bulk results, live updates, "more"): find the selection by id.
  function selectedRow() {
    return selectedId ? document.getElementById(selectedId) : null;
  }

  function mark(row) {
    document.querySelectorAll('[data-row].is-selected').forEach(function unmark(r) {
      r.classList.remove('is-selected');
      r.removeAttribute('aria-current');
    });
    if (!row) return;
    row.classList.add('is-selected');
    row.setAttribute('aria-current', 'true');
  }

  function select(row) {
    selectedId = row.id || null;
    mark(row);
    var link = row.querySelector('a.row-link');
    if (link) link.focus();
    row.scrollIntoView({ block: 'nearest' });
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var at = list.indexOf(selectedRow());
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
    select(list[next]);
  }

  function openHelp() {
    var help = document.getElementById('shortcut-help');
    if (help && !help.open) help.showModal();
  }

  function byDataShortcut(key) {
    var el = document.querySelector('[data-shortcut="' + CSS.escape(key) + '"]');
    if (!el || el.closest('[hidden]') || el.disabled) return false;
    if (isTyping(el)) {
      el.focus();
      if (typeof el.select === 'function') el.select();
    } else {
      el.click();
    }
    return true;
  }

  document.addEventListener('keydown', function onKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (document.querySelector('dialog[open]')) return;
    if (isTyping(event.target)) return;
    var key = event.key;
    var handled = true;
    if (key === 'j') move(1);
    else if (key === 'k') move(-1);
    else if (key === '?') openHelp();
    else if (key === 'x' && selectedRow()) {
      var box = selectedRow().querySelector('input[type="checkbox"]');
      if (box) box.click();
    } else if (key === 'Enter' && selectedRow() && !(event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement)) {
      var link = selectedRow().querySelector('a.row-link');
      if (link) link.click();
    } else handled = byDataShortcut(key);
    if (handled) event.preventDefault();
  });

  // A swapped-in row loses its mark: put it back when it is the selected one.
  document.addEventListener('htmx:after:settle', function remark() {
    var row = selectedRow();
    if (row && !row.classList.contains('is-selected')) mark(row);
  });
})();
