import type { JsonSchema } from '@valibot/to-json-schema';
import { t } from '#lib/i18n/translate.ts';
import { constraints, typeLabel } from './schema-text.ts';

interface Row {
  name: string;
  where: string;
  required: boolean;
  schema: JsonSchema;
  note?: string | undefined;
}

/** Parameters or body properties as a table: name, where, type and constraints (where and type as OpenAPI spells them). */
export function Fields({ rows, schemas }: { rows: Row[]; schemas: Record<string, JsonSchema> }) {
  return (
    <table>
      <thead>
        <tr>
          <th>{t('api_docs.fields.name')}</th>
          <th>{t('api_docs.fields.in')}</th>
          <th>{t('api_docs.fields.type')}</th>
          <th>{t('api_docs.fields.notes')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>
              <code>{r.name}</code>
              {r.required ? <span class="small"> {t('api_docs.fields.required')}</span> : null}
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
