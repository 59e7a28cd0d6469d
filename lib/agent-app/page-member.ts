import type { ApiKeyCaller, MemberCaller } from '#lib/auth/caller.ts';
import { HttpError } from '#lib/http/errors.ts';

/**
 * The person behind an agent page. functions/app/_middleware.ts already sends anyone else to
 * sign in; this narrows the type for handlers whose permission would also admit an API key.
 *
 * @example
 * const member = pageMember(caller);
 */
export function pageMember(caller: MemberCaller | ApiKeyCaller): MemberCaller {
  if (caller.kind !== 'member') throw new HttpError(403, 'forbidden', 'The agent pages are for people who sign in, not API keys');
  return caller;
}
