import * as v from 'valibot';
import { LOCALES } from './locales.ts';
import { t } from './translate.ts';

/** A language the catalogue speaks, as an API field or form value; the message is chosen when checked. */
export const localeSchema = v.picklist(LOCALES, () => t('language.unknown', { locales: LOCALES.join(', ') }));
