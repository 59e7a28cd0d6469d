import type { OpenApiDocument } from '#lib/openapi/types.ts';
import { t, tRich } from '#lib/i18n/translate.ts';
import { Layout } from '#views/layout.tsx';
import { ApiDocsIntro } from './intro.tsx';
import { Operation, type Op } from './operation.tsx';

const SPEC_URL = '/api/v1/openapi.json';

/**
 * The API reference: a contents list by tag, then every operation of the document, grouped so.
 * The page's own words are in the reader's language; what comes from the OpenAPI document
 * (tags, summaries and descriptions from the endpoints' JSDoc, schema descriptions) stays the
 * English developer text it is written in, the same as GET /api/v1/openapi.json serves.
 */
export function ApiDocsPage({ doc }: { doc: OpenApiDocument }) {
  const groups = new Map<string, Op[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? 'api';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  const tags = [...groups.keys()].sort();
  return (
    <Layout title={t('api_docs.title')}>
      <h1>{t('api_docs.heading')}</h1>
      <p class="muted">{tRich('api_docs.version', { version: doc.info.version, spec: (chunks) => <a href={SPEC_URL}>{chunks}</a> })}</p>
      <ApiDocsIntro />
      <h2>{t('api_docs.contents')}</h2>
      <ul>
        {tags.map((tag) => (
          <li>
            <a href={`#tag-${tag}`}>{tag}</a>
            <span class="muted small">
              {' '}
              ·{' '}
              {groups
                .get(tag)!
                .map((o) => `${o.method.toUpperCase()} ${o.path}`)
                .join(', ')}
            </span>
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
