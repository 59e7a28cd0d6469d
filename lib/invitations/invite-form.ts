import * as v from 'valibot';
import { maxCharsForPeople } from '#lib/http/validation-messages.ts';
import { password } from '#lib/http/schemas.ts';

/**
 * The invitation page's form as posted: the invitation's token, and for someone new their name
 * and a password typed twice (the first post carries no password: acceptInvitation says whether
 * one is needed).
 */
export const InviteForm = v.object({
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
  name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, maxCharsForPeople(200)))),
  password: v.optional(password),
  confirm: v.optional(v.string()),
});
