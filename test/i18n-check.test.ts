import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hardcodedTexts } from '#lib/i18n/check/hardcoded.ts';
import { catalogueProblems } from '#lib/i18n/check/keys.ts';
import { physicalCss } from '#lib/i18n/check/physical-css.ts';
import { localeFromAcceptLanguage } from '#lib/i18n/negotiate.ts';
import { guessLanguage } from '#lib/i18n/guess-language.ts';
import { withEnglishFallback } from '#lib/i18n/locales.ts';

const run = promisify(execFile);

/** `npm run i18n:check` as CI runs it, with more files to scan. */
async function check(extra: string[] = []): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'lib/cli/i18n-check.ts'], { env: { ...process.env, I18N_CHECK_EXTRA: extra.join(':') } });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('the catalogue check CI runs (npm run i18n:check)', () => {
  it('passes on the code as committed, and fails on a real page given a hard-coded English word', async () => {
    expect(await check()).toMatchObject({ code: 0 });
    const dir = await mkdtemp(path.join(tmpdir(), 'atum-i18n-'));
    try {
      // The sessions page, with one word written into it on purpose.
      const page = (await readFile('views/sessions-page.tsx', 'utf8')).replace('<h1>', '<h1><span>Refresh</span>');
      expect(page).toContain('<span>Refresh</span>');
      const file = path.join(dir, 'sessions-page.tsx');
      await writeFile(file, page);
      const failed = await check([file]);
      expect(failed.code).toBe(1);
      expect(failed.output).toContain(`${file}:`);
      expect(failed.output).toContain('"Refresh" is not from the catalogue');
      expect(failed.output).toContain('i18n check failed: 1 hard-coded texts, 0 catalogue problems');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('finds words in JSX text, read attributes, submit values and child expressions, and leaves code and markup alone', () => {
    const source = [
      'export const A = () => (',
      '  <form title="Filter tickets" class="stack wide" hx-confirm={"Delete it?"}>',
      '    Hello <b>{open ? "On" : "Off"}</b> · {count}',
      '    <input type="submit" value="Save" name="go" />',
      '    <input type="hidden" value="keep me" name="x" />',
      '    <code>curl -H Authorization</code>',
      '    <Card placeholder={`Search ${n} tickets`} heading="Inbox" />',
      '    {t("queue.title")} → ×',
      '  </form>',
      ');',
    ].join('\n');
    const found = hardcodedTexts('page.tsx', source).map((h) => [h.line, h.where, h.text]);
    expect(found).toEqual([
      [2, 'title', 'Filter tickets'],
      [2, 'hx-confirm', 'Delete it?'],
      [3, 'text', 'Hello'],
      [3, 'text', 'On'],
      [3, 'text', 'Off'],
      [4, 'value', 'Save'],
      [7, 'placeholder', 'Search … tickets'],
      [7, 'heading', 'Inbox'],
    ]);
  });

  it('names a key missing in another language, one extra, broken ICU, changed arguments and an unused key', () => {
    const en = { 'a.used': 'Hi {name}', 'a.plural': '{n, plural, one {# ticket} other {# tickets}}', 'a.unused': 'Never shown', 'a.missing': 'Only English' };
    const de = { 'a.used': 'Hallo {nam}', 'a.plural': '{n, plural, one {# Ticket} other {# Tickets}', 'a.unused': 'Nie', 'a.extra': 'Mehr' };
    const problems = catalogueProblems(['test/fixtures/i18n-uses.ts'], { en, de });
    expect(problems).toEqual([
      'de: missing a.missing',
      'de: a.extra is not in en',
      'de: a.used uses {nam} where en uses {name}',
      expect.stringMatching(/^de: a\.plural is not valid ICU/),
      'en: a.unused is not used anywhere',
    ]);
  });

  it('refuses left and right in the stylesheets, and the shipped ones have none', async () => {
    expect(physicalCss('x.css', '.a { margin-left: 1rem; }\n.b { margin-inline-start: 1rem; text-align: right; }\n.c { left: 0; }\n.d { border-left: 1px solid; }')).toEqual([
      'x.css:1: ".a { margin-left: 1rem; }" places by left/right: use the logical property',
      'x.css:2: ".b { margin-inline-start: 1rem; text-align: right; }" places by left/right: use the logical property',
      'x.css:3: ".c { left: 0; }" places by left/right: use the logical property',
      'x.css:4: ".d { border-left: 1px solid; }" places by left/right: use the logical property',
    ]);
    for (const file of ['views/assets/app.css', 'views/assets/ticket.css']) expect(physicalCss(file, await readFile(file, 'utf8'))).toEqual([]);
  });
});

describe('who reads in which language', () => {
  it('takes the best catalogue language from Accept-Language, regional tags by their language, malformed headers as absent', () => {
    expect(localeFromAcceptLanguage('de-AT,de;q=0.9,en;q=0.5')).toBe('de');
    expect(localeFromAcceptLanguage('fr-FR, en-GB;q=0.8, de;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('fr, es;q=0.5')).toBeNull();
    expect(localeFromAcceptLanguage('en;q=0.2, de;q=0.9')).toBe('de');
    expect(localeFromAcceptLanguage('de;q=0, en')).toBe('en');
    expect(localeFromAcceptLanguage(';;;,,,q=abc')).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
    expect(localeFromAcceptLanguage(`${'x-'.repeat(5000)}de`)).toBeNull();
  });

  it('guesses a first email’s language from Content-Language, else from its words, and says nothing when unsure', () => {
    expect(guessLanguage('anything', 'de-DE')).toBe('de');
    expect(guessLanguage('Hallo, ich habe eine Frage zu meiner Rechnung. Danke!', undefined)).toBe('de');
    expect(guessLanguage('Hello, I have a question about the invoice you sent me.', undefined)).toBe('en');
    expect(guessLanguage('Bonjour, j’ai une question', undefined)).toBeNull();
    expect(guessLanguage('', undefined)).toBeNull();
  });

  it('shows a missing translation in English and logs the gap once, naming the keys', () => {
    const logged: string[] = [];
    const merged = withEnglishFallback('de', { 'a.one': 'Eins' }, { 'a.one': 'One', 'a.two': 'Two' }, (line) => logged.push(line));
    expect(merged).toEqual({ 'a.one': 'Eins', 'a.two': 'Two' });
    expect(logged).toEqual(['catalogue de: 1 messages missing, shown in English: a.two']);
  });
});
