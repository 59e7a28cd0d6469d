import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import { HttpError } from '#lib/http/errors.ts';

/**
 * The signed-in person behind a page request. Pages under /app are for people (their
 * middleware sends anyone else to sign in); an API key that reached one anyway is refused.
 */
export function pagePerson(caller: MemberCaller | ApiKeyCaller): MemberCaller {
  if (caller.kind !== 'member') throw new HttpError(403, 'forbidden', 'Pages are for signed-in people, not API keys');
  return caller;
}
