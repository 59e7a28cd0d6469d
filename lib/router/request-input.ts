import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '#lib/app-env.ts';
import { readUpload, readUploadForm, type Upload } from '#lib/attachments/multipart-upload.ts';
import { HttpError } from '#lib/http/errors.ts';
import { JSON_BODY_LIMIT, readJsonBody } from '#lib/http/json-body.ts';
import { type InputPart, refusalMessage } from '#lib/http/invalid-input.ts';
import { type IssueDetail, issueDetails } from '#lib/http/schema-issues.ts';
import { t } from '#lib/i18n/translate.ts';

export type Schema = v.GenericSchema | v.GenericSchemaAsync;
export type Out<S> = S extends Schema ? v.InferOutput<S> : undefined;

/**
 * A multipart/form-data upload. Alone, the file is required and there is no JSON body.
 * `form: true` is for page forms: the file is optional and the text fields come as `formFields`.
 * `withBody: true` is for API endpoints that take their JSON body either as is, or as the
 * multipart part `payload` next to an optional file.
 */
export interface UploadOption {
  field: string;
  form?: boolean;
  withBody?: boolean;
}

/** What an endpoint's handler gets from the request's body. */
interface RequestInput<B> {
  body: Out<B>;
  upload: Upload | undefined;
  formFields: Record<string, string>;
}

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

/**
 * Reads the body as the endpoint declares it: JSON checked against `body`, a file streamed to a
 * temp file (before any transaction opens, so a slow client never holds a database connection),
 * or, with `withBody`, either of a JSON body or a multipart `payload` with an optional file.
 * A temp file is removed here if what came with it is refused; otherwise by the caller.
 *
 * @example
 * const { body, upload } = await readRequestInput(c, NewTicketBody, { field: 'file', withBody: true });
 */
export async function readRequestInput<B extends Schema | undefined>(c: Context<AppEnv>, schema: B, upload: UploadOption | undefined): Promise<RequestInput<B>> {
  const multipart = MULTIPART.test(c.req.header('content-type') ?? '');
  if (!upload || (upload.withBody && !multipart)) {
    const body = schema ? await validate(schema, isBodyless(c) ? undefined : await readJsonBody(c), 'request body') : (undefined as Out<B>);
    return { body, upload: undefined, formFields: {} };
  }
  const options = { maxBytes: c.var.deps.config.attachmentMaxBytes, tmpDir: await uploadTmpDir(c), field: upload.field };
  if (!upload.form && !upload.withBody) return { body: undefined as Out<B>, upload: await readUpload(c, options), formFields: {} };
  // The payload may be as large as a JSON body.
  const received = await readUploadForm(c, upload.withBody ? { ...options, fieldBytes: JSON_BODY_LIMIT } : options);
  if (!upload.withBody) return { body: undefined as Out<B>, upload: received.upload, formFields: received.fields };
  try {
    return { body: await validate(schema, payloadOf(received.fields), 'request body'), upload: received.upload, formFields: {} };
  } catch (err) {
    if (received.upload) await rm(received.upload.tmpPath, { force: true });
    throw err;
  }
}

/** The JSON body sent as the multipart part `payload`. */
function payloadOf(fields: Record<string, string>): unknown {
  const payload = fields.payload;
  if (payload === undefined) throw new HttpError(400, 'validation_failed', t('validation.invalid_body', { message: t('error.problem.payload_part_missing') }));
  if (payload.trim() === '') throw new HttpError(400, 'invalid_json', t('error.payload_part_empty'));
  try {
    return JSON.parse(payload);
  } catch (err) {
    throw new HttpError(400, 'invalid_json', t('error.payload_part_invalid_json', { problem: (err as Error).message }));
  }
}

/** Under DATA_DIR, on the same filesystem as the attachment store, so storing is a rename. */
async function uploadTmpDir(c: Context<AppEnv>): Promise<string> {
  const dir = path.join(c.var.deps.config.dataDir, 'tmp');
  await mkdir(dir, { recursive: true, mode: 0o750 });
  return dir;
}

/** No body at all (no type, no length): a schema that allows `undefined` then decides. */
function isBodyless(c: Context<AppEnv>): boolean {
  return c.req.header('content-type') === undefined && (c.req.header('content-length') ?? '0') === '0' && c.req.header('transfer-encoding') === undefined;
}

export async function validate<S extends Schema | undefined>(schema: S, input: unknown, what: InputPart): Promise<Out<S>> {
  if (!schema) return undefined as Out<S>;
  const result = await v.safeParseAsync(schema, input);
  if (result.success) return result.output as Out<S>;
  throw new RefusedInput(what, issueDetails(result.issues), () => validate(schema, input, what));
}

/**
 * A 400 `validation_failed` for input a schema refused, worded in the current reader's language.
 * The input is checked before the caller's transaction, where a signed-in caller's own language
 * is learnt; `checkAgain` checks it once more, so endpoint() can throw the refusal again in it.
 */
export class RefusedInput extends HttpError<'validation_failed'> {
  constructor(
    part: InputPart,
    details: IssueDetail[],
    readonly checkAgain: () => Promise<unknown>,
  ) {
    super(400, 'validation_failed', refusalMessage(part, details), details);
  }
}
