import type { Child } from 'hono/jsx';
import { t, tRich } from '#lib/i18n/translate.ts';
import type { OpenApiDocument, OpenApiOperation } from '#lib/openapi/types.ts';
import { Fields } from './fields.tsx';
import { exampleOf } from './schema-example.ts';
import { resolve } from './schema-text.ts';

export interface Op {
  method: string;
  path: string;
  op: OpenApiOperation;
}

/**
 * One operation: what it does, who may call it, its parameters, body (with an example) and answers.
 * The headings are the reader's language; the summary, description and "who" line come from the
 * endpoint's JSDoc and access through the OpenAPI document, and stay English developer text.
 */
export function Operation({ method, path, op, components }: Op & { components: OpenApiDocument['components'] }) {
  const { schemas } = components;
  const body = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
  const bodySchema = body ? resolve(body[1].schema, schemas) : undefined;
  // An endpoint that takes its body as JSON or as multipart (`payload` beside a file) lists both.
  const alsoAs = op.requestBody ? Object.entries(op.requestBody.content).slice(1) : [];
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
        <strong>{t('api_docs.op.who')} </strong>
        {op.description.split('\n\n').at(-1)}
      </p>
      {op.parameters.length ? (
        <>
          <h4>{t('api_docs.op.parameters')}</h4>
          <Fields rows={op.parameters.map((p) => ({ name: p.name, where: p.in, required: p.required, schema: p.schema, note: p.description }))} schemas={schemas} />
        </>
      ) : null}
      {body && bodySchema ? (
        <>
          <h4>
            {t('api_docs.op.body')} <span class="muted small">{body[0]}</span>
          </h4>
          {bodySchema.properties ? (
            <Fields
              rows={Object.entries(bodySchema.properties).map(([name, s]) => ({
                name,
                where: 'body',
                required: bodySchema.required?.includes(name) ?? false,
                schema: typeof s === 'boolean' ? {} : s,
              }))}
              schemas={schemas}
            />
          ) : null}
          {body[0] === 'application/json' ? (
            <>
              <h4>{t('api_docs.op.example')}</h4>
              <pre>{JSON.stringify(exampleOf(bodySchema, schemas), null, 2)}</pre>
            </>
          ) : null}
          <details>
            <summary class="small">{t('api_docs.op.json_schema')}</summary>
            <pre>{JSON.stringify(body[1].schema, null, 2)}</pre>
          </details>
          {alsoAs.map(([type, media]) => (
            <p class="small">{tRich('api_docs.op.also_as', { type: <code>{type}</code>, parts: partsOf(resolve(media.schema, schemas)) })}</p>
          ))}
        </>
      ) : null}
      <h4>{t('api_docs.op.answers')}</h4>
      <ul class="small">
        {Object.entries(op.responses).map(([status, r]) => (
          <li>
            <strong>{status}</strong> {inlineCode('$ref' in r ? (components.responses[r.$ref.split('/').pop()!]?.description ?? t('api_docs.op.error_answer')) : r.description)}
          </li>
        ))}
      </ul>
    </article>
  );
}

/** The parts of a multipart body, each named with what it holds. */
function partsOf(schema: ReturnType<typeof resolve>): Child[] {
  return Object.entries(schema?.properties ?? {}).flatMap(([name, part], i) => [
    i ? ', ' : '',
    <code>{name}</code>,
    typeof part !== 'boolean' && part.description ? ` (${part.description})` : typeof part !== 'boolean' && part.format === 'binary' ? ` ${t('api_docs.op.a_file')}` : '',
  ]);
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
