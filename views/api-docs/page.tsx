import type { OpenApiDocument } from '#lib/openapi/types.ts';
import { Layout } from '#views/layout.tsx';
import { ApiDocsIntro } from './intro.tsx';
import { Operation, type Op } from './operation.tsx';

const SPEC_URL = '/api/v1/openapi.json';

/** The API reference: a contents list by tag, then every operation of the document, grouped so. */
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
    <Layout title="API">
      <h1>ATUM DESK API</h1>
      <p class="muted">
        Version {doc.info.version} · machine-readable: <a href={SPEC_URL}>OpenAPI 3.1 (JSON)</a>
      </p>
      <ApiDocsIntro />
      <h2>Contents</h2>
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
