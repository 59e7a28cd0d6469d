// ATUM DESK ticket page: the two small behaviours htmx does not cover. Served from /assets
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
