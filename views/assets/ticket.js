// ATUM DESK ticket page: the small behaviours htmx does not cover. Served from /assets
// under the CSP (script-src 'self'): no inline script, no eval.
(function () {
  'use strict';

  // "r" / "n" (the shortcut script clicks the radio with data-shortcut) pick the kind of
  // message; the cursor then goes to the text. Arrow keys inside the radio group also click,
  // but leave focus where the person put it.
  document.addEventListener('click', function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== 'mode' || !input.closest('#composer')) return;
    var active = document.activeElement;
    if (active instanceof HTMLInputElement && active.name === 'mode') return;
    var body = document.getElementById('composer-body');
    if (body) body.focus();
  });

  // The sidebar refreshes itself on live events. A refresh must not throw away a field that is
  // being typed in (the save that follows shows the ticket as it then is), and it says which
  // version the page shows, so the server answers 204 when nothing changed (see
  // lib/tickets/sidebar-version.ts): "Saved." stays. This runs when the request really leaves,
  // after any save queued before it (hx-sync), so the version is the latest one.
  function editing(aside) {
    var el = document.activeElement;
    if (!el || !aside.contains(el)) return false;
    var typed = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio');
    return typed && el.value !== el.defaultValue;
  }
  document.addEventListener('htmx:before:request', function (event) {
    var ctx = event.detail && event.detail.ctx;
    var aside = document.getElementById('ticket-properties');
    if (!ctx || !aside || ctx.sourceElement !== aside) return;
    if (editing(aside)) {
      event.preventDefault();
      return;
    }
    var form = aside.querySelector('form[data-version]');
    if (form) ctx.request.headers['X-Sidebar-Version'] = form.getAttribute('data-version');
  });

  // The sidebar saves only what the person changed. The other fields may be stale (a reply just
  // moved the ticket from New to Open, a colleague just assigned it), and sending them back
  // would undo that change, or be refused as a transition. A multi-select's boxes and its
  // hidden marker (one fieldset) go together.
  function changed(el) {
    if (el instanceof HTMLSelectElement) {
      // With no option marked selected, the page showed the first one.
      var shown =
        Array.prototype.find.call(el.options, function (o) {
          return o.defaultSelected;
        }) || el.options[0];
      return el.value !== (shown ? shown.value : '');
    }
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) return el.checked !== el.defaultChecked;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value !== el.defaultValue;
    return false;
  }
  document.addEventListener('htmx:config:request', function (event) {
    var ctx = event.detail && event.detail.ctx;
    var form = ctx && ctx.sourceElement;
    if (!(form instanceof HTMLFormElement) || form.parentElement !== document.getElementById('ticket-properties')) return;
    var groups = new Map();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      var group = el.closest('fieldset') || el;
      var entry = groups.get(group) || { names: [], changed: false };
      entry.names.push(el.name);
      entry.changed = entry.changed || changed(el);
      groups.set(group, entry);
    });
    groups.forEach(function (entry) {
      if (!entry.changed)
        entry.names.forEach(function (name) {
          ctx.request.body.delete(name);
        });
    });
  });

  // Leaving the page ends "viewing" at once for the others, instead of when it expires.
  window.addEventListener('pagehide', function () {
    var page = document.querySelector('.ticket-page[data-ticket]');
    if (!page) return;
    fetch('/app/tickets/' + encodeURIComponent(page.getAttribute('data-ticket')) + '/presence', {
      method: 'POST',
      keepalive: true,
      headers: { 'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'state=gone',
    }).catch(function () {});
  });
})();
