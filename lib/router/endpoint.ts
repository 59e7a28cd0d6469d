import { rm } from 'node:fs/promises';
import type { Context } from 'hono';
import type { AppEnv } from '#lib/app-env.ts';
import type { ApiKeyCaller, Caller, MemberCaller } from '#lib/auth/caller.ts';
import type { Permission } from '#lib/auth/permissions.ts';
import { entryProofOf, type TransactionSql } from '#lib/db/pool.ts';
import { ANONYMOUS, withTenant } from '#lib/db/tenant.ts';
import { enterAsCaller } from '#lib/auth/enter-as-caller.ts';
import { HttpError } from '#lib/http/errors.ts';
import { assertCsrfHeader } from '#lib/http/csrf.ts';
import type { Upload } from '#lib/attachments/multipart-upload.ts';
import { refineReader } from '#lib/i18n/reader.ts';
import { checkedInCallersWords, readerOfPresented } from './caller-words.ts';
import { readRequestInput, type Out, type Schema, type UploadOption, validate } from './request-input.ts';
import { t } from '#lib/i18n/translate.ts';

/** Who may call an endpoint: anyone, any signed-in member, or members whose role holds a permission. */
export type Access = 'public' | 'signed-in' | { permission: Permission };

/** Who a handler sees: anyone for public endpoints, a person for 'signed-in', a person or an API key for a permission. */
type CallerFor<A extends Access> = A extends 'public' ? Caller : A extends 'signed-in' ? MemberCaller : MemberCaller | ApiKeyCaller;

/**
 * Who a page is for: any person signed in, or staff only (a customer is refused). Either way an
 * API key is refused, so a page handler's caller is always a person.
 */
export type PageAccess = 'person' | 'staff';

/** The caller a handler sees: a person on pages, else as `auth` admits. */
type HandlerCaller<A extends Access, G> = [G] extends [PageAccess] ? MemberCaller : CallerFor<A>;

/** A transaction already scoped to the caller's org, user and role: RLS does the rest. */
interface ScopedDb {
  db: TransactionSql;
}

/** What a handler receives; with `transaction: false` there is no `db` at all. */
type HandlerContext<A extends Access, P, Q, B, E = undefined, G = undefined, T extends boolean = true> = HandlerInput<A, P, Q, B, E, G> & ([T] extends [false] ? Record<never, never> : ScopedDb);

interface HandlerInput<A extends Access, P, Q, B, E, G> {
  c: Context<AppEnv>;
  caller: HandlerCaller<A, G>;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** The uploaded file of an `upload` endpoint, already streamed to a temp file (removed afterwards). */
  upload: Upload | undefined;
  /** The text fields of an `upload` endpoint with `form: true` (a page form with an optional file). */
  formFields: Record<string, string>;
  /** What `beforeTransaction` returned, if the endpoint has one. */
  early: E;
}

/** A documented answer of an endpoint, for the API docs only: nothing checks what a handler returns. */
interface EndpointResponse {
  description: string;
  schema?: Schema;
}

export interface EndpointSpec<A extends Access, P, Q, B, E = undefined, G extends PageAccess | undefined = undefined, T extends boolean = true> {
  auth: A;
  /** Set on pages: the handler's caller is a person (API keys get 403), and staff only when 'staff'. */
  page?: G;
  /** One line for the API docs; without it they use the first sentence of the file's JSDoc. */
  summary?: string;
  /** Groups in the API docs; without them the docs group by the path's first segment after /api/v1. */
  tags?: string[];
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A multipart/form-data upload: the docs show `field` as a binary file part. See UploadOption
   * for `form` (page forms) and `withBody` (a JSON body, or it as the part `payload` with a file).
   */
  upload?: UploadOption;
  /** Answers worth documenting, by status; the docs add the standard error answers themselves. */
  responses?: Record<number, EndpointResponse>;
  /**
   * Set false for a public endpoint that manages its own transactions (health, sign-in: a failed
   * sign-in must still commit its audit row and throttle count while answering 401).
   */
  transaction?: A extends 'public' ? T : true;
  /** Set for the few endpoints a person may use before enrolling in 2FA that their org requires. */
  duringMfaSetup?: boolean;
  /**
   * Work that must commit before the request's transaction opens, because a lock it takes must
   * not last that transaction (the per-org ticket number). It runs after the input is valid and
   * must be one autocommitted statement that checks the caller itself: the caller is only as
   * presented here, not yet checked against the database.
   */
  beforeTransaction?(ctx: { c: Context<AppEnv>; caller: Caller; ip: string }): Promise<E>;
  /** Returns a Response, or a value sent as JSON with status 200. */
  handler(ctx: HandlerContext<A, P, Q, B, E, G, T>): Promise<unknown>;
}

/** The declaration minus the handler: what tooling such as lib/openapi.ts may read about an endpoint. */
export interface EndpointDeclaration {
  summary?: string;
  tags?: string[];
  params?: Schema;
  query?: Schema;
  body?: Schema;
  upload?: UploadOption;
  responses?: Record<number, EndpointResponse>;
  auth: Access;
  duringMfaSetup?: boolean;
}

/** What a file in functions/ default-exports; the router reads `auth` for the route table. */
export interface Endpoint {
  readonly kind: 'endpoint';
  readonly auth: Access;
  readonly hasBody: boolean;
  /**
   * The schemas as declared, for docs and tooling; the router never reads it.
   *
   * @example
   * const { body } = (await import('#functions/api/v1/auth/login.post.ts')).default.spec;
   */
  readonly spec: EndpointDeclaration;
  handle(c: Context<AppEnv>): Promise<Response>;
}

/**
 * Declares an endpoint: who may call it, the valibot schemas of its input, and its handler.
 * The handler only runs once the caller is allowed and the input is valid, and it receives a
 * database handle scoped to the caller's tenant, never the pool.
 *
 * @example
 * export default endpoint({
 *   auth: { permission: 'users.read' },
 *   params: v.object({ id: v.pipe(v.string(), v.uuid()) }),
 *   async handler({ db, params }) {
 *     const [user] = await db`select id, email from users where id = ${params.id}`;
 *     if (!user) throw new HttpError(404, 'not_found', 'No such user in this organization');
 *     return user;
 *   },
 * });
 */
export function endpoint<
  A extends Access,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  E = undefined,
  G extends PageAccess | undefined = undefined,
  T extends boolean = true,
>(spec: EndpointSpec<A, P, Q, B, E, G, T>): Endpoint {
  return {
    kind: 'endpoint',
    auth: spec.auth,
    hasBody: spec.body !== undefined,
    spec: declarationOf(spec),
    async handle(c) {
      const presented = await authorize(c, spec.auth);
      const { params, query, body, upload, formFields } = await checkedInCallersWords(c, presented, spec.auth, spec.duringMfaSetup === true, async () => ({
        params: await validate(spec.params, c.req.param(), 'path parameters'),
        query: await validate(spec.query, c.req.query(), 'query parameters'),
        ...(await readRequestInput(c, spec.body, spec.upload)),
      }));
      const ip = c.var.clientIp;
      let early: E | undefined;
      const run = async (db: TransactionSql | undefined, caller: Caller | ApiKeyCaller) => {
        if (spec.page) assertPageCaller(caller, spec.page);
        const input = { c, caller, params, query, body, upload, formFields, early };
        const ctx = (db ? { ...input, db } : input) as HandlerContext<A, P, Q, B, E, G, T>;
        const result = await spec.handler(ctx);
        return result instanceof Response ? result : c.json(result as object);
      };
      try {
        if (spec.beforeTransaction) early = await spec.beforeTransaction({ c, caller: presented, ip });
        if (spec.transaction === false) return await run(undefined, presented);
        const pool = c.var.deps.unscoped;
        if (spec.auth === 'public') return await withTenant(pool, { ...ANONYMOUS, ip }, (db) => run(db, presented));
        const access = spec.auth as Exclude<Access, 'public'>;
        const duringMfaSetup = spec.duringMfaSetup === true;
        return (await pool.begin(async (db) => {
          const { caller, reader } = await enterAsCaller(db, presented, { access, ip, duringMfaSetup, proof: entryProofOf(pool), acceptLanguage: c.req.header('accept-language') });
          refineReader(reader);
          return run(db, caller);
        })) as Response;
      } finally {
        if (upload) await rm(upload.tmpPath, { force: true });
      }
    },
  };
}

/** The declaration without the handler; the schemas are the very objects given, not copies. */
function declarationOf<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined, E, G extends PageAccess | undefined, T extends boolean>(
  spec: EndpointSpec<Access, P, Q, B, E, G, T>,
): EndpointDeclaration {
  const { summary, tags, params, query, body, upload, responses, auth, duringMfaSetup } = spec;
  return { summary, tags, params, query, body, upload, responses, auth, duringMfaSetup };
}

/** What can be decided before touching the database: signed in at all, and the role's permission. */
async function authorize(c: Context<AppEnv>, access: Access): Promise<Caller> {
  const caller = c.var.caller;
  if (access === 'public') return caller;
  if (caller.kind === 'anonymous') {
    const message = caller.authError ? t('error.sign_in_again', { reason: caller.authError }) : t('error.sign_in_first');
    throw new HttpError(401, 'unauthenticated', message, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (caller.kind === 'api_key') {
    if (access === 'signed-in') throw new HttpError(403, 'forbidden', t('error.people_only_endpoint'));
    return caller;
  }
  if (caller.via === 'cookie') assertCsrfHeader(c);
  if (access !== 'signed-in' && !c.var.deps.rolePermissions.get(caller.role)?.has(access.permission)) {
    // Read by the person, in their own language, which only their tenant transaction can look up;
    // if that fails the refusal stands in the request's first language.
    const who = await readerOfPresented(c, caller, access, true).catch(() => null);
    if (who) refineReader(who);
    throw new HttpError(403, 'forbidden', t('error.role_lacks_permission', { role: caller.role, permission: access.permission }));
  }
  return caller;
}

/** Pages are for people: an API key that reached one is refused, and a customer a staff page. */
function assertPageCaller(caller: Caller | ApiKeyCaller, page: PageAccess): asserts caller is MemberCaller {
  if (caller.kind !== 'member') throw new HttpError(403, 'forbidden', t('error.pages_people_only'));
  if (page === 'staff' && caller.role === 'customer') throw new HttpError(403, 'forbidden', t('error.staff_pages_only'));
}
