import type { JsonSchema } from '@valibot/to-json-schema';
import type { Child } from 'hono/jsx';
import { openApiDocument, type OpenApiDocument, type OpenApiOperation } from '../../lib/openapi.ts';
import { endpoint } from '../../lib/router/endpoint.ts';
import { Layout } from '../../views/layout.tsx';

const SPEC_URL = '/api/v1/openapi.json';

/**
 * GET /api/docs — the API reference for people: every operation from the same OpenAPI document
 * that GET /api/v1/openapi.json serves, rendered on the server (no script, no CDN).
 */
export default endpoint({
  auth: 'public',
  transaction: false,
  summary: 'The API reference as an HTML page.',
  tags: ['docs'],
  async handler({ c }) {
    const doc = await openApiDocument({ version: c.var.deps.version, serverUrl: c.var.deps.config.publicUrl });
    return c.html(<ApiDocsPage doc={doc} />);
  },
});

interface Op {
  method: string;
  path: string;
  op: OpenApiOperation;
}

function ApiDocsPage({ doc }: { doc: OpenApiDocument }) {
  const groups = new Map<string, Op[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? 'api';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...groups.keys()].sort();
  return (
    <Layout title="API">
      <h1>ATUM DESK API</h1>
      <p class="muted">
        Version {doc.info.version} · machine-readable: <a href={SPEC_URL}>OpenAPI 3.1 (JSON)</a>
      </p>
      <Intro />
      <h2>Contents</h2>
      <ul>
        {tags.map((tag) => (
          <li>
            <a href={`#tag-${tag}`}>{tag}</a>
            <span class="muted small"> · {groups.get(tag)!.map((o) => `${o.method.toUpperCase()} ${o.path}`).join(', ')}</span>
          </li>
        ))}
      </ul>
      {tags.map((tag) => (
        <section id={`tag-${tag}`}>
          <hr />
          <h2>{tag}</h2>
          {groups.get(tag)!.map((o) => (
            <Operation {...o} components={doc.components} />
          ))}
        </section>
      ))}
    </Layout>
  );
}

function Intro() {
  return (
    <section>
      <h2>Signing in</h2>
      <p>
        <code>POST /api/v1/auth/login</code> with <code>{'{"org": "<slug>", "email": "…", "password": "…"}'}</code> answers an <code>access_token</code> (15 minutes) and a{' '}
        <code>refresh_token</code>. With 2FA it answers <code>{'{"mfa_required": true, "mfa_token": "…"}'}</code> instead: send that token and a code to{' '}
        <code>POST /api/v1/auth/mfa</code>. Then send <code>Authorization: Bearer &lt;access_token&gt;</code> on every request, and renew with{' '}
        <code>POST /api/v1/auth/refresh</code> (the refresh token changes every time).
      </p>
      <p>
        <strong>API keys</strong> (<code>atk_…</code>, created by an admin under <code>POST /api/v1/api-keys</code>, shown once) go in the same header:{' '}
        <code>Authorization: Bearer atk_…</code>. A key works on endpoints that need one of its permissions, never on those for signed-in people.
      </p>
      <p>
        <strong>Retries:</strong> creating <code>POST</code>s that list an <code>Idempotency-Key</code> header run at most once per key (any 1-255 visible ASCII characters, kept
        24 hours); a retry with the same key gets the first answer.
      </p>
      <h2>Errors</h2>
      <p>Every error has one shape, with the HTTP status telling its class:</p>
      <pre>{'{"error": {"code": "validation_failed", "message": "Invalid request body: email: must be an email address",\n           "details": [{"path": "email", "message": "must be an email address"}]}}'}</pre>
      <p>
        400 invalid input · 401 no valid credentials · 403 not allowed · 404 not in your organization · 409 conflict · 413 too large · 422 refused by a rule · 429
        throttled (see <code>Retry-After</code>) · 503 database unavailable.
      </p>
    </section>
  );
}

function Operation({ method, path, op, components }: Op & { components: OpenApiDocument['components'] }) {
  const { schemas } = components;
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  const bodySchema = body ? resolve(body[1].schema, schemas) : undefined;
  return (
    <article id={op.operationId}>
      <h3>
        <code>
          {method.toUpperCase()} {path}
        </code>
      </h3>
      {lead(op) ? (
        <p>
          <strong>{inlineCode(lead(op)!)}</strong>
        </p>
      ) : null}
      {docText(op) ? <p>{inlineCode(docText(op))}</p> : null}
      <p class="small">
        <strong>Who: </strong>
        {op.description.split('\n\n').at(-1)}
      </p>
      {op.parameters.length ? (
        <>
          <h4>Parameters</h4>
          <Fields rows={op.parameters.map((p) => ({ name: p.name, where: p.in, required: p.required, schema: p.schema, note: p.description }))} schemas={schemas} />
        </>
      ) : null}
      {body && bodySchema ? (
        <>
          <h4>
            Body <span class="muted small">{body[0]}</span>
          </h4>
          {bodySchema.properties ? (
            <Fields
              rows={Object.entries(bodySchema.properties).map(([name, s]) => ({ name, where: 'body', required: bodySchema.required?.includes(name) ?? false, schema: typeof s === 'boolean' ? {} : s }))}
              schemas={schemas}
            />
          ) : null}
          {body[0] === 'application/json' ? (
            <>
              <h4>Example</h4>
              <pre>{JSON.stringify(exampleOf(bodySchema, schemas), null, 2)}</pre>
            </>
          ) : null}
          <details>
            <summary class="small">JSON Schema</summary>
            <pre>{JSON.stringify(body[1].schema, null, 2)}</pre>
          </details>
        </>
      ) : null}
      <h4>Answers</h4>
      <ul class="small">
        {Object.entries(op.responses).map(([status, r]) => (
          <li>
            <strong>{status}</strong> {inlineCode('$ref' in r ? (components.responses[r.$ref.split('/').pop()!]?.description ?? 'error') : r.description)}
          </li>
        ))}
      </ul>
    </article>
  );
}

interface Row {
  name: string;
  where: string;
  required: boolean;
  schema: JsonSchema;
  note?: string | undefined;
}

function Fields({ rows, schemas }: { rows: Row[]; schemas: Record<string, JsonSchema> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Name</th>
          <th>In</th>
          <th>Type</th>
          <th>Notes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <code>{r.name}</code>
              {r.required ? <span class="small"> (required)</span> : null}
            </td>
            <td class="small">{r.where}</td>
            <td>
              <code>{typeLabel(r.schema, schemas)}</code>
            </td>
            <td class="small">{[constraints(r.schema), r.note ?? r.schema.description].filter(Boolean).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The file's JSDoc, as the description holds it before its last paragraph (who may call it). */
function docText(op: OpenApiOperation): string {
  return op.description.split('\n\n').slice(0, -1).join(' ');
}

/** A declared summary that the JSDoc does not already say; a summary cut from the JSDoc is not repeated. */
function lead(op: OpenApiOperation): string | undefined {
  const doc = docText(op);
  if (!op.summary || op.summary.endsWith('…') || doc.startsWith(op.summary)) return doc ? undefined : op.summary;
  return op.summary;
}

/** `text with `code`` → text and <code> elements, so the Markdown of summaries reads well. */
function inlineCode(text: string): Child[] {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code>{part}</code> : part));
}

function resolve(s: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  const ref = s.$ref?.replace('#/components/schemas/', '');
  return ref !== undefined ? (schemas[ref] ?? {}) : s;
}

function typeLabel(raw: JsonSchema, schemas: Record<string, JsonSchema>): string {
  const s = resolve(raw, schemas);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  const options = s.anyOf ?? s.oneOf;
  if (options) return options.map((o) => (typeof o === 'boolean' ? 'any' : typeLabel(o, schemas))).join(' | ');
  if (s.type === 'array') return `${typeof s.items === 'object' && !Array.isArray(s.items) ? typeLabel(s.items, schemas) : 'any'}[]`;
  const type = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  return s.format ? `${type} (${s.format})` : type;
}

function constraints(s: JsonSchema): string {
  const out = [range('length', s.minLength, s.maxLength), range('items', s.minItems, s.maxItems), range('value', s.minimum, s.maximum)];
  if (s.pattern) out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out.filter(Boolean).join(', ');
}

function range(what: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${what} ${min}–${max}`;
  if (min !== undefined) return `${what} ≥ ${min}`;
  return max !== undefined ? `${what} ≤ ${max}` : '';
}

/** A plausible value for a schema: what a reader would type, not a random instance. */
function exampleOf(raw: JsonSchema, schemas: Record<string, JsonSchema>, depth = 0): unknown {
  const s = resolve(raw, schemas);
  if (depth > 8) return null;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const option = (s.anyOf ?? s.oneOf ?? s.allOf)?.find((o): o is JsonSchema => typeof o === 'object' && o.type !== 'null');
  if (option) return exampleOf(option, schemas, depth + 1);
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, p]) => [k, typeof p === 'boolean' ? null : exampleOf(p, schemas, depth + 1)]));
    case 'array':
      return typeof s.items === 'object' && !Array.isArray(s.items) ? [exampleOf(s.items, schemas, depth + 1)] : [];
    case 'string':
      return STRING_EXAMPLES[s.format ?? ''] ?? 'text';
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

const STRING_EXAMPLES: Record<string, string> = {
  email: 'ada@example.com',
  uuid: '0b5c3f6e-8d2a-4c1e-9f7b-2a6d4e8c1b3f',
  'date-time': '2026-01-31T12:00:00Z',
  date: '2026-01-31',
  uri: 'https://example.com/',
  binary: '<file>',
};
