import * as v from 'valibot';
import { readOwnPreferences } from '#lib/i18n/own-preferences.ts';
import { layoutUser } from '#lib/pages/layout-user.ts';
import { endpoint } from '#lib/router/endpoint.ts';
import { PreferencesPage } from '#views/preferences-page.tsx';

/** GET /app/account/preferences — the person's own language and time zone (`?saved=1` after a save). */
export default endpoint({
  auth: 'signed-in',
  page: 'staff',
  query: v.object({ saved: v.optional(v.string()) }),
  async handler({ c, db, caller, query }) {
    const prefs = await readOwnPreferences(db, caller.userId);
    return c.html(<PreferencesPage user={await layoutUser(db, caller)} prefs={prefs} saved={query.saved === '1'} />);
  },
});
