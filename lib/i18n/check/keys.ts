import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, ownMessagesOf } from '#lib/i18n/locales.ts';
import { messageArguments } from './icu.ts';

/**
 * The catalogue's own rules: every English key in every language and nothing more, every
 * message valid ICU with the English message's argument names, and every key used somewhere in
 * the code. A key counts as used when it appears as a quoted string in a source file: keys are
 * always written out (lib/i18n/labels.ts shows how for values), never built.
 */
export function catalogueProblems(sourceRoots: string[], catalogues: Record<string, Readonly<Record<string, string>>> = shippedCatalogues()): string[] {
  const problems: string[] = [];
  const en = catalogues.en ?? {};
  for (const [locale, own] of Object.entries(catalogues)) {
    for (const key of Object.keys(en)) if (!(key in own)) problems.push(`${locale}: missing ${key}`);
    for (const key of Object.keys(own)) if (!(key in en)) problems.push(`${locale}: ${key} is not in en`);
    for (const [key, text] of Object.entries(own)) {
      const args = messageArguments(text);
      if ('error' in args) {
        problems.push(`${locale}: ${key} is not valid ICU: ${args.error}`);
        continue;
      }
      const english = en[key] === undefined ? null : messageArguments(en[key]);
      if (english && 'names' in english && english.names.join() !== args.names.join()) problems.push(`${locale}: ${key} uses {${args.names}} where en uses {${english.names}}`);
    }
  }
  const used = usedKeys(sourceRoots, new Set(Object.keys(en)));
  for (const key of Object.keys(en)) if (!used.has(key)) problems.push(`en: ${key} is not used anywhere`);
  return problems;
}

function shippedCatalogues(): Record<string, Readonly<Record<string, string>>> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, ownMessagesOf(locale)]));
}

function usedKeys(roots: string[], keys: Set<string>): Set<string> {
  const used = new Set<string>();
  const quoted = /['"`]([a-z0-9_]+(?:\.[a-z0-9_]+)+)['"`]/g;
  for (const file of roots.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(quoted)) if (keys.has(match[1]!)) used.add(match[1]!);
  }
  return used;
}

/** Every .ts and .tsx file under a folder (or the file itself). */
export function sourceFiles(root: string): string[] {
  if (!statSync(root).isDirectory()) return /\.tsx?$/.test(root) ? [root] : [];
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}
