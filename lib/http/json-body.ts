import type { Context } from 'hono';
import { HttpError } from './errors.ts';
import { readCapped } from './read-capped.ts';
import { readIncomingCapped, unreadNodeRequest } from './read-incoming.ts';
import { t } from '#lib/i18n/translate.ts';

/** JSON bodies larger than this are refused; file uploads have their own, larger, limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** Written when it is said, in the reader's language. */
const tooLarge = () => t('error.json_too_large', { kib: String(JSON_BODY_LIMIT / 1024) });

/**
 * Reads a JSON request body with a size cap that holds while streaming, so an oversized body
 * is cut off rather than buffered. Non-JSON content types get 415, malformed JSON 400.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', t('error.json_content_type'));
  }
  const declared = Number(c.req.header('content-length'));
  if (declared > JSON_BODY_LIMIT) throw new HttpError(413, 'payload_too_large', tooLarge());
  const incoming = unreadNodeRequest(c);
  const bytes = incoming ? await readIncomingCapped(incoming, JSON_BODY_LIMIT, tooLarge) : await readCapped(c.req.raw.body, JSON_BODY_LIMIT, tooLarge);
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', t('error.json_empty'));
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'invalid_json', t('error.json_invalid', { problem: (err as Error).message }));
  }
}
