/**
 * Adds or replaces messages in every catalogue file at once, sorted, under a lock so that two
 * people (or helpers) adding keys at the same time do not lose each other's:
 *
 *   npx tsx scripts/i18n-add.ts fragment.json
 *
 * where fragment.json is `{ "queue.title": { "en": "Queues", "de": "Warteschlangen" }, ... }`.
 * Each message must parse as ICU and use the same argument names in every language.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageArguments } from '#lib/i18n/check/icu.ts';
import { LOCALES } from '#lib/i18n/locales.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx scripts/i18n-add.ts fragment.json');
const fragment = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;

const problems: string[] = [];
for (const [key, byLocale] of Object.entries(fragment)) {
  if (!/^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(key)) problems.push(`${key}: keys are dotted lower_snake segments`);
  const english = messageArguments(byLocale.en ?? '');
  for (const locale of LOCALES) {
    const text = byLocale[locale];
    if (typeof text !== 'string' || text === '') {
      problems.push(`${key}: no ${locale} text`);
      continue;
    }
    const args = messageArguments(text);
    if ('error' in args) problems.push(`${key} (${locale}): ${args.error}`);
    else if ('names' in english && args.names.join() !== english.names.join()) problems.push(`${key} (${locale}): arguments ${args.names} differ from en ${english.names}`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const lock = 'locales/.lock';
for (let tries = 0; ; tries++) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (tries > 600) throw new Error(`${lock} held for a minute: remove it if no one is adding keys`);
    await sleep(100);
  }
}
try {
  for (const locale of LOCALES) {
    const path = `locales/${locale}.json`;
    const messages = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    for (const [key, byLocale] of Object.entries(fragment)) messages[key] = byLocale[locale]!;
    const sorted = Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
  }
  console.log(`[atum] ${Object.keys(fragment).length} messages added to ${LOCALES.join(', ')}`);
} finally {
  rmdirSync(lock);
}
