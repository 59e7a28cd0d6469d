import type { Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../app-env.ts';
import type { Caller } from '../auth/caller.ts';
import type { Permission } from '../auth/permissions.ts';
import type { TransactionSql } from '../db/pool.ts';
import { ANONYMOUS, withTenant } from '../db/tenant.ts';
import { HttpError } from '../http/errors.ts';
import { readJsonBody } from '../http/json-body.ts';

/** Who may call an endpoint: anyone, any signed-in member, or members whose role holds a permission. */
export type Access = 'public' | 'signed-in' | { permission: Permission };

type Schema = v.GenericSchema | v.GenericSchemaAsync;
type Out<S> = S extends Schema ? v.InferOutput<S> : undefined;
type MemberCaller = Extract<Caller, { kind: 'member' }>;

export interface HandlerContext<A extends Access, P, Q, B> {
  c: Context<AppEnv>;
  /** A transaction already scoped to the caller's org, user and role: RLS does the rest. */
  db: TransactionSql;
  caller: A extends 'public' ? Caller : MemberCaller;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
}

export interface EndpointSpec<A extends Access, P, Q, B> {
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Set false for the rare endpoint that must not open a transaction (the health check). */
  transaction?: boolean;
  /** Returns a Response, or a value sent as JSON with status 200. */
  handler(ctx: HandlerContext<A, P, Q, B>): Promise<unknown>;
}

/** What a file in functions/ default-exports; the router reads `auth` for the route table. */
export interface Endpoint {
  readonly kind: 'endpoint';
  readonly auth: Access;
  readonly hasBody: boolean;
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
export function endpoint<A extends Access, P extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, B extends Schema | undefined = undefined>(
  spec: EndpointSpec<A, P, Q, B>,
): Endpoint {
  return {
    kind: 'endpoint',
    auth: spec.auth,
    hasBody: spec.body !== undefined,
    async handle(c) {
      const caller = authorize(c, spec.auth);
      const params = await validate(spec.params, c.req.param(), 'path parameters');
      const query = await validate(spec.query, c.req.query(), 'query parameters');
      const body = spec.body ? await validate(spec.body, await readJsonBody(c), 'request body') : undefined;
      const run = async (db: TransactionSql) => {
        if (caller.kind === 'member' && spec.transaction !== false) await assertMembership(db, caller);
        const ctx = { c, db, caller, params, query, body } as HandlerContext<A, P, Q, B>;
        const result = await spec.handler(ctx);
        return result instanceof Response ? result : c.json(result as object);
      };
      if (spec.transaction === false) return run(undefined as unknown as TransactionSql);
      const scope = caller.kind === 'member' ? { orgId: caller.orgId, userId: caller.userId, role: caller.role } : ANONYMOUS;
      return withTenant(c.var.deps.sql, scope, run);
    },
  };
}

function authorize(c: Context<AppEnv>, access: Access): Caller {
  const caller = c.var.caller;
  if (access === 'public') return caller;
  if (caller.kind !== 'member') {
    throw new HttpError(401, 'unauthenticated', caller.authError ? `Sign in again: ${caller.authError}` : 'Sign in first: this endpoint needs a Bearer token', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (access !== 'signed-in' && !c.var.deps.rolePermissions.get(caller.role)?.has(access.permission)) {
    throw new HttpError(403, 'forbidden', `Your role (${caller.role}) does not have the ${access.permission} permission`);
  }
  return caller;
}

/**
 * A token is only as good as the membership it names: a member who was disabled, removed or
 * given another role is refused at once, not when the token expires. RLS limits the lookup to
 * the token's org.
 */
async function assertMembership(db: TransactionSql, caller: MemberCaller): Promise<void> {
  const [row] = await db`select 1 as ok from memberships where user_id = ${caller.userId} and role = ${caller.role} and disabled_at is null`;
  if (!row) throw new HttpError(401, 'unauthenticated', 'Sign in again: your membership of this organization has changed', undefined, { 'WWW-Authenticate': 'Bearer' });
}

async function validate<S extends Schema | undefined>(schema: S, input: unknown, what: string): Promise<Out<S>> {
  if (!schema) return undefined as Out<S>;
  const result = await v.safeParseAsync(schema, input);
  if (result.success) return result.output as Out<S>;
  const details = result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
  const first = details[0];
  throw new HttpError(400, 'validation_failed', `Invalid ${what}: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? 'invalid'}`, details);
}
