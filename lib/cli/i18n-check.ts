/**
 * `npm run i18n:check` (in CI): fails when a .tsx file writes words people read straight into
 * JSX instead of taking them from the catalogue, or when the catalogue files disagree, hold
 * broken ICU, or keep a key nothing uses, or when a stylesheet places things by left and right
 * rather than by the start and end of a line (a right-to-left language would need a new layout).
 */
import { readFileSync } from 'node:fs';
import { hardcodedTexts } from '#lib/i18n/check/hardcoded.ts';
import { catalogueProblems, sourceFiles } from '#lib/i18n/check/keys.ts';
import { physicalCss } from '#lib/i18n/check/physical-css.ts';

const ROOTS = ['functions', 'lib', 'views', 'worker'];

// I18N_CHECK_EXTRA: more files to scan (the test that shows this check failing adds a page).
const extra = (process.env.I18N_CHECK_EXTRA ?? '').split(':').filter(Boolean);
const hardcoded = [...ROOTS.flatMap(sourceFiles), ...extra].filter((file) => file.endsWith('.tsx')).flatMap((file) => hardcodedTexts(file, readFileSync(file, 'utf8')));
for (const h of hardcoded) console.error(`${h.file}:${h.line}: ${h.where === 'text' ? 'text' : `${h.where}=`} "${h.text}" is not from the catalogue`);
const problems = [...catalogueProblems(ROOTS), ...['views/assets/app.css', 'views/assets/ticket.css'].flatMap((file) => physicalCss(file, readFileSync(file, 'utf8')))];
for (const p of problems) console.error(`catalogue: ${p}`);
if (hardcoded.length + problems.length > 0) {
  console.error(`[atum] i18n check failed: ${hardcoded.length} hard-coded texts, ${problems.length} catalogue problems`);
  process.exit(1);
}
console.log('[atum] i18n check: every JSX text is from the catalogue; every language has every key; every key is used; the CSS is logical');
